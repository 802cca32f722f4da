/** Mandatory onboarding or implementation: a one-time service that must be bought with the plan. */
import type { OneTime } from "../FeeComponent.js"
import * as Messages from "../Messages.js"
import { componentCostRule } from "./Impact.js"

export const MandatoryOnboarding = componentCostRule({
  code: "mandatory-onboarding",
  select: (c): c is OneTime =>
    c._tag === "OneTime" && c.mandatory && (c.kind === "onboarding" || c.kind === "implementation"),
  severity: () => "warning",
  message: (c, money) =>
    Messages.make("hiddenFee.mandatoryOnboarding", { component: c.name, kind: c.kind, money }),
})
