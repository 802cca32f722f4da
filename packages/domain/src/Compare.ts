/**
 * Comparison (评估成本): several offers priced for one need, ranked by total
 * (and by net present value when the profile gives a discount rate), with
 * the gap to the cheapest, the cheapest term of each offer, break-even seat
 * counts and months, and how the ranking moves when seat growth is lower or
 * higher. Offers that cannot be priced are reported with their typed error.
 */
import { Effect, Either } from "effect"
import * as BreakEven from "./BreakEven.js"
import { offerLabel as label, type MissingFxRate, UnsupportedTerm } from "./Errors.js"
import * as Messages from "./Messages.js"
import { type Currency, Decimal, Money, roundDecimal } from "./Money.js"
import type { Offer } from "./Offer.js"
import { type Growth, Profile } from "./Profile.js"
import * as Quote from "./Quote.js"
import * as Schedule from "./Schedule.js"

/** A growth assumption to re-rank the offers under. */
export interface Scenario {
  /** "lower" and "higher" for the defaults; any name for explicit scenarios. */
  readonly name: string
  readonly growth: Growth | undefined
}

export interface Options {
  /** Growth scenarios for the sensitivity table; default `defaultScenarios(profile)`. */
  readonly scenarios?: ReadonlyArray<Scenario>
  /** Seat range for break-even seat counts (default 1..2000), or false to leave them out. */
  readonly seatRange?: BreakEven.SeatRange | false
}

export interface TermOption {
  readonly termMonths: number
  readonly total: Money
  readonly unusedPrepaidMonths: number
}

/** The cheapest term of an offer over the horizon, and what every term it sells would cost. */
export interface CheapestTerm {
  readonly offerId: string
  readonly termMonths: number
  readonly total: Money
  readonly unusedPrepaidMonths: number
  /** Every available term, shortest first, in the offer's currency. */
  readonly options: ReadonlyArray<TermOption>
}

export interface Ranked {
  /** 1 for the cheapest; equal totals share a rank. */
  readonly rank: number
  readonly offerId: string
  /** The quote at the offer's cheapest term. */
  readonly quote: Quote.Quote
  /** Total in the comparison currency. */
  readonly total: Money
  /** Net present value in the comparison currency, when the profile gives a discount rate. */
  readonly npv: Money | undefined
  /** How much more than the cheapest. */
  readonly gap: Money
  /** gap ÷ the cheapest total; undefined when the cheapest costs nothing. */
  readonly gapPercent: Decimal | undefined
  readonly term: CheapestTerm
  /** False when a part has no published price and the total is a lower bound. */
  readonly complete: boolean
}

export interface NpvRanked {
  readonly rank: number
  readonly offerId: string
  readonly npv: Money
  readonly gap: Money
  readonly gapPercent: Decimal | undefined
}

export interface SensitivityEntry {
  readonly offerId: string
  readonly rank: number
  readonly total: Money
  /** The offer's rank under the profile's own growth. */
  readonly baseRank: number | undefined
  /** Total under this scenario minus the total under the profile's own growth. */
  readonly change: Money | undefined
}

export interface SensitivityRow {
  readonly scenario: Scenario
  readonly ranking: ReadonlyArray<SensitivityEntry>
  readonly failed: ReadonlyArray<BreakEven.OfferFailure>
}

export interface Comparison {
  /** The currency totals are compared in: the profile's, or the one all offers share. */
  readonly currency: Currency
  readonly ranking: ReadonlyArray<Ranked>
  readonly byNpv: ReadonlyArray<NpvRanked> | undefined
  readonly failed: ReadonlyArray<BreakEven.OfferFailure>
  readonly seats: BreakEven.SeatReport | undefined
  readonly months: ReadonlyArray<BreakEven.MonthBreakEven>
  readonly sensitivity: ReadonlyArray<SensitivityRow>
  /** The comparison in a buyer's words. */
  readonly summary: ReadonlyArray<Messages.Message>
}

/** The profile with another growth assumption. */
export const withGrowth = (profile: Profile, growth: Growth | undefined): Profile => {
  const { growth: _growth, ...rest } = profile
  return new Profile(growth === undefined ? rest : { ...rest, growth }, true)
}

const HALF = new Decimal("0.5")
const DEFAULT_RATE = new Decimal("0.2")

/**
 * Growth moved by `factor` of its own size: a rate r becomes r + factor·|r|;
 * a schedule's change from today's seats d becomes d + factor·|d| (rounded up).
 */
export const scaleGrowth = (growth: Growth, seats: number, factor: Decimal): Growth => {
  if (growth._tag === "Rate") {
    const rate = Decimal.max(-1, growth.rate.plus(growth.rate.abs().times(factor)))
    return { _tag: "Rate", rate, every: growth.every }
  }
  const [first, ...rest] = growth.seats.map((s) => {
    const d = new Decimal(s - seats)
    return Math.max(0, d.plus(d.abs().times(factor)).ceil().toNumber() + seats)
  })
  return { _tag: "Schedule", seats: [first ?? seats, ...rest] }
}

/**
 * The default sensitivity: growth half as large and half as large again
 * ("lower", "higher"); with no growth stated, seats falling or rising 20 % a year.
 */
export const defaultScenarios = (profile: Profile): ReadonlyArray<Scenario> => {
  const g = profile.growth
  const flat = g === undefined || (g._tag === "Rate" && g.rate.isZero())
  if (flat) {
    return [
      { name: "lower", growth: { _tag: "Rate", rate: DEFAULT_RATE.negated(), every: "year" } },
      { name: "higher", growth: { _tag: "Rate", rate: DEFAULT_RATE, every: "year" } },
    ]
  }
  return [
    { name: "lower", growth: scaleGrowth(g, profile.seats, HALF.negated()) },
    { name: "higher", growth: scaleGrowth(g, profile.seats, HALF) },
  ]
}

/** The cheapest term of an offer: every available term priced, the lowest total kept (shorter on a tie). */
export const cheapestTerm = (
  offer: Offer,
  profile: Profile,
): Effect.Effect<{ quote: Quote.Quote; term: CheapestTerm }, Quote.QuoteError> =>
  Effect.flatMap(Quote.allTerms(offer, profile), (quotes) => {
    let quote: Quote.Quote | undefined
    for (const q of quotes)
      if (quote === undefined || q.total.amount.lt(quote.total.amount)) quote = q
    if (quote === undefined) {
      const allowed = offer.terms.map((t) => t.months)
      return Effect.fail(new UnsupportedTerm({ offerId: offer.id, months: [], allowed }))
    }
    return Effect.succeed({
      quote,
      term: {
        offerId: offer.id,
        termMonths: quote.termMonths,
        total: quote.total,
        unusedPrepaidMonths: quote.unusedPrepaidMonths,
        options: quotes.map((q) => ({
          termMonths: q.termMonths,
          total: q.total,
          unusedPrepaidMonths: q.unusedPrepaidMonths,
        })),
      },
    })
  })

/** Net present value in the comparison currency, rounded once there as the offer rounds. */
const comparableNpv = (offer: Offer, quote: Quote.Quote, currency: Currency, rate: Decimal) =>
  quote.npv === undefined
    ? undefined
    : quote.currency === currency
      ? quote.npv
      : Money.make(roundDecimal(quote.npv.amount.times(rate), currency, offer.rounding), currency)

const gapOf = (value: Money, cheapest: Money) => {
  const gap = Money.make(value.amount.minus(cheapest.amount), value.currency)
  const gapPercent = cheapest.amount.isZero()
    ? undefined
    : gap.amount.dividedBy(cheapest.amount).toDecimalPlaces(4)
  return { gap, gapPercent }
}

/** Competition ranks (1, 1, 3) over values already sorted ascending. */
const ranks = (values: ReadonlyArray<Decimal>): Array<number> => {
  const out: Array<number> = []
  values.forEach((v, i) => {
    const prev = values[i - 1]
    out.push(prev?.eq(v) ? (out[i - 1] ?? i + 1) : i + 1)
  })
  return out
}

interface Priced {
  readonly offer: Offer
  readonly quote: Quote.Quote
  readonly term: CheapestTerm
  readonly total: Money
  readonly npv: Money | undefined
}

const priceAll = (
  offers: ReadonlyArray<Offer>,
  profile: Profile,
  currency: Currency,
  withTerms: boolean,
) =>
  Effect.gen(function* () {
    const priced: Array<Priced> = []
    const failed: Array<BreakEven.OfferFailure> = []
    for (const offer of offers) {
      const result = yield* Effect.either(
        Effect.gen(function* () {
          const { quote, term } = withTerms
            ? yield* cheapestTerm(offer, profile)
            : yield* Effect.map(Quote.make(offer, profile), (quote) => ({
                quote,
                term: {
                  offerId: offer.id,
                  termMonths: quote.termMonths,
                  total: quote.total,
                  unusedPrepaidMonths: quote.unusedPrepaidMonths,
                  options: [],
                },
              }))
          const rate = yield* BreakEven.comparisonRate(quote, currency)
          const total = yield* BreakEven.comparableTotal(quote, currency)
          return { offer, quote, term, total, npv: comparableNpv(offer, quote, currency, rate) }
        }),
      )
      if (Either.isRight(result)) priced.push(result.right)
      else failed.push(BreakEven.failure(offer, result.left))
    }
    // A stable sort: equal totals keep the order the offers were given in.
    priced.sort((a, b) => a.total.amount.comparedTo(b.total.amount))
    return { priced, failed }
  })

/** Rank offers by total for a profile, keeping the failures. */
export const rank = Effect.fn("Compare.rank")(function* (
  offers: ReadonlyArray<Offer>,
  profile: Profile,
) {
  const currency = yield* BreakEven.comparisonCurrency(offers, profile)
  const { priced, failed } = yield* priceAll(offers, profile, currency, true)
  return { currency, ranking: toRanking(priced), failed }
})

const toRanking = (priced: ReadonlyArray<Priced>): Array<Ranked> => {
  const cheapest = priced[0]?.total
  const r = ranks(priced.map((p) => p.total.amount))
  return priced.map((p, i) => ({
    rank: r[i] ?? i + 1,
    offerId: p.offer.id,
    quote: p.quote,
    total: p.total,
    npv: p.npv,
    ...gapOf(p.total, cheapest ?? p.total),
    term: p.term,
    complete: p.quote.complete,
  }))
}

const npvRanking = (ranking: ReadonlyArray<Ranked>): Array<NpvRanked> | undefined => {
  const withNpv: Array<{ offerId: string; npv: Money }> = []
  for (const r of ranking) if (r.npv !== undefined) withNpv.push({ offerId: r.offerId, npv: r.npv })
  if (withNpv.length === 0) return undefined
  withNpv.sort((a, b) => a.npv.amount.comparedTo(b.npv.amount))
  const cheapest = withNpv[0]?.npv
  const r = ranks(withNpv.map((x) => x.npv.amount))
  return withNpv.map((x, i) => ({
    rank: r[i] ?? i + 1,
    offerId: x.offerId,
    npv: x.npv,
    ...gapOf(x.npv, cheapest ?? x.npv),
  }))
}

/** Re-rank the offers under each growth scenario. */
export const sensitivity = Effect.fn("Compare.sensitivity")(function* (
  offers: ReadonlyArray<Offer>,
  profile: Profile,
  scenarios: ReadonlyArray<Scenario>,
) {
  const currency = yield* BreakEven.comparisonCurrency(offers, profile)
  const base = toRanking((yield* priceAll(offers, profile, currency, false)).priced)
  const rows: Array<SensitivityRow> = []
  for (const scenario of scenarios) {
    const { priced, failed } = yield* priceAll(
      offers,
      withGrowth(profile, scenario.growth),
      currency,
      false,
    )
    const ranking = toRanking(priced).map((r): SensitivityEntry => {
      const before = base.find((b) => b.offerId === r.offerId)
      return {
        offerId: r.offerId,
        rank: r.rank,
        total: r.total,
        baseRank: before?.rank,
        change:
          before === undefined
            ? undefined
            : Money.make(r.total.amount.minus(before.total.amount), currency),
      }
    })
    rows.push({ scenario, ranking, failed })
  }
  return rows
})

/**
 * What a ranked offer has paid by the end of each month, in the comparison
 * currency: its cash flow at the rate its total was compared at (as the
 * crossover months count it), unrounded; the last month, when the cash of the
 * horizon is the quote's total, is the total the offer was ranked at (a
 * conversion rounds category by category, so the rate alone can miss it by a
 * cent). Fails with MissingFxRate for an offer in another currency with no
 * rate, which a comparison never ranks.
 * @example cumulativeCost(comparison.ranking[0], comparison.currency)
 */
export const cumulativeCost = (
  ranked: Ranked,
  currency: Currency,
): Effect.Effect<Array<Money>, MissingFxRate> =>
  Effect.map(BreakEven.comparisonRate(ranked.quote, currency), (rate) => {
    const paid = Schedule.cumulative(ranked.quote.cashFlow)
    const last = paid.length - 1
    return paid.map((p, i) =>
      i === last && p.eq(ranked.quote.total.amount) && ranked.total.currency === currency
        ? ranked.total
        : Money.make(p.times(rate), currency),
    )
  })

/**
 * A pair's break-even seat counts in a buyer's words, each offer called by
 * `name` (the caller's label for an offer id).
 */
export const seatMessages = (
  pair: BreakEven.SeatBreakEven,
  name: (offerId: string) => string,
): Array<Messages.Message> => {
  const id = (side: "a" | "b") => (side === "a" ? pair.a : pair.b)
  const other = (side: "a" | "b") => (side === "a" ? "b" : "a")
  const out: Array<Messages.Message> = []
  for (const c of pair.crossings) {
    // Who stops selling is BreakEven's fact, not guessed from the order of crossings:
    // a plan whose maximum is below the range, never sold in it, is never named.
    if (c.dropped.length > 0) {
      for (const side of c.dropped)
        out.push(Messages.make("compare.seatLimit", { offer: name(id(side)), seats: c.seats }))
    } else if (c.after === "equal") {
      out.push(
        Messages.make("compare.seatEqual", {
          offer: name(pair.a),
          other: name(pair.b),
          seats: c.seats,
        }),
      )
    } else if (c.after === "a" || c.after === "b") {
      out.push(
        Messages.make("compare.seatCrossing", {
          cheaper: name(id(c.after)),
          other: name(id(other(c.after))),
          seats: c.seats,
        }),
      )
    }
  }
  return out
}

/**
 * The months in which a pair's cumulative costs cross, in a buyer's words,
 * months counted from 1; each offer called by `name`.
 */
export const monthMessages = (
  pair: BreakEven.MonthBreakEven,
  name: (offerId: string) => string,
): Array<Messages.Message> =>
  pair.crossings.flatMap((c): Array<Messages.Message> => {
    // MonthCrossing.month is 0-based, as in Quote.cashFlow.
    const month = c.month + 1
    if (c.after === "equal")
      return [
        Messages.make("compare.monthEqual", { offer: name(pair.a), other: name(pair.b), month }),
      ]
    if (c.after === "a" || c.after === "b")
      return [
        Messages.make("compare.monthCrossing", {
          cheaper: name(c.after === "a" ? pair.a : pair.b),
          other: name(c.after === "a" ? pair.b : pair.a),
          month,
        }),
      ]
    return []
  })

/** Compare offers for one profile: ranking, gaps, terms, break-evens and sensitivity, with a summary. */
export const make = Effect.fn("Compare.make")(function* (
  offers: ReadonlyArray<Offer>,
  profile: Profile,
  options?: Options,
) {
  const currency = yield* BreakEven.comparisonCurrency(offers, profile)
  const { priced, failed } = yield* priceAll(offers, profile, currency, true)
  const ranking = toRanking(priced)
  const byNpv = npvRanking(ranking)
  const byId = new Map<string, Offer>(offers.map((o) => [o.id, o]))
  const seatRange = options?.seatRange
  // Pairs keep the order the offers were given in.
  const pricedOffers = offers.filter((o) => priced.some((p) => p.offer === o))
  const inOrder = pricedOffers.flatMap((o) => priced.filter((p) => p.offer === o))
  const seats =
    seatRange === false ? undefined : yield* BreakEven.seats(pricedOffers, profile, seatRange)
  const months: Array<BreakEven.MonthBreakEven> = []
  for (let x = 0; x < inOrder.length; x++) {
    for (let y = x + 1; y < inOrder.length; y++) {
      const a = inOrder[x]
      const b = inOrder[y]
      if (a !== undefined && b !== undefined)
        months.push(yield* BreakEven.months(a.quote, b.quote, currency))
    }
  }
  const scenarios = options?.scenarios ?? defaultScenarios(profile)
  // An offer priced out by the seat count may fit under another growth; other failures do not move.
  const resized = offers.filter((o) =>
    failed.some((f) => f.offerId === o.id && f.error._tag === "SeatLimitExceeded"),
  )
  const rows = yield* sensitivity(
    offers.filter((o) => pricedOffers.includes(o) || resized.includes(o)),
    profile,
    scenarios,
  )

  const summary: Array<Messages.Message> = []
  const first = ranking[0]
  for (const r of ranking) {
    const offer = byId.get(r.offerId)
    if (offer === undefined) continue
    if (r.rank === 1 && r === first) {
      summary.push(
        Messages.make("compare.cheapest", {
          offer: label(offer),
          total: r.total,
          horizonMonths: profile.horizonMonths,
        }),
      )
    } else if (r.rank === 1 && first !== undefined) {
      const other = byId.get(first.offerId)
      summary.push(
        Messages.make("compare.tie", {
          offer: label(offer),
          other: other === undefined ? first.offerId : label(other),
          total: r.total,
        }),
      )
    } else {
      summary.push(
        r.gapPercent === undefined
          ? Messages.make("compare.gapOverFree", {
              offer: label(offer),
              rank: r.rank,
              total: r.total,
            })
          : Messages.make("compare.gap", {
              offer: label(offer),
              rank: r.rank,
              total: r.total,
              gap: r.gap,
              percent: r.gapPercent,
            }),
      )
    }
    if (!r.complete)
      summary.push(
        Messages.make("compare.lowerBound", {
          offer: label(offer),
          parts: r.quote.unpriced.length,
        }),
      )
  }
  const npvLeader = byNpv?.[0]
  const npvOffer = npvLeader === undefined ? undefined : byId.get(npvLeader.offerId)
  if (npvLeader !== undefined && npvOffer !== undefined && profile.discountRate !== undefined)
    summary.push(
      Messages.make("compare.npvLeader", {
        offer: label(npvOffer),
        npv: npvLeader.npv,
        rate: profile.discountRate,
      }),
    )
  for (const r of ranking) {
    const offer = byId.get(r.offerId)
    if (offer !== undefined && r.term.options.length > 1)
      summary.push(
        Messages.make("compare.term", {
          offer: label(offer),
          termMonths: r.term.termMonths,
          total: r.term.total,
          horizonMonths: profile.horizonMonths,
          unusedMonths: r.term.unusedPrepaidMonths,
        }),
      )
  }
  for (const f of failed) summary.push(f.message)
  const name = (id: string) => {
    const offer = byId.get(id)
    return offer === undefined ? id : label(offer)
  }
  for (const pair of seats?.pairs ?? []) summary.push(...seatMessages(pair, name))
  for (const pair of months) summary.push(...monthMessages(pair, name))
  const leader = first === undefined ? undefined : byId.get(first.offerId)
  for (const row of rows) {
    const top = row.ranking[0]
    const topOffer = top === undefined ? undefined : byId.get(top.offerId)
    if (leader !== undefined && topOffer !== undefined) {
      summary.push(
        topOffer === leader
          ? Messages.make("compare.sensitivityStable", {
              scenario: row.scenario.name,
              offer: label(leader),
            })
          : Messages.make("compare.sensitivityLeader", {
              scenario: row.scenario.name,
              offer: label(topOffer),
              previous: label(leader),
            }),
      )
    }
    for (const e of row.ranking) {
      const offer = byId.get(e.offerId)
      if (offer !== undefined && e.baseRank === undefined)
        summary.push(
          Messages.make("compare.sensitivityAvailable", {
            scenario: row.scenario.name,
            offer: label(offer),
            rank: e.rank,
          }),
        )
      if (offer === undefined || e.baseRank === undefined || e.baseRank === e.rank) continue
      if (e.rank === 1 || e.baseRank === 1) continue
      summary.push(
        Messages.make("compare.sensitivityMoved", {
          scenario: row.scenario.name,
          offer: label(offer),
          from: e.baseRank,
          to: e.rank,
        }),
      )
    }
    for (const f of row.failed) {
      const offer = byId.get(f.offerId)
      if (offer !== undefined && ranking.some((r) => r.offerId === f.offerId))
        summary.push(
          Messages.make("compare.sensitivityFailed", {
            scenario: row.scenario.name,
            offer: label(offer),
          }),
        )
    }
  }

  const comparison: Comparison = {
    currency,
    ranking,
    byNpv,
    failed,
    seats,
    months,
    sensitivity: rows,
    summary,
  }
  return comparison
})
