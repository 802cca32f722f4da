/**
 * Mid-term seat reductions not refunded: seats bought for a term are paid
 * until the renewal even when the need shrinks (Zoho bills licences, not
 * active users; Sugar and Freshsales wait for the cycle's end). The money is
 * each idle seat-month at the per-month share of the term price, with the
 * renewal uplift and any promotion of that month, rounded once.
 */
import { Effect } from "effect"
import type { AddOn, Category, Module, PerSeat, Promotion } from "../FeeComponent.js"
import type { Rule } from "../HiddenFees.js"
import * as Messages from "../Messages.js"
import { Decimal, Money, ONE, roundDecimal, ZERO } from "../Money.js"
import { billedUnder, termPrice } from "../Quote.js"
import { baseline, finding, isPositive, priced, seatComponents } from "./Impact.js"

export const SeatReductionsNotRefunded: Rule<"seat-reductions-not-refunded"> = {
  code: "seat-reductions-not-refunded",
  run: (offer, profile) =>
    Effect.gen(function* () {
      if (offer.seatReductions !== "at-renewal") return []
      const seatRules = seatComponents(offer)
      const mayCharge = offer.components.some(
        (c) => c._tag === "PerSeat" || ((c._tag === "Module" || c._tag === "AddOn") && c.perSeat),
      )
      if (!mayCharge) return []
      const base = yield* baseline(offer, profile)
      const T = base.termMonths
      // Monthly terms renew every month: a reduction waits at most until the next one.
      if (T === 1) return []
      const charged = new Set(base.lines.map((l) => l.componentId))
      const perSeat = offer.components.filter(
        (c): c is PerSeat | Module | AddOn =>
          c._tag === "PerSeat" ||
          ((c._tag === "Module" || c._tag === "AddOn") && c.perSeat && charged.has(c.id)),
      )
      const counted = perSeat[0]
      const seats = base.seatsByMonth
      const H = base.horizonMonths
      const discount = offer.terms.find((t) => t.months === T)?.discount ?? ZERO
      const uplifts = offer.components.flatMap((c) => (c._tag === "RenewalUplift" ? [c] : []))
      const promotions = offer.components.filter((c): c is Promotion => c._tag === "Promotion")
      const categoryOf = (c: PerSeat | Module | AddOn): Category =>
        c._tag === "PerSeat" ? "licence" : c._tag === "Module" ? "modules" : c.category

      let exact: Decimal = ZERO
      let seatMonths = 0
      for (let s = 0; s < H; s += T) {
        let factor = ONE
        for (const u of uplifts)
          factor = factor.times(ONE.plus(u.rate).pow(Math.floor(s / u.everyMonths)))
        for (const c of perSeat) {
          const first = Math.max(s, c.startMonth ?? 0)
          if (first >= s + T) continue
          const rules = c._tag === "PerSeat" ? [c] : seatRules
          const perMonth = termPrice(c.price, T, discount).times(factor).dividedBy(T)
          const category = categoryOf(c)
          let paid = billedUnder(rules, seats[first] ?? 0)
          for (let m = first; m < Math.min(s + T, H); m++) {
            const needed = billedUnder(rules, seats[m] ?? 0)
            paid = Math.max(paid, needed)
            const idle = paid - needed
            if (idle === 0) continue
            let share = ONE
            for (const p of promotions) {
              if (m < p.months && p.appliesTo.includes(category)) share = share.minus(p.percentOff)
            }
            exact = exact.plus(perMonth.times(idle).times(Decimal.max(ZERO, share)))
            if (c === counted) seatMonths += idle
          }
        }
      }
      const money = Money.make(roundDecimal(exact, base.currency, offer.rounding), base.currency)
      if (!isPositive(money)) return []
      return [
        finding(
          "seat-reductions-not-refunded",
          "warning",
          counted?.id,
          Messages.make("hiddenFee.seatReductions", { seatMonths, termMonths: T, money }),
          priced(money),
        ),
      ]
    }),
}
