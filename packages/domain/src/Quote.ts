/**
 * The quote: an offer priced for a profile (评估成本). Every figure is a
 * charge line that says what, why and how it was computed; lines are rounded
 * once, and totals and schedules are sums of rounded lines, so a breakdown
 * always adds up to its total to the minor unit.
 *
 * Spans in which nothing changes (terms with the same billed seats and
 * price, months with the same usage charge) are priced once.
 */
import { Effect, Either } from "effect"
import * as Calendar from "./Calendar.js"
import {
  MissingFxRate,
  MissingLabourRate,
  SeatLimitExceeded,
  UnknownComponent,
  UnknownIntegration,
  UnknownModule,
  UnsupportedTerm,
} from "./Errors.js"
import type {
  AddOn,
  Category,
  FeeComponent,
  FeeComponentTag,
  Module,
  OneTime,
  Percentage,
  PerSeat,
  Platform,
  Promotion,
  RecurringPrice,
  RenewalUplift,
  SelfHosting,
  Usage,
} from "./FeeComponent.js"
import { categories } from "./FeeComponent.js"
import * as Messages from "./Messages.js"
import {
  allocateEqual,
  allocateMinor,
  type Currency,
  Decimal,
  fromMinor,
  Money,
  ONE,
  type RoundingMode,
  roundDecimal,
  toMinorUnits,
  ZERO,
} from "./Money.js"
import type { Offer, Quota } from "./Offer.js"
import type { Profile, UsageForecast } from "./Profile.js"
import * as Schedule from "./Schedule.js"
import * as Tiers from "./Tiers.js"

export type LineKind = "charge" | "tax"

/** One charge line: what (label, component), why (basis), how much (amount). */
export interface ChargeLine {
  readonly id: string
  readonly componentId: string
  readonly component: FeeComponentTag
  readonly category: Category
  readonly kind: LineKind
  /** The component's name as the vendor calls it. */
  readonly label: string
  /** How the amount was computed. */
  readonly basis: Messages.Message
  /** The months the line pays for, [fromMonth, toMonth), 0-based from the start of the need. */
  readonly fromMonth: number
  readonly toMonth: number
  /** The months in which it is paid. */
  readonly paidInMonths: ReadonlyArray<number>
  /** Rounded once, to the currency's minor unit. */
  readonly amount: Money
  /** For tax lines: the id of the line taxed. */
  readonly taxOf?: string
  /** For percentage lines (support as % of licence): the id of the line it is a percentage of. */
  readonly baseOf?: string
}

/** A component that cannot be priced: 需询价 (quote required), never zero. */
export interface UnpricedPart {
  readonly componentId: string
  readonly name: string
  readonly category: Category
  readonly reason: string
  /** What in the need brought it in: "mandatory", a module, an integration or "selected". */
  readonly neededFor: string
}

export interface Conversion {
  readonly currency: Currency
  readonly rate: Decimal
  readonly asOf: Calendar.CalendarDate
  readonly total: Money
  readonly totalsByCategory: Readonly<Record<Category, Money>>
}

export interface Quote {
  readonly offerId: string
  readonly currency: Currency
  readonly termMonths: number
  readonly horizonMonths: number
  /** Prepaid months past the horizon that are paid for all the same. */
  readonly unusedPrepaidMonths: number
  readonly lines: ReadonlyArray<ChargeLine>
  /** What is paid in each month (index 0 = first month). */
  readonly cashFlow: ReadonlyArray<Money>
  /** What each month costs when prepaid amounts are spread over the months they pay for. */
  readonly accrual: ReadonlyArray<Money>
  readonly totalsByCategory: Readonly<Record<Category, Money>>
  /** Total before tax. */
  readonly net: Money
  readonly tax: Money
  readonly total: Money
  /** Seats in each month of the horizon. */
  readonly seatsByMonth: ReadonlyArray<number>
  readonly seatMonths: number
  /** total ÷ seat-months; absent when there are no seats. */
  readonly costPerSeatMonth: Money | undefined
  /** Net present value of the cash flow at the profile's discount rate. */
  readonly npv: Money | undefined
  readonly unpriced: ReadonlyArray<UnpricedPart>
  /** False when an unpriced part makes the total a lower bound. */
  readonly complete: boolean
  readonly converted: Conversion | undefined
}

export type QuoteError =
  | SeatLimitExceeded
  | UnknownModule
  | UnknownIntegration
  | MissingFxRate
  | UnsupportedTerm
  | MissingLabourRate
  | UnknownComponent

export interface Options {
  /** Price this term; otherwise the cheapest term the offer sells and the profile allows. */
  readonly termMonths?: number
}

/** A line before rounding (the line's description without its id and amount), with how it is paid and accrued. */
interface Draft
  extends Pick<
    ChargeLine,
    "componentId" | "component" | "category" | "kind" | "label" | "basis" | "fromMonth" | "toMonth"
  > {
  readonly exact: Decimal
  /** Payment months and the weight of each payment (equal when omitted). */
  readonly payments: ReadonlyArray<number>
  readonly paymentWeights?: ReadonlyArray<Decimal>
  /** For a percentage: the draft it is a percentage of. */
  readonly baseOf?: Draft
}

interface Context {
  readonly offer: Offer
  readonly profile: Profile
  readonly termMonths: number
  readonly terms: number
  readonly horizon: number
  readonly seats: ReadonlyArray<number>
  readonly dates: ReadonlyArray<Calendar.CalendarDate>
  readonly currency: Currency
  /** The offer's seat components: per-seat modules and add-ons bill the seats they bill. */
  readonly seatRules: ReadonlyArray<PerSeat>
  readonly upliftAt: (month: number) => { factor: Decimal; renewals: number }
  readonly termDiscount: Decimal
}

/** Position of each category in `categories`: totals are kept in an array. */
const categoryIndex = new Map(categories.map((c, k) => [c, k]))

const byTag = <T extends FeeComponentTag>(offer: Offer, tag: T) =>
  offer.components.filter((c): c is Extract<FeeComponent, { _tag: T }> => c._tag === tag)

/** Seats in each month of the horizon, from the profile's count and growth. */
export const seatsByMonth = (profile: Profile): Array<number> => {
  const out = new Array<number>(profile.horizonMonths)
  const growth = profile.growth
  if (growth === undefined) return out.fill(profile.seats)
  if (growth._tag === "Schedule") {
    const list = growth.seats
    for (let m = 0; m < out.length; m++)
      out[m] = list[Math.min(m, list.length - 1)] ?? profile.seats
    return out
  }
  const base = new Decimal(profile.seats)
  const step = ONE.plus(growth.rate)
  let last = -1
  let seats = profile.seats
  for (let m = 0; m < out.length; m++) {
    const periods = growth.every === "month" ? m : Math.floor(m / 12)
    if (periods !== last) {
      seats = base.times(step.pow(periods)).ceil().toNumber()
      last = periods
    }
    out[m] = seats
  }
  return out
}

/**
 * The first month (0-based) the usage forecast exceeds a plan quota, and the
 * usage counted against it then: a year's running total for yearly quotas,
 * the month's usage otherwise; per-seat quotas count `billedSeats` (after
 * minimums and bundles, see `billedUnder`).
 */
export const quotaBreach = (
  quota: Quota,
  usage: ReadonlyArray<Decimal>,
  billedSeats: ReadonlyArray<number>,
): { month: number; usage: Decimal } | undefined => {
  let yearTotal = ZERO
  for (let m = 0; m < usage.length; m++) {
    const u = usage[m] ?? ZERO
    if (quota.per === "year") {
      yearTotal = m % 12 === 0 ? u : yearTotal.plus(u)
      if (yearTotal.gt(quota.units)) return { month: m, usage: yearTotal }
    } else {
      const limit = quota.per === "seat" ? quota.units.times(billedSeats[m] ?? 0) : quota.units
      if (u.gt(limit)) return { month: m, usage: u }
    }
  }
  return undefined
}

/** Usage in each month of the horizon for one metric. */
export const usageByMonth = (
  forecast: UsageForecast | undefined,
  horizon: number,
): Array<Decimal> => {
  const out = new Array<Decimal>(horizon)
  if (forecast === undefined) return out.fill(ZERO)
  const schedule = forecast.schedule
  if (schedule !== undefined) {
    for (let m = 0; m < horizon; m++) out[m] = schedule[Math.min(m, schedule.length - 1)] ?? ZERO
    return out
  }
  const growth = forecast.monthlyGrowth
  if (growth === undefined || growth.isZero()) return out.fill(forecast.perMonth)
  const step = ONE.plus(growth)
  for (let m = 0; m < horizon; m++) out[m] = forecast.perMonth.times(step.pow(m))
  return out
}

/** Billed seats: max(seats, minimum), up to the smallest bundle that holds them. */
export const billedSeats = (rules: PerSeat | undefined, seats: number): number => {
  if (rules === undefined) return seats
  const atLeast = Math.max(seats, rules.minSeats ?? 0)
  const bundles = rules.bundles
  if (bundles === undefined) return atLeast
  for (const size of bundles) if (size >= atLeast) return size
  return atLeast
}

/**
 * The renewal uplift in force for a term starting in `month` (0-based):
 * each renewal so far multiplies recurring prices by (1 + rate).
 */
export const upliftAtMonth = (
  uplifts: ReadonlyArray<RenewalUplift>,
  month: number,
): { readonly factor: Decimal; readonly renewals: number } => {
  let factor = ONE
  let renewals = 0
  for (const u of uplifts) {
    const n = Math.floor(month / u.everyMonths)
    renewals = Math.max(renewals, n)
    if (n > 0) factor = factor.times(ONE.plus(u.rate).pow(n))
  }
  return { factor, renewals }
}

/**
 * The plan maximum: the offer's seat limit and every seat component's. Seats
 * above it in any month of the need are an error, never a silent cap.
 */
export const checkSeatLimit = (
  offer: Offer,
  seats: ReadonlyArray<number>,
): Either.Either<void, SeatLimitExceeded> => {
  let limit = offer.limits.maxSeats ?? Number.POSITIVE_INFINITY
  let componentId = "limits.maxSeats"
  for (const c of offer.components) {
    if (c._tag === "PerSeat" && c.maxSeats !== undefined && c.maxSeats < limit) {
      limit = c.maxSeats
      componentId = c.id
    }
  }
  if (limit === Number.POSITIVE_INFINITY) return Either.void
  for (let m = 0; m < seats.length; m++) {
    const n = seats[m] ?? 0
    if (n > limit) {
      return Either.left(
        new SeatLimitExceeded({
          offerId: offer.id,
          componentId,
          seats: n,
          maxSeats: limit,
          month: m,
        }),
      )
    }
  }
  return Either.void
}

/** Seats billed under several seat components: the most any of them bills (order-free). */
export const billedUnder = (rules: ReadonlyArray<PerSeat>, seats: number): number => {
  let billed = seats
  for (const r of rules) billed = Math.max(billed, billedSeats(r, seats))
  return billed
}

/** The price of one unit (a seat, or the flat fee) for one whole term, before uplift. */
export const termPrice = (price: RecurringPrice, termMonths: number, termDiscount: Decimal) => {
  const explicit = price.byTerm?.find((t) => t.months === termMonths)
  if (explicit !== undefined) {
    if (explicit.per === "term") return explicit.amount
    if (explicit.per === "month") return explicit.amount.times(termMonths)
    return explicit.amount.times(termMonths).dividedBy(12)
  }
  const months = new Decimal(termMonths)
  const list =
    price.per === "month" ? price.amount.times(months) : price.amount.times(months).dividedBy(12)
  return termDiscount.isZero() ? list : list.times(ONE.minus(termDiscount))
}

const money = (ctx: Context, amount: Decimal) => Money.make(amount, ctx.currency)

/**
 * Recurring components (seats, modules, platform, add-ons): billed at each
 * term start for the whole term; mid-term seat additions prorated by day to
 * the term's end; reductions wait for the renewal.
 */
const recurring = (
  ctx: Context,
  c: PerSeat | Module | Platform | AddOn,
  category: Category,
  perSeat: boolean,
  promotions: ReadonlyArray<Promotion>,
): Array<Draft> => {
  const T = ctx.termMonths
  const unitPrice = termPrice(c.price, T, ctx.termDiscount)
  const start = c.startMonth ?? 0
  const rules = c._tag === "PerSeat" ? [c] : ctx.seatRules
  const drafts: Array<Draft> = []
  // Drafts are written field by field below, not spread from a common base: this
  // loop is the hot path of every quote, and spread literals are slow to build.

  // A run of whole terms with the same quantity and price becomes one line.
  let run:
    | { from: number; quantity: number; factor: Decimal; renewals: number; payments: Array<number> }
    | undefined
  const flush = () => {
    if (run === undefined) return
    const n = run.payments.length
    const to = (run.payments[n - 1] ?? run.from) + T
    const perTerm = run.factor === ONE ? unitPrice : unitPrice.times(run.factor)
    drafts.push({
      componentId: c.id,
      component: c._tag,
      category,
      label: c.name,
      kind: "charge",
      basis: perSeat
        ? Messages.make("basis.seats", {
            seats: run.quantity,
            price: money(ctx, perTerm),
            termMonths: T,
            terms: n,
            renewals: run.renewals,
          })
        : Messages.make("basis.flat", {
            price: money(ctx, perTerm),
            termMonths: T,
            terms: n,
            renewals: run.renewals,
          }),
      fromMonth: run.from,
      toMonth: to,
      exact: perTerm.times(run.quantity * n),
      payments: run.payments,
    })
    run = undefined
  }

  const applicable = promotions.filter((p) => p.appliesTo.includes(category))
  for (let k = 0; k < ctx.terms; k++) {
    const s = k * T
    const e = s + T
    if (start >= e) continue
    const first = Math.max(s, start)
    const { factor, renewals } = ctx.upliftAt(s)
    const quantity = perSeat ? billedUnder(rules, ctx.seats[first] ?? 0) : 1
    // Promotions: x % off the months of this term that fall inside the promotion,
    // netted into the term's own line so rounding never makes more seats cheaper.
    let promoOff = ZERO
    let promoMonths = 0
    let promoPercent = ZERO
    for (const promo of applicable) {
      const overlap = Math.min(e, promo.months) - first
      if (overlap <= 0) continue
      promoOff = promoOff.plus(promo.percentOff.times(overlap).dividedBy(e - first))
      promoMonths = Math.max(promoMonths, overlap)
      promoPercent = promoPercent.plus(promo.percentOff)
    }
    if (promoOff !== ZERO && promoOff.gt(1)) promoOff = ONE
    if (first > s || promoOff !== ZERO) {
      flush()
      const months = e - first
      const perTerm = unitPrice.times(factor)
      const gross = perTerm.times(quantity).times(months).dividedBy(T)
      drafts.push({
        componentId: c.id,
        component: c._tag,
        category,
        label: c.name,
        kind: "charge",
        basis: promoOff.isZero()
          ? Messages.make("basis.partialTerm", {
              quantity,
              price: money(ctx, perTerm),
              termMonths: T,
              months,
              renewals,
            })
          : Messages.make("basis.promotedTerm", {
              quantity,
              price: money(ctx, perTerm),
              termMonths: T,
              months,
              percent: promoPercent,
              promoMonths,
              discount: money(ctx, gross.times(promoOff)),
              renewals,
            }),
        fromMonth: first,
        toMonth: e,
        exact: promoOff.isZero() ? gross : gross.times(ONE.minus(promoOff)),
        payments: [first],
      })
    } else if (
      run !== undefined &&
      run.quantity === quantity &&
      (run.factor === factor || run.factor.eq(factor))
    ) {
      run.payments.push(s)
    } else {
      flush()
      run = { from: s, quantity, factor, renewals, payments: [s] }
    }

    // Mid-term additions are prorated by day to the term's end; reductions wait
    // for the renewal unless the vendor refunds them, prorated the same way.
    if (perSeat && T > 1) {
      const refunds = ctx.offer.seatReductions === "prorated-refund"
      let current = quantity
      const termDays = Calendar.daysBetween(dateAt(ctx, first), dateAt(ctx, e))
      for (let m = first + 1; m < e && m < ctx.horizon; m++) {
        const billed = billedUnder(rules, ctx.seats[m] ?? 0)
        if (billed === current || (billed < current && !refunds)) continue
        const days = Calendar.daysBetween(dateAt(ctx, m), dateAt(ctx, e))
        const perTerm = unitPrice.times(factor)
        const params = {
          seats: Math.abs(billed - current),
          price: money(ctx, perTerm),
          month: m + 1,
          days,
          termDays,
        }
        drafts.push({
          componentId: c.id,
          component: c._tag,
          category,
          label: c.name,
          kind: "charge",
          basis:
            billed > current
              ? Messages.make("basis.seatAddition", params)
              : Messages.make("basis.seatRefund", params),
          fromMonth: m,
          toMonth: e,
          exact: perTerm
            .times(billed - current)
            .times(days)
            .dividedBy(termDays),
          payments: [m],
        })
        current = billed
      }
    }
  }
  flush()
  return drafts
}

const dateAt = (ctx: Context, month: number): Calendar.CalendarDate =>
  ctx.dates[month] ?? Calendar.addMonths(ctx.profile.startDate, month)

/** Metered usage: each period priced by its quantity over what is included; equal periods merged. */
const usage = (ctx: Context, c: Usage): Array<Draft> => {
  const forecast = ctx.profile.usage.find((u) => u.metric === c.metric)
  const monthly = usageByMonth(forecast, ctx.horizon)
  const periodMonths = c.period === "month" ? 1 : 12
  const drafts: Array<Draft> = []
  let run:
    | {
        from: number
        to: number
        quantity: Decimal
        included: Decimal
        charge: Decimal
        minimum: boolean
        payments: Array<number>
      }
    | undefined
  const flush = () => {
    if (run === undefined) return
    const n = run.payments.length
    const charge = money(ctx, run.charge)
    drafts.push({
      componentId: c.id,
      component: "Usage",
      category: c.category,
      kind: "charge",
      label: c.name,
      basis: run.minimum
        ? Messages.make("basis.usageMinimum", {
            metric: c.metric,
            minimum: charge,
            period: c.period,
            periods: n,
          })
        : Messages.make("basis.usage", {
            metric: c.metric,
            quantity: run.quantity,
            included: run.included,
            charge,
            period: c.period,
            periods: n,
          }),
      fromMonth: run.from,
      toMonth: run.to,
      exact: run.charge.times(n),
      payments: run.payments,
    })
    run = undefined
  }
  // The charge is recomputed only when the quantity or what is included changes.
  let lastSeats = -1
  let included = ZERO
  let lastQuantity: Decimal | undefined
  let lastIncluded: Decimal | undefined
  let charge = ZERO
  let minimum = false
  for (let s = 0; s < ctx.horizon; s += periodMonths) {
    const e = Math.min(s + periodMonths, ctx.horizon)
    let quantity = monthly[s] ?? ZERO
    for (let m = s + 1; m < e; m++) {
      const q = monthly[m] ?? ZERO
      quantity = c.measure === "sum" ? quantity.plus(q) : Decimal.max(quantity, q)
    }
    // Vendors include usage per licensed seat: the seats billed, after minimums and bundles.
    const seats = billedUnder(ctx.seatRules, ctx.seats[s] ?? 0)
    if (seats !== lastSeats) {
      included = c.included?.units ?? ZERO
      if (c.included?.perSeat !== undefined)
        included = included.plus(c.included.perSeat.times(seats))
      lastSeats = seats
    }
    if (
      lastQuantity === undefined ||
      lastIncluded === undefined ||
      !(quantity === lastQuantity || quantity.eq(lastQuantity)) ||
      !(included === lastIncluded || included.eq(lastIncluded))
    ) {
      charge = Tiers.price(c.pricing, Decimal.max(ZERO, quantity.minus(included)))
      minimum = false
      if (c.minimumCommitment !== undefined && charge.lt(c.minimumCommitment)) {
        charge = c.minimumCommitment
        minimum = true
      }
      lastQuantity = quantity
      lastIncluded = included
    }
    if (
      run !== undefined &&
      run.minimum === minimum &&
      (run.charge === charge || run.charge.eq(charge)) &&
      (run.quantity === quantity || run.quantity.eq(quantity)) &&
      (run.included === included || run.included.eq(included))
    ) {
      run.payments.push(s)
      run.to = e
    } else {
      flush()
      run = { from: s, to: e, quantity, included, charge, minimum, payments: [s] }
    }
  }
  flush()
  return drafts.filter((d) => !d.exact.isZero())
}

const oneTime = (ctx: Context, c: OneTime): Draft => {
  const ms = c.milestones
  const amount = money(ctx, c.amount)
  return {
    componentId: c.id,
    component: "OneTime",
    category: "one-time",
    kind: "charge",
    label: c.name,
    basis:
      ms === undefined
        ? Messages.make("basis.upfront", { amount })
        : Messages.make("basis.milestones", {
            amount,
            count: ms.length,
            lastMonth: Math.max(...ms.map((m) => m.month)) + 1,
          }),
    fromMonth: 0,
    toMonth: ms === undefined ? 1 : Math.max(...ms.map((m) => m.month)) + 1,
    exact: c.amount,
    payments: ms === undefined ? [0] : ms.map((m) => m.month),
    ...(ms === undefined ? {} : { paymentWeights: ms.map((m) => m.share) }),
  }
}

const selfHosting = (ctx: Context, c: SelfHosting, labourRate: Decimal): Array<Draft> => {
  const H = ctx.horizon
  const months = Array.from({ length: H }, (_, m) => m)
  const base = { componentId: c.id, component: "SelfHosting", category: "self-hosting" } as const
  const rate = money(ctx, labourRate)
  const drafts: Array<Draft> = []
  if (!c.infrastructurePerMonth.isZero()) {
    drafts.push({
      ...base,
      kind: "charge",
      label: `${c.name} — infrastructure`,
      basis: Messages.make("basis.infrastructure", {
        price: money(ctx, c.infrastructurePerMonth),
        months: H,
      }),
      fromMonth: 0,
      toMonth: H,
      exact: c.infrastructurePerMonth.times(H),
      payments: months,
    })
  }
  if (!c.adminHoursPerMonth.isZero()) {
    drafts.push({
      ...base,
      kind: "charge",
      label: `${c.name} — administration`,
      basis: Messages.make("basis.administration", {
        hours: c.adminHoursPerMonth,
        rate,
        months: H,
      }),
      fromMonth: 0,
      toMonth: H,
      exact: c.adminHoursPerMonth.times(labourRate).times(H),
      payments: months,
    })
  }
  if (!c.upgradeHoursPerYear.isZero()) {
    const years = Math.ceil(H / 12)
    drafts.push({
      ...base,
      kind: "charge",
      label: `${c.name} — upgrades`,
      basis: Messages.make("basis.upgrades", { hours: c.upgradeHoursPerYear, rate, years }),
      fromMonth: 0,
      toMonth: years * 12,
      exact: c.upgradeHoursPerYear.times(labourRate).times(years),
      payments: Array.from({ length: years }, (_, y) => y * 12),
    })
  }
  return drafts
}

/** Find an exchange rate from the profile (or its inverse). */
export const fxRate = (
  profile: Profile,
  from: Currency,
  to: Currency,
): Either.Either<Decimal, MissingFxRate> => {
  if (from === to) return Either.right(ONE)
  const rates = profile.fx?.rates ?? []
  const direct = rates.find((r) => r.from === from && r.to === to)
  if (direct !== undefined) return Either.right(direct.rate)
  const inverse = rates.find((r) => r.from === to && r.to === from)
  if (inverse !== undefined) return Either.right(ONE.dividedBy(inverse.rate))
  return Either.left(new MissingFxRate({ from, to }))
}

/** Which optional components the need brings in, and the unpriced parts it hits (or why it cannot be met). */
export const selectComponents = (
  offer: Offer,
  profile: Profile,
): Either.Either<
  { chosen: Set<string>; unpriced: Array<UnpricedPart> },
  UnknownModule | UnknownIntegration | UnknownComponent
> => {
  // Early returns rather than Either.gen: pricing is the hot path of every quote.
  const chosen = new Set<string>()
  const unpriced: Array<UnpricedPart> = []
  const byId = new Map(offer.components.map((c) => [c.id, c]))
  const choose = (id: string, neededFor: string) => {
    if (chosen.has(id)) return
    const c = byId.get(id)
    if (c === undefined) return
    chosen.add(id)
    if (c._tag === "Unpriced") {
      unpriced.push({
        componentId: c.id,
        name: c.name,
        category: c.category,
        reason: c.reason,
        neededFor,
      })
    }
    if (c._tag === "AddOn") for (const r of c.requires) choose(r, neededFor)
  }
  for (const c of offer.components) {
    if (c._tag === "Unpriced" && c.mandatory) choose(c.id, "mandatory")
  }
  const need = (
    what: string,
    included: ReadonlyArray<string>,
    isModule: boolean,
  ): Either.Either<void, UnknownModule | UnknownIntegration> => {
    if (included.includes(what)) return Either.void
    let found = false
    for (const c of offer.components) {
      if (
        (isModule && c._tag === "Module" && c.module === what) ||
        ((c._tag === "AddOn" || c._tag === "Unpriced") && c.requiredFor.includes(what))
      ) {
        choose(c.id, what)
        found = true
      }
    }
    if (found) return Either.void
    return isModule
      ? Either.left(new UnknownModule({ offerId: offer.id, module: what }))
      : Either.left(new UnknownIntegration({ offerId: offer.id, integration: what }))
  }
  for (const m of profile.modules) {
    const met = need(m, offer.includes.modules, true)
    if (Either.isLeft(met)) return Either.left(met.left)
  }
  for (const i of profile.integrations) {
    const met = need(i, offer.includes.integrations, false)
    if (Either.isLeft(met)) return Either.left(met.left)
  }
  for (const id of profile.extras) {
    if (!byId.has(id)) {
      return Either.left(new UnknownComponent({ offerId: offer.id, componentId: id }))
    }
    choose(id, "selected")
  }
  return Either.right({ chosen, unpriced })
}

/** The terms that can be priced: sold by the offer and allowed by the profile. */
export const availableTerms = (
  offer: Offer,
  profile: Profile,
): Either.Either<ReadonlyArray<number>, UnsupportedTerm> => {
  const sold = offer.terms.map((t) => t.months)
  const allowed =
    profile.terms === undefined ? sold : sold.filter((m) => profile.terms?.includes(m))
  return allowed.length > 0
    ? Either.right(allowed)
    : Either.left(
        new UnsupportedTerm({ offerId: offer.id, months: profile.terms ?? [], allowed: sold }),
      )
}

/** Payments `stride` months apart with no gap. */
const isRegular = (payments: ReadonlyArray<number>, stride: number): boolean => {
  if (stride <= 0) return false
  for (let i = 1; i < payments.length; i++) {
    if ((payments[i] ?? 0) - (payments[i - 1] ?? 0) !== stride) return false
  }
  return true
}

const roundDraft = (d: Draft, currency: Currency, mode: RoundingMode): bigint =>
  toMinorUnits(d.exact, currency, mode)

/**
 * Price an offer with one term length, synchronously. Failures return early
 * (no Either.gen): this runs for every quote and every point of a sweep.
 */
const priceTerm = (
  offer: Offer,
  profile: Profile,
  termMonths: number,
): Either.Either<Quote, QuoteError> => {
  const sold = offer.terms.find((t) => t.months === termMonths)
  if (sold === undefined || (profile.terms !== undefined && !profile.terms.includes(termMonths))) {
    return Either.left(
      new UnsupportedTerm({
        offerId: offer.id,
        months: [termMonths],
        allowed: offer.terms.map((t) => t.months),
      }),
    )
  }
  const currency = offer.currency
  const horizon = profile.horizonMonths
  const terms = Math.ceil(horizon / termMonths)
  const covered = terms * termMonths
  const seats = seatsByMonth(profile)
  const withinLimit = checkSeatLimit(offer, seats)
  if (Either.isLeft(withinLimit)) return Either.left(withinLimit.left)
  const selected = selectComponents(offer, profile)
  if (Either.isLeft(selected)) return Either.left(selected.left)
  const { chosen, unpriced } = selected.right

  const uplifts = byTag(offer, "RenewalUplift")
  const upliftCache = new Map<number, { factor: Decimal; renewals: number }>()
  const noUplift = { factor: ONE, renewals: 0 }
  const upliftAt = (month: number) => {
    if (uplifts.length === 0) return noUplift
    let hit = upliftCache.get(month)
    if (hit === undefined) {
      hit = upliftAtMonth(uplifts, month)
      upliftCache.set(month, hit)
    }
    return hit
  }

  const anyProration = termMonths > 1
  const dates: Array<Calendar.CalendarDate> = []
  if (anyProration) {
    for (let m = 0; m <= covered; m++) dates.push(Calendar.addMonths(profile.startDate, m))
  }

  const ctx: Context = {
    offer,
    profile,
    termMonths,
    terms,
    horizon,
    seats,
    dates,
    currency,
    seatRules: byTag(offer, "PerSeat"),
    upliftAt,
    termDiscount: sold.discount ?? ZERO,
  }

  const promotions = byTag(offer, "Promotion")
  const drafts: Array<Draft> = []
  const percentages: Array<Percentage> = []
  for (const c of offer.components) {
    switch (c._tag) {
      case "PerSeat":
        drafts.push(...recurring(ctx, c, "licence", true, promotions))
        break
      case "Platform":
        drafts.push(...recurring(ctx, c, c.category, false, promotions))
        break
      case "Module":
        if (chosen.has(c.id)) drafts.push(...recurring(ctx, c, "modules", c.perSeat, promotions))
        break
      case "AddOn":
        if (chosen.has(c.id)) drafts.push(...recurring(ctx, c, c.category, c.perSeat, promotions))
        break
      case "OneTime":
        if (c.mandatory || chosen.has(c.id)) drafts.push(oneTime(ctx, c))
        break
      case "Usage":
        drafts.push(...usage(ctx, c))
        break
      case "SelfHosting": {
        let rate: Decimal
        if (profile.labourRate !== undefined) {
          const labourFx = fxRate(profile, profile.labourRate.currency, currency)
          if (Either.isLeft(labourFx)) return Either.left(labourFx.left)
          rate = profile.labourRate.amount.times(labourFx.right)
        } else if (c.labourRate !== undefined) {
          rate = c.labourRate
        } else {
          return Either.left(new MissingLabourRate({ offerId: offer.id, componentId: c.id }))
        }
        drafts.push(...selfHosting(ctx, c, rate))
        break
      }
      case "Percentage":
        if (c.mandatory || chosen.has(c.id)) percentages.push(c)
        break
      case "Unpriced":
      case "RenewalUplift":
      case "Promotion":
      case "Tax":
        break
    }
  }

  const mode = offer.rounding
  // Round every line once; percentages apply to the rounded lines of their base.
  const rounded: Array<{ draft: Draft; minor: bigint }> = drafts.map((draft) => ({
    draft,
    minor: roundDraft(draft, currency, mode),
  }))
  for (const p of percentages) {
    for (const { draft, minor } of rounded.slice()) {
      if (!p.base.includes(draft.category) || draft.component === "Percentage") continue
      if (minor === 0n) continue
      const amount = fromMinor(minor, currency).amount
      const d: Draft = {
        ...draft,
        componentId: p.id,
        component: "Percentage",
        category: p.category,
        label: `${p.name} — ${draft.label}`,
        basis: Messages.make("basis.percentage", {
          rate: p.rate,
          base: money(ctx, amount),
          baseLabel: draft.label,
        }),
        exact: amount.times(p.rate),
        baseOf: draft,
      }
      rounded.push({ draft: d, minor: roundDraft(d, currency, mode) })
    }
  }

  // Tax: exclusive adds a line per charge line; inclusive splits it out of the gross.
  const taxComponent = byTag(offer, "Tax")[0]
  const taxRate = profile.tax?.rate ?? taxComponent?.rate ?? ZERO
  const taxMode = profile.tax?.mode ?? taxComponent?.mode ?? "exclusive"
  const lines: Array<ChargeLine> = []
  const schedules: Array<{ amount: bigint; draft: Draft }> = []
  const lineIds = new Map<Draft, string>()
  const pushLine = (draft: Draft, minor: bigint, taxOf?: string): ChargeLine => {
    const baseOf = draft.baseOf === undefined ? undefined : lineIds.get(draft.baseOf)
    // Optional fields are set after the literal (same key order) rather than spread in.
    const line: { -readonly [K in keyof ChargeLine]: ChargeLine[K] } = {
      id: `L${lines.length + 1}`,
      componentId: draft.componentId,
      component: draft.component,
      category: draft.category,
      kind: draft.kind,
      label: draft.label,
      basis: draft.basis,
      fromMonth: draft.fromMonth,
      toMonth: draft.toMonth,
      paidInMonths: draft.payments,
      amount: fromMinor(minor, currency),
    }
    if (taxOf !== undefined) line.taxOf = taxOf
    if (baseOf !== undefined) line.baseOf = baseOf
    lines.push(line)
    if (taxOf === undefined) lineIds.set(draft, line.id)
    schedules.push({ amount: minor, draft })
    return line
  }
  const taxId = taxComponent?.id ?? "tax"
  const taxLabel = taxComponent?.name ?? "Tax"
  for (const { draft, minor } of rounded) {
    if (minor === 0n) continue
    if (taxRate.isZero()) {
      pushLine(draft, minor)
      continue
    }
    const amount = fromMinor(minor, currency).amount
    // Exclusive: tax on top of the net line. Inclusive: the tax share of the gross,
    // the net line keeping the rest.
    const exclusive = taxMode === "exclusive"
    const tax = exclusive
      ? toMinorUnits(amount.times(taxRate), currency, mode)
      : toMinorUnits(amount.times(taxRate).dividedBy(ONE.plus(taxRate)), currency, mode)
    const line = pushLine(draft, exclusive ? minor : minor - tax)
    pushLine(
      {
        ...draft,
        componentId: taxId,
        component: "Tax",
        category: "tax",
        kind: "tax",
        label: `${taxLabel} — ${draft.label}`,
        basis: exclusive
          ? Messages.make("basis.taxExclusive", { rate: taxRate, net: money(ctx, amount) })
          : Messages.make("basis.taxInclusive", { rate: taxRate, gross: money(ctx, amount) }),
        exact: fromMinor(tax, currency).amount,
      },
      tax,
      line.id,
    )
  }

  // Schedules and totals, in integer minor units.
  let length = Math.max(covered, horizon)
  for (const { draft } of schedules) {
    for (const m of draft.payments) length = Math.max(length, m + 1)
    length = Math.max(length, draft.toMonth)
  }
  const cashBuilder = new Schedule.Builder(length)
  const accrualBuilder = new Schedule.Builder(length)
  const byCategory = new Array<bigint>(categories.length).fill(0n)
  let total = 0n
  let tax = 0n
  for (const { amount, draft } of schedules) {
    total += amount
    if (draft.category === "tax") tax += amount
    const k = categoryIndex.get(draft.category) ?? 0
    byCategory[k] = (byCategory[k] ?? 0n) + amount
    const payments = draft.payments
    const first = payments[0] ?? 0
    const stride = payments.length > 1 ? (payments[1] ?? 0) - first : 1
    if (draft.paymentWeights !== undefined) {
      const shares = allocateMinor(amount, draft.paymentWeights)
      for (let i = 0; i < payments.length; i++) {
        cashBuilder.addAt(payments[i] ?? 0, shares[i] ?? 0n)
      }
    } else if (isRegular(payments, stride)) {
      cashBuilder.addEvenly(amount, first, payments.length, stride)
    } else {
      const shares = allocateEqual(amount, payments.length)
      for (let i = 0; i < payments.length; i++) {
        cashBuilder.addAt(payments[i] ?? 0, shares[i] ?? 0n)
      }
    }
    accrualBuilder.addEvenly(
      amount,
      draft.fromMonth,
      Math.max(1, draft.toMonth - draft.fromMonth),
      1,
    )
  }
  const cash = cashBuilder.toMinor()
  const accrual = accrualBuilder.toMinor()

  const totalsByCategory = {} as Record<Category, Money>
  categories.forEach((c, k) => {
    totalsByCategory[c] = fromMinor(byCategory[k] ?? 0n, currency)
  })
  const totalMoney = fromMinor(total, currency)
  let seatMonths = 0
  for (let m = 0; m < horizon; m++) seatMonths += seats[m] ?? 0
  const costPerSeatMonth =
    seatMonths > 0
      ? money(ctx, roundDecimal(totalMoney.amount.dividedBy(seatMonths), currency, mode))
      : undefined

  const cashFlow = Schedule.toMoney(cash, currency)
  const npv =
    profile.discountRate === undefined
      ? undefined
      : money(
          ctx,
          roundDecimal(Schedule.presentValue(cashFlow, profile.discountRate), currency, mode),
        )

  let converted: Conversion | undefined
  if (profile.currency !== undefined && profile.currency !== currency) {
    const to = profile.currency
    const fx = fxRate(profile, currency, to)
    if (Either.isLeft(fx)) return Either.left(fx.left)
    const rate = fx.right
    const convertedByCategory = Object.fromEntries(
      categories.map((c) => [
        c,
        Money.make(roundDecimal(totalsByCategory[c].amount.times(rate), to, mode), to),
      ]),
    ) as Record<Category, Money>
    let convertedTotal = ZERO
    for (const c of categories) convertedTotal = convertedTotal.plus(convertedByCategory[c].amount)
    converted = {
      currency: to,
      rate,
      asOf: profile.fx?.asOf ?? profile.startDate,
      total: Money.make(convertedTotal, to),
      totalsByCategory: convertedByCategory,
    }
  }

  const quote: Quote = {
    offerId: offer.id,
    currency,
    termMonths,
    horizonMonths: horizon,
    unusedPrepaidMonths: covered - horizon,
    lines,
    cashFlow,
    accrual: Schedule.toMoney(accrual, currency),
    totalsByCategory,
    net: fromMinor(total - tax, currency),
    tax: fromMinor(tax, currency),
    total: totalMoney,
    seatsByMonth: seats,
    seatMonths,
    costPerSeatMonth,
    npv,
    unpriced,
    complete: unpriced.length === 0,
    converted,
  }
  return Either.right(quote)
}

// Pricing is pure, synchronous and hot (break-even sweeps price thousands of
// quotes): no span per call here; adapters trace the request around it.
/** Price an offer for a profile with one term length. */
export const forTerm = (
  offer: Offer,
  profile: Profile,
  termMonths: number,
): Effect.Effect<Quote, QuoteError> => Effect.suspend(() => priceTerm(offer, profile, termMonths))

/** The cheapest of the available terms (the shorter term on a tie). */
const priceBest = (offer: Offer, profile: Profile): Either.Either<Quote, QuoteError> => {
  const available = availableTerms(offer, profile)
  if (Either.isLeft(available)) return Either.left(available.left)
  let best: Quote | undefined
  for (const months of available.right) {
    const priced = priceTerm(offer, profile, months)
    if (Either.isLeft(priced)) return priced
    const q = priced.right
    if (
      best === undefined ||
      q.total.amount.lt(best.total.amount) ||
      (q.total.amount.eq(best.total.amount) && q.termMonths < best.termMonths)
    ) {
      best = q
    }
  }
  if (best === undefined) {
    return Either.left(
      new UnsupportedTerm({
        offerId: offer.id,
        months: [],
        allowed: offer.terms.map((t) => t.months),
      }),
    )
  }
  return Either.right(best)
}

/**
 * Price an offer for a profile: with the term asked for, or else every term
 * the offer sells and the profile allows, keeping the cheapest (the shorter
 * term on a tie).
 */
export const make = (
  offer: Offer,
  profile: Profile,
  options?: Options,
): Effect.Effect<Quote, QuoteError> =>
  Effect.suspend(() =>
    options?.termMonths === undefined
      ? priceBest(offer, profile)
      : priceTerm(offer, profile, options.termMonths),
  )

/** Every available term priced, shortest first. */
export const allTerms = (
  offer: Offer,
  profile: Profile,
): Effect.Effect<ReadonlyArray<Quote>, QuoteError> =>
  Effect.suspend(() =>
    Either.gen(function* () {
      const available = yield* availableTerms(offer, profile)
      const quotes: Array<Quote> = []
      for (const months of [...available].sort((a, b) => a - b)) {
        quotes.push(yield* priceTerm(offer, profile, months))
      }
      return quotes
    }),
  )
