/** Self-hosting costs: what a free or open-source offer costs to run (infrastructure, administration, upgrades). */
import type { SelfHosting } from "../FeeComponent.js"
import * as Messages from "../Messages.js"
import { componentCostRule } from "./Impact.js"

export const SelfHostingCosts = componentCostRule({
  code: "self-hosting-costs",
  select: (c): c is SelfHosting => c._tag === "SelfHosting",
  severity: () => "warning",
  message: (_, money, quote) =>
    Messages.make("hiddenFee.selfHosting", { licence: quote.totalsByCategory.licence, money }),
})
