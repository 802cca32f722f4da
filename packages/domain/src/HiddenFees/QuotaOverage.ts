/**
 * Quota overage (records, storage, API calls, contacts, emails...): usage
 * forecast above what the plan includes, priced by the offer's usage
 * components; or above a quota of `limits.quotas` that no published price
 * covers (quote required), or that cannot be exceeded at all (hard).
 */
import { Effect } from "effect"
import type { Usage } from "../FeeComponent.js"
import type { Finding, Rule } from "../HiddenFees.js"
import * as Messages from "../Messages.js"
import { ZERO } from "../Money.js"
import type { Profile } from "../Profile.js"
import * as Quote from "../Quote.js"
import {
  baseline,
  finding,
  isPositive,
  netOver,
  priced,
  quoteRequired,
  seatComponents,
  withNeed,
} from "./Impact.js"

/**
 * The period of a usage component most over what it includes: its quantity
 * and what was included (per billed seat, as the engine counts it).
 */
const worstPeriod = (c: Usage, profile: Profile, billed: ReadonlyArray<number>) => {
  const H = profile.horizonMonths
  const monthly = Quote.usageByMonth(
    profile.usage.find((u) => u.metric === c.metric),
    H,
  )
  const periodMonths = c.period === "month" ? 1 : 12
  let worst = { quantity: ZERO, included: ZERO, over: ZERO }
  for (let s = 0; s < H; s += periodMonths) {
    let quantity = ZERO
    for (let m = s; m < Math.min(s + periodMonths, H); m++) {
      const q = monthly[m] ?? ZERO
      quantity = c.measure === "sum" ? quantity.plus(q) : quantity.gt(q) ? quantity : q
    }
    let included = c.included?.units ?? ZERO
    if (c.included?.perSeat !== undefined)
      included = included.plus(c.included.perSeat.times(billed[s] ?? 0))
    const over = quantity.minus(included)
    if (over.gt(worst.over)) worst = { quantity, included, over }
  }
  return worst
}

export const QuotaOverage: Rule<"quota-overage"> = {
  code: "quota-overage",
  run: (offer, profile) =>
    Effect.gen(function* () {
      const metered = offer.components.filter((c): c is Usage => c._tag === "Usage")
      const quotas = offer.limits.quotas
      const metrics = [
        ...new Set([...metered.map((c) => c.metric), ...quotas.map((q) => q.metric)]),
      ]
      const forecast = new Set(profile.usage.map((u) => u.metric))
      if (!metrics.some((m) => forecast.has(m))) return []
      const base = yield* baseline(offer, profile)
      // Per-seat quotas and inclusions count licensed seats: after minimums and bundles.
      const rules = seatComponents(offer)
      const billed = base.seatsByMonth.map((s) => Quote.billedUnder(rules, s))
      const out: Array<Finding<"quota-overage">> = []
      for (const metric of metrics) {
        if (!forecast.has(metric)) continue
        const usage = Quote.usageByMonth(
          profile.usage.find((u) => u.metric === metric),
          base.horizonMonths,
        )
        const broken = quotas.flatMap((quota) => {
          if (quota.metric !== metric) return []
          const hit = Quote.quotaBreach(quota, usage, billed)
          return hit === undefined ? [] : [{ quota, ...hit }]
        })
        const hard = broken.find((b) => b.quota.hard)
        const components = metered.filter((c) => c.metric === metric)
        // Priced overage: the same offer for a need without this usage; the difference is the overage.
        const money =
          hard === undefined && components.length > 0
            ? yield* netOver(
                base,
                offer,
                withNeed(profile, { usage: profile.usage.filter((u) => u.metric !== metric) }),
              )
            : undefined
        const first = components[0]
        if (money !== undefined && isPositive(money) && first !== undefined) {
          const worst = worstPeriod(first, profile, billed)
          out.push(
            finding(
              "quota-overage",
              "warning",
              first.id,
              Messages.make("hiddenFee.usageOverage", {
                metric,
                quantity: worst.quantity,
                included: worst.included,
                period: first.period,
                money,
              }),
              priced(money),
            ),
          )
          continue
        }
        const shown = hard ?? broken[0]
        if (shown === undefined) continue
        out.push(
          finding(
            "quota-overage",
            shown.quota.hard ? "critical" : "warning",
            undefined,
            Messages.make("hiddenFee.quotaExceeded", {
              metric,
              units: shown.quota.units,
              per: shown.quota.per,
              usage: shown.usage,
              month: shown.month + 1,
              hard: shown.quota.hard,
            }),
            quoteRequired,
          ),
        )
      }
      return out
    }),
}
