/**
 * Overage rules (DESIGN.md, "Subscriptions, renewals, overage"): seats
 * assigned above seats bought, usage at 80 % and 100 % of a quota, and a
 * forecast from the snapshots' trend that crosses a quota before its period
 * ends — each with the money it will cost at the contract's overage rates.
 */

import type { CalendarDate } from "./Calendar.js"
import * as Calendar from "./Calendar.js"
import * as Money from "./Money.js"
import type { Term } from "./Renewal.js"
import type { SubscriptionQuota } from "./Subscription.js"
import * as Zoned from "./Zoned.js"

/** The thresholds of a quota that alert, in whole percent of the included units. */
export const thresholds: ReadonlyArray<number> = [80, 100]

/** How many of the latest snapshots of a period the forecast fits its trend to. */
export const forecastWindow = 12

/**
 * What the overage rules read of a usage snapshot (a `UsageSnapshot` is
 * one); the worker's scan builds these without the schema class.
 */
export interface Usage {
  readonly takenAt: { readonly epochMillis: number }
  readonly seatsAssigned: number
  readonly metrics: { readonly [metric: string]: Money.Decimal }
}

/** A quota's period: [start, end) in calendar dates. */
export interface Period {
  readonly start: CalendarDate
  readonly end: CalendarDate
}

/**
 * The period of a quota that holds `today`: the whole term, or the month of
 * the term (anchored on the term start, clamped at month ends, never past
 * the term's end).
 */
export const periodOf = (
  quota: Pick<SubscriptionQuota, "per">,
  term: Pick<Term, "start" | "renewalDate">,
  today: CalendarDate,
): Period => {
  const days = periodDays(quota, term.start, Zoned.dayOfDate(term.renewalDate), today)
  return { start: Zoned.dateOfEpochDay(days.start), end: Zoned.dateOfEpochDay(days.end) }
}

/** `periodOf` in epoch days: [start, end). */
export const periodDays = (
  quota: Pick<SubscriptionQuota, "per">,
  termStart: CalendarDate,
  renewalDay: number,
  today: CalendarDate,
): { readonly start: number; readonly end: number } => {
  if (quota.per === "term") return { start: Zoned.dayOfDate(termStart), end: renewalDay }
  const todayDay = Zoned.dayOfDate(today)
  let m = Math.max(0, Zoned.monthsBetween(termStart, today))
  while (m > 0 && Zoned.addMonthsDay(termStart, m) > todayDay) m--
  const next = Zoned.addMonthsDay(termStart, m + 1)
  return { start: Zoned.addMonthsDay(termStart, m), end: Math.min(next, renewalDay) }
}

/**
 * What usage beyond a quota costs: the units over the included ones, in
 * packages of `overageUnit` (a started package is paid), at the overage rate,
 * rounded once. `undefined` when the contract sells no overage.
 * @example overageCost({ included: 10, overageRate: 5 USD, overageUnit: 1 }, 12.5) // 15.00 USD
 */
export const overageCost = (
  quota: Pick<SubscriptionQuota, "included" | "overageRate" | "overageUnit">,
  usage: Money.Decimal,
): Money.Money | undefined => {
  if (quota.overageRate === undefined) return undefined
  const over = usage.minus(quota.included)
  if (over.lte(0)) return Money.zero(quota.overageRate.currency)
  const packages = over.div(quota.overageUnit).ceil()
  return Money.round(Money.multiply(quota.overageRate, packages))
}

/** The highest threshold usage has reached, as a whole percent (80, 100), if any. */
export const thresholdReached = (
  included: Money.Decimal,
  usage: Money.Decimal,
): number | undefined => {
  if (included.isZero()) return usage.gt(0) ? 100 : undefined
  let levels = thresholdLevels.get(included)
  if (levels === undefined) {
    levels = thresholds.map((percent) => included.times(percent).dividedBy(100))
    thresholdLevels.set(included, levels)
  }
  let reached: number | undefined
  for (let i = 0; i < thresholds.length; i++) {
    if (usage.gte(levels[i] as Money.Decimal)) reached = thresholds[i]
  }
  return reached
}

// Quotas are shared per distinct document, so their included units repeat: the levels are kept.
const thresholdLevels = new WeakMap<Money.Decimal, ReadonlyArray<Money.Decimal>>()

/**
 * Seats assigned above seats bought, and what the extra seats cost: the
 * per-seat price of the term prorated by day from `today` to the term's end
 * (DESIGN: mid-term additions are prorated to the term's end), rounded once.
 */
export const seatsOverCost = (
  term: Term,
  seatsBought: number,
  seatsAssigned: number,
  today: CalendarDate,
): Money.Money | undefined => {
  const extra = seatsAssigned - seatsBought
  if (extra <= 0 || seatsBought <= 0) return undefined
  const termDays = Calendar.daysBetween(term.start, term.renewalDate)
  const daysLeft = Math.max(0, Calendar.daysBetween(today, term.renewalDate))
  return Money.round(
    Money.multiply(
      term.price,
      new Money.Decimal(extra).times(daysLeft).div(new Money.Decimal(seatsBought).times(termDays)),
    ),
  )
}

/** A straight line fitted to usage over local days: usage ≈ intercept + slope × day. */
export interface Trend {
  readonly slope: number
  readonly intercept: number
}

/**
 * Least squares over (local day, usage) points; `undefined` with fewer than
 * two distinct days (no trend to speak of).
 */
export const leastSquares = (
  points: ReadonlyArray<readonly [number, number]>,
): Trend | undefined => {
  const n = points.length
  if (n < 2) return undefined
  let sx = 0
  let sy = 0
  for (const [x, y] of points) {
    sx += x
    sy += y
  }
  const mx = sx / n
  const my = sy / n
  let sxx = 0
  let sxy = 0
  for (const [x, y] of points) {
    sxx += (x - mx) * (x - mx)
    sxy += (x - mx) * (y - my)
  }
  if (sxx === 0) return undefined
  const slope = sxy / sxx
  return { slope, intercept: my - slope * mx }
}

/** Where a quota's usage is heading by the end of its period. */
export interface Forecast {
  /** Usage expected at the period's end. */
  readonly projected: Money.Decimal
  /** The local day on which the trend reaches the included units. */
  readonly crossesOn: CalendarDate
}

/**
 * The trend of a metric over the snapshots of its period (the latest
 * `forecastWindow`), projected to the period's end: a forecast when it rises
 * above the included units before the end while the latest usage is below.
 */
export const forecast = (
  metric: string,
  included: Money.Decimal,
  period: Period,
  snapshots: ReadonlyArray<Usage>,
  timeZone: string,
): Forecast | undefined =>
  forecastUntil(metric, included, Zoned.dayOfDate(period.end), snapshots, timeZone)

/** `forecast` for a period ending on an epoch day. */
export const forecastUntil = (
  metric: string,
  included: Money.Decimal,
  end: number,
  snapshots: ReadonlyArray<Usage>,
  timeZone: string,
): Forecast | undefined => {
  // The trend is a statistical estimate of a quantity (units, not money), fitted in
  // floating point; whether usage is already over the quota is decided exactly, and
  // the projection is cut to 6 decimals before any money is computed from it.
  const points: Array<readonly [number, number]> = []
  let latest: Money.Decimal | undefined
  for (let i = Math.max(0, snapshots.length - forecastWindow); i < snapshots.length; i++) {
    const s = snapshots[i] as Usage
    const v = s.metrics[metric]
    if (v !== undefined) {
      points.push([Zoned.localDays(s.takenAt.epochMillis, timeZone), v.toNumber()])
      latest = v
    }
  }
  const last = points[points.length - 1]
  if (last === undefined || latest === undefined || latest.gte(included)) return undefined
  const includedUnits = included.toNumber()
  const trend = leastSquares(points)
  if (trend === undefined || trend.slope <= 0) return undefined
  const projectedAtEnd = trend.intercept + trend.slope * end
  if (!(projectedAtEnd > includedUnits)) return undefined
  const crossing = (includedUnits - trend.intercept) / trend.slope
  // The trend may have crossed between snapshots already; it is news from the last one on.
  const crossesOnDay = Math.min(end - 1, Math.max(Math.floor(crossing), Math.floor(last[0])))
  return {
    projected: new Money.Decimal(projectedAtEnd.toFixed(6)),
    crossesOn: Zoned.dateOfEpochDay(crossesOnDay),
  }
}
