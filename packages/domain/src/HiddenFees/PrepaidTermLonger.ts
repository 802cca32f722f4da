/**
 * Prepaid term longer than the need: whole terms are prepaid, so months
 * past the horizon are paid for and never used (DESIGN.md: ceil(H ÷ T)
 * prepaid terms). The money is what the quote accrues to those months.
 */
import { Effect } from "effect"
import type { Rule } from "../HiddenFees.js"
import * as Messages from "../Messages.js"
import { fromMinor } from "../Money.js"
import * as Quote from "../Quote.js"
import { accruedFrom, baseline, finding, isPositive, isTermBilled, priced } from "./Impact.js"

export const PrepaidTermLonger: Rule<"prepaid-term-longer"> = {
  code: "prepaid-term-longer",
  run: (offer, profile) =>
    Effect.gen(function* () {
      if (offer.terms.every((t) => t.months === 1)) return []
      const base = yield* baseline(offer, profile)
      if (base.unusedPrepaidMonths === 0) return []
      let units = 0n
      for (const line of base.lines) {
        if (isTermBilled(line)) units += accruedFrom(line, base.horizonMonths)
      }
      const money = fromMinor(units, base.currency)
      if (!isPositive(money)) return []
      const available = yield* Quote.availableTerms(offer, profile)
      // Warning when the buyer has no shorter term to choose; info when the longer term still wins on price.
      const forced = !available.some((t) => t < base.termMonths)
      return [
        finding(
          "prepaid-term-longer",
          forced ? "warning" : "info",
          undefined,
          Messages.make("hiddenFee.prepaidTermLonger", {
            termMonths: base.termMonths,
            horizonMonths: base.horizonMonths,
            unusedMonths: base.unusedPrepaidMonths,
            forced,
            money,
          }),
          priced(money),
        ),
      ]
    }),
}
