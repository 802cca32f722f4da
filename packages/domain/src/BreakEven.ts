/**
 * Break-even (盈亏平衡点): the seat counts at which which offer is cheaper
 * changes, and the months in which cumulative cash costs cross.
 *
 * Seats, exactly: with a constant-seat profile, an offer's total is
 * piecewise linear in the seat count before rounding. Its pieces end where
 * minimum seats, bundle sizes, the plan maximum, per-seat included usage
 * against tier bounds, package sizes and minimum commitments, or the
 * cheapest term change. The pieces are derived from the offer with Quote's
 * own helpers; a pair's difference is then linear on each common piece, and
 * only the seat counts where it comes within the rounding bound of zero are
 * decided by full quotes. Every other seat count is decided by the linear
 * model with a margin larger than any rounding of the engine, so the result
 * equals a quote-by-quote sweep without running one.
 */
import { Effect, Schema } from "effect"
import { errorMessage, MissingFxRate, type SeatLimitExceeded } from "./Errors.js"
import type {
  AddOn,
  Category,
  Module,
  Percentage,
  PerSeat,
  Platform,
  Promotion,
  RenewalUplift,
  Usage,
  UsagePricing,
} from "./FeeComponent.js"
import type * as Messages from "./Messages.js"
import { type Currency, Decimal, decimals, type Money, ONE, TEN, ZERO } from "./Money.js"
import type { Offer } from "./Offer.js"
import { Profile } from "./Profile.js"
import * as Quote from "./Quote.js"
import * as Tiers from "./Tiers.js"

/** Offers priced in different currencies, with no profile currency to compare them in. */
export class IncomparableCurrencies extends Schema.TaggedError<IncomparableCurrencies>()(
  "IncomparableCurrencies",
  { currencies: Schema.Array(Schema.String) },
) {
  override get message() {
    return `offers are priced in ${this.currencies.join(", ")}; set the profile's currency and exchange rates to compare them`
  }
}

/** The currency offers are compared in: the profile's, or the one all offers share. */
export const comparisonCurrency = (
  offers: ReadonlyArray<Offer>,
  profile: Profile,
): Effect.Effect<Currency, IncomparableCurrencies> => {
  if (profile.currency !== undefined) return Effect.succeed(profile.currency)
  const currencies = [...new Set(offers.map((o) => o.currency))]
  if (currencies.length > 1) return Effect.fail(new IncomparableCurrencies({ currencies }))
  return Effect.succeed(currencies[0] ?? profile.labourRate?.currency ?? "USD")
}

/** The rate that turns a quote's own currency into the comparison currency. */
export const comparisonRate = (
  quote: Quote.Quote,
  currency: Currency,
): Effect.Effect<Decimal, MissingFxRate> =>
  quote.currency === currency
    ? Effect.succeed(ONE)
    : quote.converted?.currency === currency
      ? Effect.succeed(quote.converted.rate)
      : Effect.fail(new MissingFxRate({ from: quote.currency, to: currency }))

/** A quote's total in the comparison currency (the converted total when it was converted). */
export const comparableTotal = (
  quote: Quote.Quote,
  currency: Currency,
): Effect.Effect<Money, MissingFxRate> =>
  quote.currency === currency
    ? Effect.succeed(quote.total)
    : quote.converted?.currency === currency
      ? Effect.succeed(quote.converted.total)
      : Effect.fail(new MissingFxRate({ from: quote.currency, to: currency }))

/** Which of a pair is cheaper: "a", "b", "equal", or "neither" when neither can be bought. */
export type Side = "a" | "b" | "equal" | "neither"

export interface SeatCrossing {
  /** The first seat count at which `after` holds (`before` held at one seat fewer). */
  readonly seats: number
  readonly before: Side
  readonly after: Side
  /** "price" when the costs cross; "seat-limit" when an offer's plan maximum is passed. */
  readonly cause: "price" | "seat-limit"
  /**
   * The offers sold at one seat fewer and not at `seats`: their plan maximum is
   * passed here. Empty when the cause is "price". An offer whose maximum lies
   * below the range's start is never listed: it is not sold anywhere in the range.
   */
  readonly dropped: ReadonlyArray<"a" | "b">
}

/** Break-even seat counts of two offers over a range of constant seat counts. */
export interface SeatBreakEven {
  readonly a: string
  readonly b: string
  readonly from: number
  readonly to: number
  /** Who is cheaper at `from` seats. */
  readonly start: Side
  readonly crossings: ReadonlyArray<SeatCrossing>
}

export interface SeatRange {
  /** Lowest seat count (default 1). */
  readonly from?: number
  /** Highest seat count (default 2000). */
  readonly to?: number
}

/** A linear piece of an offer's cost over seats, in comparison-currency units. */
interface Segment {
  readonly from: number
  readonly to: number
  /** The unrounded cost at `from`, and its change per seat (exact decimals). */
  readonly at: Decimal
  readonly slope: Decimal
  /** True when no charge line changes on the piece, so one quote prices all of it. */
  readonly flat: boolean
}

interface Curve {
  readonly offer: Offer
  /** The highest seat count the plan sells (Infinity when unlimited). */
  readonly limit: number
  readonly segments: ReadonlyArray<Segment>
  /** Bound on |rounded quote total − unrounded model|, in comparison-currency units. */
  readonly tolerance: Decimal
  /** The exact comparable total at n seats (a full quote), cached. */
  readonly exact: (n: number) => Effect.Effect<Decimal | undefined, Quote.QuoteError>
  /** False when the model disagreed with a full quote: then every seat count is quoted. */
  readonly modelled: boolean
  /** How many seat counts have been priced by a full quote so far. */
  readonly quoted: () => number
}

/** The profile with a constant seat count and no growth. */
export const withSeats = (profile: Profile, seats: number): Profile => {
  const { growth: _growth, ...rest } = profile
  return new Profile({ ...rest, seats }, true)
}

const floorDecimal = (d: Decimal): number => d.floor().toNumber()

/** A piece's unrounded cost at `n` seats. */
const valueAt = (seg: Segment, n: number): Decimal => seg.at.plus(seg.slope.times(n - seg.from))

/** One seat group: the charges proportional to the seats billed under `rules`. */
interface SeatGroup {
  readonly rules: ReadonlyArray<PerSeat>
  coefficient: Decimal
}

interface UsageTerm {
  readonly c: Usage
  readonly weight: Decimal
  /** Base = quantity − included units, and how many periods have it. */
  readonly periods: ReadonlyArray<{ readonly base: Decimal; readonly count: number }>
}

/** The unrounded total of one term as a function of seats. */
interface TermModel {
  /** Every seat component of the offer: usage is included per seat billed under all of them. */
  readonly seatRules: ReadonlyArray<PerSeat>
  readonly constant: Decimal
  readonly groups: ReadonlyArray<SeatGroup>
  readonly usage: ReadonlyArray<UsageTerm>
  /** Upper bound on the number of rounded lines before percentages and tax. */
  readonly drafts: number
}

const usageCharge = (c: Usage, base: Decimal, seats: number): Decimal => {
  const perSeat = c.included?.perSeat
  const billable = Decimal.max(
    ZERO,
    perSeat === undefined ? base : base.minus(perSeat.times(seats)),
  )
  const charge = Tiers.price(c.pricing, billable)
  const minimum = c.minimumCommitment
  return minimum !== undefined && charge.lt(minimum) ? minimum : charge
}

/** The unrounded total at n seats, split into parts that are each monotone in n. */
const evaluate = (model: TermModel, seats: number): { total: Decimal; parts: Array<Decimal> } => {
  let total = model.constant
  const parts: Array<Decimal> = []
  for (const g of model.groups) {
    const billed = new Decimal(Quote.billedUnder(g.rules, seats))
    parts.push(billed)
    total = total.plus(g.coefficient.times(billed))
  }
  const licensed = Quote.billedUnder(model.seatRules, seats)
  for (const u of model.usage) {
    let sum = ZERO
    for (const p of u.periods) sum = sum.plus(usageCharge(u.c, p.base, licensed).times(p.count))
    parts.push(sum)
    total = total.plus(sum.times(u.weight))
  }
  return { total, parts }
}

/** Usage bounds (in billable units) where a usage charge changes formula. */
const usageThresholds = (pricing: UsagePricing, minimum: Decimal | undefined): Array<Decimal> => {
  const out: Array<Decimal> = [ZERO]
  const solve = (at: Decimal, lower: Decimal, unitPrice: Decimal) => {
    if (minimum !== undefined && unitPrice.gt(0))
      out.push(lower.plus(minimum.minus(at).dividedBy(unitPrice)))
  }
  switch (pricing._tag) {
    case "PerUnit":
      solve(ZERO, ZERO, pricing.unitPrice)
      break
    case "Package":
      break
    case "Graduated":
    case "Volume": {
      let lower = ZERO
      pricing.tiers.forEach((t, i) => {
        if (pricing._tag === "Graduated") {
          const at =
            i === 0
              ? Tiers.graduated(pricing.tiers, ZERO)
              : Tiers.graduated(pricing.tiers, lower).plus(t.flatFee ?? ZERO)
          solve(at, lower, t.unitPrice)
        } else {
          solve(t.flatFee ?? ZERO, ZERO, t.unitPrice)
        }
        if (t.upTo !== undefined) {
          out.push(t.upTo)
          lower = t.upTo
        }
      })
      break
    }
  }
  return out
}

const isRecurring = (c: { _tag: string }): c is PerSeat | Module | Platform | AddOn =>
  c._tag === "PerSeat" || c._tag === "Module" || c._tag === "Platform" || c._tag === "AddOn"

/** The unrounded model of one term, its seat limit and its rounding bound. */
const termModel = (
  offer: Offer,
  profile: Profile,
  termMonths: number,
  chosen: Set<string>,
  rate: Decimal,
  labourRate: Decimal | undefined,
) => {
  const H = profile.horizonMonths
  const T = termMonths
  const K = Math.ceil(H / T)
  const discount = offer.terms.find((t) => t.months === T)?.discount ?? ZERO
  const uplifts = offer.components.filter((c): c is RenewalUplift => c._tag === "RenewalUplift")
  const promotions = offer.components.filter((c): c is Promotion => c._tag === "Promotion")
  const percentages = offer.components.filter(
    (c): c is Percentage => c._tag === "Percentage" && (c.mandatory || chosen.has(c.id)),
  )
  const taxComponent = offer.components.find((c) => c._tag === "Tax")
  const taxRate =
    profile.tax?.rate ?? (taxComponent?._tag === "Tax" ? taxComponent.rate : undefined) ?? ZERO
  const taxMode =
    profile.tax?.mode ??
    (taxComponent?._tag === "Tax" ? taxComponent.mode : undefined) ??
    "exclusive"
  const taxFactor = taxMode === "exclusive" ? ONE.plus(taxRate) : ONE
  const weights = new Map<Category, Decimal>()
  const weight = (category: Category): Decimal => {
    let w = weights.get(category)
    if (w === undefined) {
      w = ONE
      for (const p of percentages) if (p.base.includes(category)) w = w.plus(p.rate)
      w = w.times(taxFactor).times(rate)
      weights.set(category, w)
    }
    return w
  }
  const seatRules = offer.components.filter((c): c is PerSeat => c._tag === "PerSeat")
  let constant = ZERO
  let drafts = 0
  let limit = Number.POSITIVE_INFINITY
  const groups: Array<SeatGroup> = []
  const group = (rules: ReadonlyArray<PerSeat>): SeatGroup => {
    let g = groups.find(
      (x) => x.rules.length === rules.length && x.rules.every((r, i) => r === rules[i]),
    )
    if (g === undefined) {
      g = { rules, coefficient: ZERO }
      groups.push(g)
    }
    return g
  }
  const usage: Array<UsageTerm> = []

  for (const c of offer.components) {
    if (isRecurring(c)) {
      if ((c._tag === "Module" || c._tag === "AddOn") && !chosen.has(c.id)) continue
      const category: Category =
        c._tag === "PerSeat" ? "licence" : c._tag === "Module" ? "modules" : c.category
      const perSeat = c._tag === "PerSeat" || (c._tag !== "Platform" && c.perSeat)
      limit = Math.min(
        limit,
        c._tag === "PerSeat" ? (c.maxSeats ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY,
        offer.limits.maxSeats ?? Number.POSITIVE_INFINITY,
      )
      const unitPrice = Quote.termPrice(c.price, T, discount)
      const start = c.startMonth ?? 0
      let perUnit = ZERO
      for (let k = 0; k < K; k++) {
        const s = k * T
        const e = s + T
        if (start >= e) continue
        const first = Math.max(s, start)
        const charged = unitPrice
          .times(Quote.upliftAtMonth(uplifts, s).factor)
          .times(e - first)
          .dividedBy(T)
        // Promotions are netted into the term's line, at most 100 % off.
        let off = ZERO
        for (const promo of promotions) {
          if (!promo.appliesTo.includes(category)) continue
          const overlap = Math.min(e, promo.months) - first
          if (overlap > 0) off = off.plus(promo.percentOff.times(overlap).dividedBy(e - first))
        }
        perUnit = perUnit.plus(charged.times(ONE.minus(Decimal.min(off, ONE))))
        drafts += 1
      }
      const weighted = perUnit.times(weight(category))
      if (perSeat) {
        const g = group(c._tag === "PerSeat" ? [c] : seatRules)
        g.coefficient = g.coefficient.plus(weighted)
      } else {
        constant = constant.plus(weighted)
      }
    } else if (c._tag === "Usage") {
      const forecast = profile.usage.find((u) => u.metric === c.metric)
      const monthly = Quote.usageByMonth(forecast, H)
      const periodMonths = c.period === "month" ? 1 : 12
      const counts = new Map<string, { base: Decimal; count: number }>()
      for (let s = 0; s < H; s += periodMonths) {
        let quantity = ZERO
        for (let m = s; m < Math.min(s + periodMonths, H); m++) {
          const q = monthly[m] ?? ZERO
          quantity = c.measure === "sum" ? quantity.plus(q) : Decimal.max(quantity, q)
        }
        const base = quantity.minus(c.included?.units ?? ZERO)
        const key = base.toFixed()
        const hit = counts.get(key)
        if (hit === undefined) counts.set(key, { base, count: 1 })
        else hit.count += 1
        drafts += 1
      }
      usage.push({ c, weight: weight(c.category), periods: [...counts.values()] })
    } else if (c._tag === "OneTime") {
      if (c.mandatory || chosen.has(c.id)) {
        constant = constant.plus(c.amount.times(weight("one-time")))
        drafts += 1
      }
    } else if (c._tag === "SelfHosting") {
      const hourly = labourRate ?? c.labourRate ?? ZERO
      const amount = c.infrastructurePerMonth
        .times(H)
        .plus(c.adminHoursPerMonth.times(hourly).times(H))
        .plus(c.upgradeHoursPerYear.times(hourly).times(Math.ceil(H / 12)))
      constant = constant.plus(amount.times(weight("self-hosting")))
      drafts += 3
    }
  }
  // Each draft is rounded once (±½ unit), each percentage and tax line again on a rounded base.
  let rates = ZERO
  for (const p of percentages) rates = rates.plus(p.rate)
  const unit = TEN.pow(-decimals(offer.currency))
  const bound = unit
    .times(drafts + 1)
    .times(ONE.plus(percentages.length).plus(rates))
    .times(taxRate.plus(2))
  const model: TermModel = { seatRules, constant, groups, usage, drafts }
  return { model, limit, bound }
}

/** Seat counts at which some charge of the model may change formula. */
const breakpoints = (
  models: ReadonlyArray<TermModel>,
  add: (n: number) => void,
  addReal: (x: Decimal) => void,
  from: number,
  to: number,
) => {
  for (const model of models) {
    // Billed seats are the seat count, a minimum or a bundle size: linear between these.
    for (const r of model.seatRules) {
      if (r.minSeats !== undefined) {
        add(r.minSeats)
        add(r.minSeats + 1)
      }
      for (const size of r.bundles ?? []) {
        add(size)
        add(size + 1)
      }
    }
    for (const u of model.usage) {
      const perSeat = u.c.included?.perSeat
      if (perSeat === undefined || perSeat.isZero()) continue
      const thresholds = usageThresholds(u.c.pricing, u.c.minimumCommitment)
      for (const p of u.periods) {
        for (const t of thresholds) addReal(p.base.minus(t).dividedBy(perSeat))
        if (u.c.pricing._tag === "Package") {
          const size = u.c.pricing.size
          const high = Decimal.max(ZERO, p.base.minus(perSeat.times(from)))
          const low = Decimal.max(ZERO, p.base.minus(perSeat.times(to)))
          const first = floorDecimal(low.dividedBy(size))
          const last = high.dividedBy(size).ceil().toNumber()
          if (last - first > to - from + 1) {
            for (let n = from; n <= to; n++) add(n)
          } else {
            for (let j = first; j <= last; j++)
              addReal(p.base.minus(size.times(j)).dividedBy(perSeat))
          }
        }
      }
    }
  }
}

/** An offer's cost over seats [from, to] as linear pieces, with its exact evaluator. */
const makeCurve = Effect.fn("BreakEven.curve")(function* (
  offer: Offer,
  profile: Profile,
  currency: Currency,
  from: number,
  to: number,
) {
  const terms = yield* Quote.availableTerms(offer, profile)
  const { chosen } = yield* Quote.selectComponents(offer, profile)
  const rate = yield* Quote.fxRate(profile, offer.currency, currency)
  const labourRate =
    profile.labourRate === undefined
      ? undefined
      : profile.labourRate.amount.times(
          yield* Quote.fxRate(profile, profile.labourRate.currency, offer.currency),
        )
  const built = terms.map((t) => termModel(offer, profile, t, chosen, rate, labourRate))
  const models = built.map((b) => b.model)
  const limit = Math.min(...built.map((b) => b.limit))
  let bound = ZERO
  for (const b of built) bound = Decimal.max(bound, b.bound)
  // Conversion rounds each category total once more, in the comparison currency.
  const tolerance = bound
    .times(rate)
    .plus(offer.currency === currency ? ZERO : TEN.pow(-decimals(currency)).times(8))

  const last = Math.min(to, limit)
  const starts = new Set<number>([from])
  const add = (n: number) => {
    if (n > from && n <= last) starts.add(n)
  }
  const addReal = (x: Decimal) => {
    if (!x.isFinite()) return
    const f = floorDecimal(x)
    if (f + 1 < from || f > last) return
    add(f)
    add(f + 1)
  }
  breakpoints(models, add, addReal, from, last)
  const sorted = [...starts].sort((x, y) => x - y)

  const segments: Array<Segment> = []
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i] ?? from
    const e = (sorted[i + 1] ?? last + 1) - 1
    if (s > last) break
    const ends = models.map((m) => {
      const a = evaluate(m, s)
      const b = evaluate(m, e)
      const slope = e > s ? b.total.minus(a.total).dividedBy(e - s) : ZERO
      const flat = a.parts.every((p, j) => p.eq(b.parts[j] ?? p))
      return { at: a.total, slope, flat }
    })
    const flat = ends.every((x) => x.flat)
    // Split where the cheapest term changes, then take the cheaper term on each part.
    const cuts = new Set<number>([s])
    for (let x = 0; x < ends.length; x++) {
      for (let y = x + 1; y < ends.length; y++) {
        const p = ends[x]
        const q = ends[y]
        if (p === undefined || q === undefined || p.slope.eq(q.slope)) continue
        const cross = floorDecimal(q.at.minus(p.at).dividedBy(p.slope.minus(q.slope)).plus(s))
        for (const c of [cross, cross + 1, cross + 2]) if (c > s && c <= e) cuts.add(c)
      }
    }
    const parts = [...cuts].sort((x, y) => x - y)
    for (let j = 0; j < parts.length; j++) {
      const ps = parts[j] ?? s
      const pe = (parts[j + 1] ?? e + 1) - 1
      let best: { at: Decimal; slope: Decimal; sum: Decimal } | undefined
      for (const x of ends) {
        const at = x.at.plus(x.slope.times(ps - s))
        const sum = at.plus(x.at.plus(x.slope.times(pe - s)))
        if (best === undefined || sum.lt(best.sum)) best = { at, slope: x.slope, sum }
      }
      if (best !== undefined)
        segments.push({
          from: ps,
          to: pe,
          at: best.at,
          slope: best.slope,
          flat,
        })
    }
  }

  const cache = new Map<number, Decimal | undefined>()
  const exact = (n: number): Effect.Effect<Decimal | undefined, Quote.QuoteError> => {
    if (cache.has(n)) return Effect.succeed(cache.get(n))
    return Quote.make(offer, withSeats(profile, n)).pipe(
      Effect.flatMap((q) => comparableTotal(q, currency)),
      Effect.map((m): Decimal | undefined => m.amount),
      Effect.catchTag("SeatLimitExceeded", (_: SeatLimitExceeded) => Effect.succeed(undefined)),
      Effect.tap((v) => Effect.sync(() => cache.set(n, v))),
    )
  }
  // Errors that do not depend on seats (unknown module, missing rate) fail the first quote
  // below; with no piece in range (a plan maximum under it), a quote at 0 seats shows them.
  if (segments.length === 0) yield* Quote.make(offer, withSeats(profile, 0))
  // The model must agree with full quotes inside its pieces (up to 16, spread over the range).
  // Where it does not (a pricing rule it does not know), every seat count is quoted instead.
  let modelled = true
  const stride = Math.max(1, Math.ceil(segments.length / 16))
  for (let k = 0; k < segments.length; k += stride) {
    const seg = segments[k]
    if (seg === undefined) break
    const mid = Math.floor((seg.from + seg.to) / 2)
    const model = valueAt(seg, mid)
    const quoted = yield* exact(mid)
    if (quoted === undefined || quoted.minus(model).abs().gt(tolerance)) {
      modelled = false
      break
    }
  }
  const curve: Curve = {
    offer,
    limit,
    segments,
    tolerance,
    exact,
    modelled,
    quoted: () => cache.size,
  }
  return curve
})

/** Whether the curve's plan sells `n` seats. */
const sells = (curve: Curve, n: number): boolean => n <= curve.limit

const sideOf = (a: Decimal | undefined, b: Decimal | undefined): Side =>
  a === undefined
    ? b === undefined
      ? "neither"
      : "b"
    : b === undefined
      ? "a"
      : a.lt(b)
        ? "a"
        : a.gt(b)
          ? "b"
          : "equal"

/** A step of a sweep: the side from a seat count on, known or to be settled by full quotes. */
type Step =
  | { readonly from: number; readonly side: Side }
  | { readonly from: number; readonly quoteA: number; readonly quoteB: number }

/**
 * Plan a sweep of two curves, without pricing anything: each common piece is
 * decided by the linear model where its difference is beyond the rounding
 * bound, and left to full quotes (at the seat count, or once per flat piece)
 * where it is not.
 */
const plan = (a: Curve, b: Curve, from: number, to: number): Array<Step> => {
  const steps: Array<Step> = []
  const quote = (x: number, sa: Segment, sb: Segment) =>
    steps.push({ from: x, quoteA: sa.flat ? sa.from : x, quoteB: sb.flat ? sb.from : x })
  let i = 0
  let j = 0
  const segsA = a.segments
  const segsB = b.segments
  let n = from
  while (n <= to) {
    const aOn = sells(a, n)
    const bOn = sells(b, n)
    if (!aOn || !bOn) {
      const end = Math.min(to, !aOn && bOn ? b.limit : !bOn && aOn ? a.limit : to)
      steps.push({ from: n, side: aOn ? "a" : bOn ? "b" : "neither" })
      n = end + 1
      continue
    }
    while ((segsA[i]?.to ?? Number.POSITIVE_INFINITY) < n) i++
    while ((segsB[j]?.to ?? Number.POSITIVE_INFINITY) < n) j++
    const sa = segsA[i]
    const sb = segsB[j]
    if (sa === undefined || sb === undefined) break
    const s = n
    const e = Math.min(sa.to, sb.to, to)
    n = e + 1
    if (!a.modelled || !b.modelled) {
      for (let x = s; x <= e; x++) steps.push({ from: x, quoteA: x, quoteB: x })
      continue
    }
    // Exact decimals: the model's difference at both ends, and the rounding bounds of both.
    const dS = valueAt(sa, s).minus(valueAt(sb, s))
    const dE = valueAt(sa, e).minus(valueAt(sb, e))
    const tol = a.tolerance.plus(b.tolerance)
    if (dS.gt(tol) && dE.gt(tol)) steps.push({ from: s, side: "b" })
    else if (dS.lt(tol.neg()) && dE.lt(tol.neg())) steps.push({ from: s, side: "a" })
    else if (sa.flat && sb.flat) quote(s, sa, sb)
    else {
      // |d| ≤ tol only on [lo, hi]; outside it the model's sign is the quotes' sign.
      let lo = s
      let hi = e
      const slope = e > s ? dE.minus(dS).div(e - s) : ZERO
      if (!slope.isZero()) {
        const x1 = tol.neg().minus(dS).div(slope).plus(s)
        const x2 = tol.minus(dS).div(slope).plus(s)
        lo = Math.max(s, Decimal.min(x1, x2).ceil().toNumber())
        hi = Math.min(e, floorDecimal(Decimal.max(x1, x2)))
      }
      if (lo > s) steps.push({ from: s, side: dS.isPositive() ? "b" : "a" })
      for (let x = lo; x <= hi; x++) quote(x, sa, sb)
      const after = Math.max(hi + 1, lo, s)
      if (after <= e) steps.push({ from: after, side: dE.isPositive() ? "b" : "a" })
    }
  }
  return steps
}

/** Sweep a pair of curves: runs of seat counts with the same cheaper side. */
const sweep = (
  a: Curve,
  b: Curve,
  from: number,
  to: number,
): Effect.Effect<Array<{ from: number; side: Side }>, Quote.QuoteError> => {
  const steps = plan(a, b, from, to)
  const runs: Array<{ from: number; side: Side }> = []
  const push = (n: number, side: Side) => {
    const last = runs[runs.length - 1]
    if (last === undefined || last.side !== side) runs.push({ from: n, side })
  }
  if (steps.every((step) => "side" in step)) {
    for (const step of steps) if ("side" in step) push(step.from, step.side)
    return Effect.succeed(runs)
  }
  return Effect.gen(function* () {
    for (const step of steps) {
      if ("side" in step) push(step.from, step.side)
      else push(step.from, sideOf(yield* a.exact(step.quoteA), yield* b.exact(step.quoteB)))
    }
    return runs
  })
}

const toBreakEven = (
  a: Curve,
  b: Curve,
  from: number,
  to: number,
  runs: ReadonlyArray<{ from: number; side: Side }>,
): SeatBreakEven => {
  const crossings: Array<SeatCrossing> = []
  for (let k = 1; k < runs.length; k++) {
    const prev = runs[k - 1]
    const run = runs[k]
    if (prev === undefined || run === undefined) continue
    // run.from > from, so one seat fewer is still in the range.
    const dropped = (["a", "b"] as const).filter((side) => {
      const curve = side === "a" ? a : b
      return sells(curve, run.from - 1) && !sells(curve, run.from)
    })
    crossings.push({
      seats: run.from,
      before: prev.side,
      after: run.side,
      cause: dropped.length > 0 ? "seat-limit" : "price",
      dropped,
    })
  }
  return {
    a: a.offer.id,
    b: b.offer.id,
    from,
    to,
    start: runs[0]?.side ?? "neither",
    crossings,
  }
}

const rangeOf = (range: SeatRange | undefined) => {
  const from = Math.max(0, Math.floor(range?.from ?? 1))
  return { from, to: Math.max(from, Math.floor(range?.to ?? 2000)) }
}

/** Break-even seat counts of two offers for a profile whose seats are held constant. */
export const between = Effect.fn("BreakEven.between")(function* (
  a: Offer,
  b: Offer,
  profile: Profile,
  range?: SeatRange,
) {
  const { from, to } = rangeOf(range)
  const currency = yield* comparisonCurrency([a, b], profile)
  const ca = yield* makeCurve(a, profile, currency, from, to)
  const cb = yield* makeCurve(b, profile, currency, from, to)
  return toBreakEven(ca, cb, from, to, yield* sweep(ca, cb, from, to))
})

/** An offer that cannot be priced: the typed error, and why in the buyer's words. */
export interface OfferFailure {
  readonly offerId: string
  readonly error: Quote.QuoteError
  readonly message: Messages.Message
}

/** The failure of `offer` with `error`. */
export const failure = (offer: Offer, error: Quote.QuoteError): OfferFailure => ({
  offerId: offer.id,
  error,
  message: errorMessage(offer, error),
})

export interface SeatReport {
  readonly currency: Currency
  readonly from: number
  readonly to: number
  /** One entry per pair of offers that could be priced, in the order given. */
  readonly pairs: ReadonlyArray<SeatBreakEven>
  /** Offers that cannot be priced for the profile at all, with the reason. */
  readonly failed: ReadonlyArray<OfferFailure>
  /** Full quotes priced (model checks and near-ties); every other seat count was solved. */
  readonly quotesPriced: number
}

/** Break-even seat counts between every pair of offers (default range 1..2000). */
export const seats = Effect.fn("BreakEven.seats")(function* (
  offers: ReadonlyArray<Offer>,
  profile: Profile,
  range?: SeatRange,
) {
  const { from, to } = rangeOf(range)
  const currency = yield* comparisonCurrency(offers, profile)
  const curves: Array<Curve> = []
  const failed: Array<OfferFailure> = []
  for (const offer of offers) {
    const curve = yield* Effect.either(makeCurve(offer, profile, currency, from, to))
    if (curve._tag === "Right") curves.push(curve.right)
    else failed.push(failure(offer, curve.left))
  }
  const pairs: Array<SeatBreakEven> = []
  for (let x = 0; x < curves.length; x++) {
    for (let y = x + 1; y < curves.length; y++) {
      const a = curves[x]
      const b = curves[y]
      if (a === undefined || b === undefined) continue
      pairs.push(toBreakEven(a, b, from, to, yield* sweep(a, b, from, to)))
    }
  }
  let quotesPriced = 0
  for (const c of curves) quotesPriced += c.quoted()
  const report: SeatReport = { currency, from, to, pairs, failed, quotesPriced }
  return report
})

export interface MonthCrossing {
  /** The month (0-based, as in Quote.cashFlow) from which `after` holds for cumulative cost. */
  readonly month: number
  readonly before: Side
  readonly after: Side
}

export interface MonthBreakEven {
  readonly a: string
  readonly b: string
  readonly currency: Currency
  /** Who has paid less by the end of the first month. */
  readonly start: Side
  readonly crossings: ReadonlyArray<MonthCrossing>
}

/** The months in which the cumulative cash costs of two quotes cross. */
export const months = (
  a: Quote.Quote,
  b: Quote.Quote,
  currency: Currency,
): Effect.Effect<MonthBreakEven, MissingFxRate> =>
  Effect.gen(function* () {
    const ra = yield* comparisonRate(a, currency)
    const rb = yield* comparisonRate(b, currency)
    const length = Math.max(a.cashFlow.length, b.cashFlow.length)
    let ca = ZERO
    let cb = ZERO
    let start: Side = "equal"
    let side: Side | undefined
    const crossings: Array<MonthCrossing> = []
    for (let m = 0; m < length; m++) {
      ca = ca.plus(a.cashFlow[m]?.amount.times(ra) ?? ZERO)
      cb = cb.plus(b.cashFlow[m]?.amount.times(rb) ?? ZERO)
      const now = sideOf(ca, cb)
      if (side === undefined) start = now
      else if (now !== side) crossings.push({ month: m, before: side, after: now })
      side = now
    }
    return { a: a.offerId, b: b.offerId, currency, start, crossings }
  })
