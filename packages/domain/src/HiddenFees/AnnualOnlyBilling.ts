/**
 * Annual-only billing: the offer sells no term shorter than a year, so a
 * year is paid in advance at signing. It adds no money over the horizon by
 * itself (unused prepaid months are PrepaidTermLonger's); the finding is the
 * cash committed up front, shown in its message.
 */
import { Effect } from "effect"
import type { Rule } from "../HiddenFees.js"
import * as Messages from "../Messages.js"
import { fromMinor, zero } from "../Money.js"
import { baseline, finding, isTermBilled, paidIn, priced } from "./Impact.js"

export const AnnualOnlyBilling: Rule<"annual-only-billing"> = {
  code: "annual-only-billing",
  run: (offer, profile) =>
    Effect.gen(function* () {
      const shortest = Math.min(...offer.terms.map((t) => t.months))
      if (shortest < 12) return []
      const base = yield* baseline(offer, profile)
      let units = 0n
      for (const line of base.lines) if (isTermBilled(line)) units += paidIn(line, 0)
      if (units <= 0n) return []
      return [
        finding(
          "annual-only-billing",
          "warning",
          undefined,
          Messages.make("hiddenFee.annualOnly", {
            shortestMonths: shortest,
            termMonths: base.termMonths,
            upfront: fromMinor(units, base.currency),
          }),
          priced(zero(base.currency)),
        ),
      ]
    }),
}
