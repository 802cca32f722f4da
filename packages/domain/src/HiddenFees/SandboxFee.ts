/**
 * Sandbox fee: a test environment sold separately. Charged in the quote when
 * the need brings it in; otherwise the finding says what adding it would cost.
 */
import { Effect } from "effect"
import type { AddOn } from "../FeeComponent.js"
import type { Finding, Rule } from "../HiddenFees.js"
import * as Messages from "../Messages.js"
import {
  baseline,
  componentCost,
  finding,
  isPositive,
  netUnder,
  priced,
  withNeed,
} from "./Impact.js"

export const SandboxFee: Rule<"sandbox-fee"> = {
  code: "sandbox-fee",
  run: (offer, profile) =>
    Effect.gen(function* () {
      const sandboxes = offer.components.filter(
        (c): c is AddOn => c._tag === "AddOn" && c.kind === "sandbox",
      )
      if (sandboxes.length === 0) return []
      const base = yield* baseline(offer, profile)
      const out: Array<Finding<"sandbox-fee">> = []
      for (const c of sandboxes) {
        const inQuote = componentCost(base, c.id)
        const charged = isPositive(inQuote)
        // Not in the quote: the same need with the sandbox selected, minus the quote.
        const money = charged
          ? inQuote
          : yield* netUnder(base, offer, withNeed(profile, { extras: [...profile.extras, c.id] }))
        if (!isPositive(money)) continue
        out.push(
          finding(
            "sandbox-fee",
            charged ? "warning" : "info",
            c.id,
            Messages.make("hiddenFee.sandbox", { component: c.name, charged, money }),
            priced(money),
          ),
        )
      }
      return out
    }),
}
