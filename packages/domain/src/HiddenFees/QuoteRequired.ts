/**
 * Quote required (需询价): a part the need brings in whose price is not
 * published. It is never priced as zero: the finding carries no amount, and
 * the quote's total is a lower bound.
 */
import { Effect } from "effect"
import type { Rule } from "../HiddenFees.js"
import * as Messages from "../Messages.js"
import { baseline, finding, quoteRequired } from "./Impact.js"

export const QuoteRequired: Rule<"quote-required"> = {
  code: "quote-required",
  run: (offer, profile) =>
    Effect.gen(function* () {
      if (!offer.components.some((c) => c._tag === "Unpriced")) return []
      const base = yield* baseline(offer, profile)
      return base.unpriced.map((part) =>
        finding(
          "quote-required",
          "critical",
          part.componentId,
          Messages.make("hiddenFee.quoteRequired", {
            component: part.name,
            reason: part.reason,
            neededFor: part.neededFor,
          }),
          quoteRequired,
        ),
      )
    }),
}
