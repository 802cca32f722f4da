/**
 * Promotion expiry: an introductory discount that ends inside the horizon.
 * The money is what the buyer pays above the promoted price once it ends:
 * the quote as it is, minus the quote with the promotion lasting the whole
 * horizon.
 */
import { Effect } from "effect"
import { Promotion } from "../FeeComponent.js"
import type { Finding, Rule } from "../HiddenFees.js"
import * as Messages from "../Messages.js"
import { baseline, finding, isPositive, netOver, priced, withComponent } from "./Impact.js"

export const PromotionExpiry: Rule<"promotion-expiry"> = {
  code: "promotion-expiry",
  run: (offer, profile) =>
    Effect.gen(function* () {
      const expiring = offer.components.filter(
        (c): c is Promotion => c._tag === "Promotion" && c.months < profile.horizonMonths,
      )
      if (expiring.length === 0) return []
      const base = yield* baseline(offer, profile)
      const covered = Math.ceil(base.horizonMonths / base.termMonths) * base.termMonths
      const out: Array<Finding<"promotion-expiry">> = []
      for (const p of expiring) {
        const lasting = withComponent(offer, new Promotion({ ...p, months: covered }))
        const money = yield* netOver(base, lasting, profile)
        if (!isPositive(money)) continue
        out.push(
          finding(
            "promotion-expiry",
            "warning",
            p.id,
            Messages.make("hiddenFee.promotionExpiry", {
              component: p.name,
              percent: p.percentOff,
              months: p.months,
              money,
            }),
            priced(money),
          ),
        )
      }
      return out
    }),
}
