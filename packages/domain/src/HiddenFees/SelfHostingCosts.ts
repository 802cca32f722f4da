/** Self-hosting costs: what a free or open-source offer costs to run (infrastructure, administration, upgrades). */
import { Effect } from "effect"
import type { Finding, Rule } from "../HiddenFees.js"
import * as Messages from "../Messages.js"
import { baseline, componentCost, finding, isPositive, priced } from "./Impact.js"

export const SelfHostingCosts: Rule<"self-hosting-costs"> = {
  code: "self-hosting-costs",
  run: (offer, profile) =>
    Effect.gen(function* () {
      const hosting = offer.components.filter((c) => c._tag === "SelfHosting")
      if (hosting.length === 0) return []
      const base = yield* baseline(offer, profile)
      const out: Array<Finding<"self-hosting-costs">> = []
      for (const c of hosting) {
        const money = componentCost(base, c.id)
        if (!isPositive(money)) continue
        out.push(
          finding(
            "self-hosting-costs",
            "warning",
            c.id,
            Messages.make("hiddenFee.selfHosting", {
              licence: base.totalsByCategory.licence,
              money,
            }),
            priced(money),
          ),
        )
      }
      return out
    }),
}
