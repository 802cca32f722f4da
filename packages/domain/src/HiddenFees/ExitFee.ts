/**
 * Data export or exit fee: what it costs to take the data out or leave.
 * Charged in the quote when mandatory; otherwise it is paid on leaving, and
 * its amount is what a buyer must plan for.
 */
import { Effect } from "effect"
import type { OneTime } from "../FeeComponent.js"
import type { Finding, Rule } from "../HiddenFees.js"
import * as Messages from "../Messages.js"
import { Money, roundDecimal } from "../Money.js"
import { baseline, componentCost, finding, isPositive, priced } from "./Impact.js"

export const ExitFee: Rule<"exit-fee"> = {
  code: "exit-fee",
  run: (offer, profile) =>
    Effect.gen(function* () {
      const exits = offer.components.filter(
        (c): c is OneTime => c._tag === "OneTime" && c.kind === "data-export",
      )
      if (exits.length === 0) return []
      const base = yield* baseline(offer, profile)
      const out: Array<Finding<"exit-fee">> = []
      for (const c of exits) {
        const inQuote = componentCost(base, c.id)
        const money = isPositive(inQuote)
          ? inQuote
          : Money.make(roundDecimal(c.amount, base.currency, offer.rounding), base.currency)
        if (!isPositive(money)) continue
        out.push(
          finding(
            "exit-fee",
            "warning",
            c.id,
            Messages.make("hiddenFee.exitFee", {
              component: c.name,
              mandatory: c.mandatory,
              money,
            }),
            priced(money),
          ),
        )
      }
      return out
    }),
}
