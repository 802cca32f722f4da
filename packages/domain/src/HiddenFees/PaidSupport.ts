/**
 * Paid support: a support plan charged on top of the licence, or support
 * priced as a percentage of it (Salesforce Premier: 20–30 % of net licence).
 */
import { Effect } from "effect"
import type { FeeComponent } from "../FeeComponent.js"
import type { Finding, Rule } from "../HiddenFees.js"
import * as Messages from "../Messages.js"
import { baseline, componentCost, finding, isPositive, priced } from "./Impact.js"

const isSupport = (c: FeeComponent): boolean =>
  (c._tag === "Percentage" && c.category === "support") ||
  (c._tag === "AddOn" && (c.kind === "support-plan" || c.category === "support")) ||
  (c._tag === "Platform" && c.category === "support")

export const PaidSupport: Rule<"paid-support"> = {
  code: "paid-support",
  run: (offer, profile) =>
    Effect.gen(function* () {
      const support = offer.components.filter(isSupport)
      if (support.length === 0) return []
      const base = yield* baseline(offer, profile)
      const out: Array<Finding<"paid-support">> = []
      for (const c of support) {
        const money = componentCost(base, c.id)
        if (!isPositive(money)) continue
        // Support the buyer chose is no surprise; support that comes with the plan is.
        const severity = profile.extras.includes(c.id) ? "info" : "warning"
        out.push(
          finding(
            "paid-support",
            severity,
            c.id,
            c._tag === "Percentage"
              ? Messages.make("hiddenFee.percentageSupport", {
                  component: c.name,
                  rate: c.rate,
                  base: c.base,
                  money,
                })
              : Messages.make("hiddenFee.paidSupport", { component: c.name, money }),
            priced(money),
          ),
        )
      }
      return out
    }),
}
