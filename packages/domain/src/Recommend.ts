/**
 * Recommendation (明确需求 → 选型): keep only the offers that meet the need
 * — required modules and integrations available, seat limits, quotas met or
 * their overage accepted — rank the kept ones by total, and say why for
 * every offer, kept or dropped, in words a buyer understands.
 */
import { Effect } from "effect"
import * as BreakEven from "./BreakEven.js"
import * as Compare from "./Compare.js"
import { offerLabel } from "./Errors.js"
import type { PerSeat, Usage } from "./FeeComponent.js"
import * as Messages from "./Messages.js"
import { type Currency, type Decimal, Money, ZERO } from "./Money.js"
import type { Offer } from "./Offer.js"
import type { Profile } from "./Profile.js"
import * as Quote from "./Quote.js"

export interface Options {
  /** Accept paying overage where a forecast exceeds a soft quota (default false). */
  readonly acceptOverage?: boolean
}

export interface Kept {
  readonly rank: number
  readonly offerId: string
  readonly quote: Quote.Quote
  /** Total in the comparison currency. */
  readonly total: Money
  readonly npv: Money | undefined
  readonly term: Compare.CheapestTerm
  /** False when a part is quote-only and the total leaves it out. */
  readonly complete: boolean
  readonly reasons: ReadonlyArray<Messages.Message>
}

export interface Dropped {
  readonly offerId: string
  readonly reasons: ReadonlyArray<Messages.Message>
}

export interface Recommendation {
  readonly currency: Currency
  /** The offers that meet the need, cheapest first. */
  readonly kept: ReadonlyArray<Kept>
  readonly dropped: ReadonlyArray<Dropped>
  readonly summary: ReadonlyArray<Messages.Message>
}

/** Where a need is met: included, sold (module or add-on), quote-only, or not at all. */
type Availability =
  | { readonly kind: "included" }
  | { readonly kind: "sold"; readonly componentIds: ReadonlyArray<string> }
  | { readonly kind: "quote-only" }
  | { readonly kind: "missing" }

const availability = (offer: Offer, what: string, isModule: boolean): Availability => {
  const included = isModule ? offer.includes.modules : offer.includes.integrations
  if (included.includes(what)) return { kind: "included" }
  const sold: Array<string> = []
  let quoteOnly = false
  for (const c of offer.components) {
    if (
      (isModule && c._tag === "Module" && c.module === what) ||
      (c._tag === "AddOn" && c.requiredFor.includes(what))
    )
      sold.push(c.id)
    if (c._tag === "Unpriced" && c.requiredFor.includes(what)) quoteOnly = true
  }
  if (sold.length > 0) return { kind: "sold", componentIds: sold }
  return quoteOnly ? { kind: "quote-only" } : { kind: "missing" }
}

/** The net charges of some components in a quote (tax lines excluded). */
const chargesOf = (quote: Quote.Quote, ids: ReadonlySet<string>): Money => {
  let total = ZERO
  for (const l of quote.lines)
    if (l.kind === "charge" && ids.has(l.componentId)) total = total.plus(l.amount.amount)
  return Money.make(total, quote.currency)
}

/** Add-ons an add-on requires, followed transitively: they are bought with it. */
const withRequired = (offer: Offer, ids: ReadonlyArray<string>): Set<string> => {
  const out = new Set<string>()
  const visit = (id: string) => {
    if (out.has(id)) return
    out.add(id)
    const c = offer.components.find((x) => x.id === id)
    if (c?._tag === "AddOn") for (const r of c.requires) visit(r)
  }
  for (const id of ids) visit(id)
  return out
}

interface QuotaBreach {
  readonly metric: string
  readonly need: Decimal
  readonly quota: Decimal
  /** 1-based month in which the forecast first exceeds the quota. */
  readonly month: number
  readonly hard: boolean
}

/** The first month in which each quota of the offer is exceeded by the forecast (Quote.quotaBreach). */
const quotaBreaches = (offer: Offer, profile: Profile): Array<QuotaBreach> => {
  const H = profile.horizonMonths
  const rules = offer.components.filter((c): c is PerSeat => c._tag === "PerSeat")
  const billed = Quote.seatsByMonth(profile).map((s) => Quote.billedUnder(rules, s))
  const out: Array<QuotaBreach> = []
  for (const q of offer.limits.quotas) {
    const forecast = profile.usage.find((u) => u.metric === q.metric)
    if (forecast === undefined) continue
    const hit = Quote.quotaBreach(q, Quote.usageByMonth(forecast, H), billed)
    if (hit === undefined) continue
    const quota = q.per === "seat" ? q.units.times(billed[hit.month] ?? 0) : q.units
    out.push({ metric: q.metric, need: hit.usage, quota, month: hit.month + 1, hard: q.hard })
  }
  return out
}

/** Keep the offers that meet the need, rank them by total, and give the reasons for each. */
export const make = Effect.fn("Recommend.make")(function* (
  offers: ReadonlyArray<Offer>,
  profile: Profile,
  options?: Options,
) {
  const acceptOverage = options?.acceptOverage ?? false
  const currency = yield* BreakEven.comparisonCurrency(offers, profile)
  const seats = Quote.seatsByMonth(profile)
  const dropped: Array<Dropped> = []
  const candidates: Array<{
    offer: Offer
    reasons: Array<Messages.Message>
    late: (q: Quote.Quote) => Array<Messages.Message>
  }> = []

  for (const offer of offers) {
    const name = offerLabel(offer)
    const reasons: Array<Messages.Message> = []
    const costed: Array<(q: Quote.Quote) => Messages.Message> = []
    let fits = true
    for (const module of profile.modules) {
      const a = availability(offer, module, true)
      if (a.kind === "included")
        reasons.push(Messages.make("recommend.moduleIncluded", { offer: name, module }))
      else if (a.kind === "sold") {
        const ids = withRequired(offer, a.componentIds)
        costed.push((q) =>
          Messages.make("recommend.moduleSold", { offer: name, module, cost: chargesOf(q, ids) }),
        )
      } else if (a.kind === "missing") {
        reasons.push(Messages.make("recommend.missingModule", { offer: name, module }))
        fits = false
      }
    }
    for (const integration of profile.integrations) {
      const a = availability(offer, integration, false)
      if (a.kind === "included")
        reasons.push(Messages.make("recommend.integrationIncluded", { offer: name, integration }))
      else if (a.kind === "sold") {
        const ids = withRequired(offer, a.componentIds)
        costed.push((q) =>
          Messages.make("recommend.integrationSold", {
            offer: name,
            integration,
            cost: chargesOf(q, ids),
          }),
        )
      } else if (a.kind === "missing") {
        reasons.push(Messages.make("recommend.missingIntegration", { offer: name, integration }))
        fits = false
      }
    }
    let limit = offer.limits.maxSeats ?? Number.POSITIVE_INFINITY
    for (const c of offer.components)
      if (c._tag === "PerSeat" && c.maxSeats !== undefined) limit = Math.min(limit, c.maxSeats)
    const over = seats.findIndex((s) => s > limit)
    if (over >= 0) {
      reasons.push(
        Messages.make("recommend.seatLimit", {
          offer: name,
          seats: seats[over] ?? 0,
          maxSeats: limit,
          month: over + 1,
        }),
      )
      fits = false
    }
    for (const b of quotaBreaches(offer, profile)) {
      const base = { offer: name, metric: b.metric, need: b.need, quota: b.quota }
      const metered = offer.components.filter(
        (c): c is Usage => c._tag === "Usage" && c.metric === b.metric,
      )
      if (b.hard) {
        reasons.push(Messages.make("recommend.quotaHard", { ...base, month: b.month }))
        fits = false
      } else if (!acceptOverage) {
        reasons.push(Messages.make("recommend.overageRejected", { ...base, month: b.month }))
        fits = false
      } else if (metered.length === 0) {
        reasons.push(Messages.make("recommend.overageUnpriced", base))
      } else {
        const ids = new Set(metered.map((c) => c.id))
        costed.push((q) =>
          Messages.make("recommend.overageAccepted", { ...base, cost: chargesOf(q, ids) }),
        )
      }
    }
    if (fits) candidates.push({ offer, reasons, late: (q) => costed.map((f) => f(q)) })
    else dropped.push({ offerId: offer.id, reasons })
  }

  const { ranking, failed } = yield* Compare.rank(
    candidates.map((c) => c.offer),
    profile,
  )
  for (const f of failed) {
    const c = candidates.find((x) => x.offer.id === f.offerId)
    if (c !== undefined)
      dropped.push({
        offerId: f.offerId,
        reasons: [...c.reasons, f.message],
      })
  }
  const kept: Array<Kept> = []
  for (const r of ranking) {
    const c = candidates.find((x) => x.offer.id === r.offerId)
    if (c === undefined) continue
    const name = offerLabel(c.offer)
    const reasons: Array<Messages.Message> = [
      Messages.make("recommend.kept", { offer: name, rank: r.rank, total: r.total }),
    ]
    if (r.rank > 1 && r.gapPercent !== undefined)
      reasons.push(
        Messages.make("compare.gap", {
          offer: name,
          rank: r.rank,
          total: r.total,
          gap: r.gap,
          percent: r.gapPercent,
        }),
      )
    reasons.push(...c.reasons, ...c.late(r.quote))
    for (const part of r.quote.unpriced)
      reasons.push(
        Messages.make("recommend.quoteRequired", {
          offer: name,
          part: part.name,
          need: part.neededFor,
        }),
      )
    if (r.term.options.length > 1)
      reasons.push(
        Messages.make("compare.term", {
          offer: name,
          termMonths: r.term.termMonths,
          total: r.term.total,
          horizonMonths: profile.horizonMonths,
          unusedMonths: r.term.unusedPrepaidMonths,
        }),
      )
    kept.push({
      rank: r.rank,
      offerId: r.offerId,
      quote: r.quote,
      total: r.total,
      npv: r.npv,
      term: r.term,
      complete: r.complete,
      reasons,
    })
  }
  const order = new Map<string, number>(offers.map((o, i) => [o.id, i]))
  dropped.sort((a, b) => (order.get(a.offerId) ?? 0) - (order.get(b.offerId) ?? 0))
  const summary: Array<Messages.Message> =
    kept.length === 0
      ? [Messages.make("recommend.none", {})]
      : kept.flatMap((k) => k.reasons.slice(0, 1))
  const recommendation: Recommendation = { currency, kept, dropped, summary }
  return recommendation
})
