/** Tax not included: prices exclude tax (VAT on top), by the offer's terms or the need's. */
import { Effect } from "effect"
import type { Tax } from "../FeeComponent.js"
import type { Rule } from "../HiddenFees.js"
import * as Messages from "../Messages.js"
import { baseline, finding, isPositive, priced, quoteRequired } from "./Impact.js"

export const TaxNotIncluded: Rule<"tax-not-included"> = {
  code: "tax-not-included",
  run: (offer, profile) =>
    Effect.gen(function* () {
      const tax = offer.components.find((c): c is Tax => c._tag === "Tax")
      const mode = profile.tax?.mode ?? tax?.mode ?? "exclusive"
      const rate = profile.tax?.rate ?? tax?.rate
      if (mode !== "exclusive") return []
      if (rate === undefined) {
        // Only the offer can say its prices exclude tax; with neither a rate nor a statement, nothing is known.
        if (tax === undefined) return []
        return [
          finding(
            "tax-not-included",
            "warning",
            tax.id,
            Messages.make("hiddenFee.taxRateUnknown", { component: tax.name }),
            quoteRequired,
          ),
        ]
      }
      if (rate.isZero()) return []
      const base = yield* baseline(offer, profile)
      if (!isPositive(base.tax)) return []
      return [
        finding(
          "tax-not-included",
          "info",
          tax?.id,
          Messages.make("hiddenFee.taxExclusive", { rate, money: base.tax }),
          priced(base.tax),
        ),
      ]
    }),
}
