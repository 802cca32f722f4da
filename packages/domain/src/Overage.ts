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
 * the term (anchored on the term start, or on the contract's anchor day when
 * given, clamped at month ends, never past the term's end).
 */
export const periodOf = (
  quota: Pick<SubscriptionQuota, "per">,
  term: Pick<Term, "start" | "renewalDate">,
  today: CalendarDate,
  anchorDay?: number,
): Period => {
  const days = periodDays(quota, term.start, Zoned.dayOfDate(term.renewalDate), today, anchorDay)
  return { start: Zoned.dateOfEpochDay(days.start), end: Zoned.dateOfEpochDay(days.end) }
}

/** `periodOf` in epoch days: [start, end). */
export const periodDays = (
  quota: Pick<SubscriptionQuota, "per">,
  termStart: CalendarDate,
  renewalDay: number,
  today: CalendarDate,
  anchorDay?: number,
): { readonly start: number; readonly end: number } => {
  if (quota.per === "term") return { start: Zoned.dayOfDate(termStart), end: renewalDay }
  const todayDay = Zoned.dayOfDate(today)
  let m = Math.max(0, Zoned.monthsBetween(termStart, today))
  while (m > 0 && Zoned.addMonthsDay(termStart, m, anchorDay) > todayDay) m--
  const next = Zoned.addMonthsDay(termStart, m + 1, anchorDay)
  return { start: Zoned.addMonthsDay(termStart, m, anchorDay), end: Math.min(next, renewalDay) }
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

/**
 * The sums of a least-squares fit of y over x, exact in integers: x whole
 * (local milliseconds, or days), y decimals scaled by 10^`scale` to whole
 * numbers. With d = n·Σx² − (Σx)² and m = n·Σxy − Σx·Σy, the line is
 * y(x) = (Σy·d + m·(n·x − Σx)) / (n·d·10^scale): one division, made only for
 * a figure that is reported. Comparisons need none.
 */
interface Fit {
  readonly n: bigint
  readonly sx: bigint
  readonly sy: bigint
  readonly d: bigint
  readonly m: bigint
  /** y's decimal places: y is counted in units of 10^-places. */
  readonly places: number
  readonly scale: bigint
}

const fitLine = (
  xs: ReadonlyArray<bigint>,
  ys: ReadonlyArray<Money.Decimal>,
  alsoScale: number,
): Fit | undefined => {
  const count = xs.length
  if (count < 2) return undefined
  let places = alsoScale
  for (const y of ys) places = Math.max(places, y.decimalPlaces())
  const scale = 10n ** BigInt(places)
  let sx = 0n
  let sy = 0n
  let sxx = 0n
  let sxy = 0n
  for (let i = 0; i < count; i++) {
    const x = xs[i] as bigint
    const y = scaled(ys[i] as Money.Decimal, places)
    sx += x
    sy += y
    sxx += x * x
    sxy += x * y
  }
  const n = BigInt(count)
  const d = n * sxx - sx * sx
  if (d === 0n) return undefined
  return { n, sx, sy, d, m: n * sxy - sx * sy, places, scale }
}

/** A decimal with at most `places` decimals as a whole number of 10^-places. */
const scaled = (v: Money.Decimal, places: number): bigint =>
  BigInt((places === 0 ? v : v.times(Money.TEN.pow(places))).toFixed(0))

/** The fitted line's value at `x`, as n·d·10^scale·y(x) (see `Fit`). */
const numeratorAt = (f: Fit, x: bigint) => f.sy * f.d + f.m * (f.n * x - f.sx)

const ratio = (numerator: bigint, denominator: bigint) =>
  new Money.Decimal(numerator.toString()).div(denominator.toString())

/** Floor division of integers (BigInt's `/` truncates toward zero). */
const floorDiv = (a: bigint, b: bigint) => {
  const q = a / b
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q
}

/** A straight line fitted to usage over local days: usage ≈ intercept + slope × day. */
export interface Trend {
  readonly slope: Money.Decimal
  readonly intercept: Money.Decimal
}

/**
 * Least squares over (whole day, usage) points, exact; `undefined` with fewer
 * than two distinct days (no trend to speak of).
 */
export const leastSquares = (
  points: ReadonlyArray<readonly [number, Money.Decimal]>,
): Trend | undefined => {
  const f = fitLine(
    points.map(([x]) => BigInt(x)),
    points.map(([, y]) => y),
    0,
  )
  if (f === undefined) return undefined
  return {
    slope: ratio(f.m, f.d * f.scale),
    intercept: ratio(numeratorAt(f, 0n), f.n * f.d * f.scale),
  }
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
  // The trend is fitted over local time in whole milliseconds (a snapshot's time of day
  // counts) in exact integer arithmetic, like the money it leads to.
  const xs: Array<bigint> = []
  const ys: Array<Money.Decimal> = []
  for (let i = Math.max(0, snapshots.length - forecastWindow); i < snapshots.length; i++) {
    const s = snapshots[i] as Usage
    const v = s.metrics[metric]
    if (v !== undefined) {
      xs.push(BigInt(Zoned.localMillis(s.takenAt.epochMillis, timeZone)))
      ys.push(v)
    }
  }
  const latest = ys[ys.length - 1]
  const lastX = xs[xs.length - 1]
  if (latest === undefined || lastX === undefined || latest.gte(included)) return undefined
  const f = fitLine(xs, ys, included.decimalPlaces())
  // Rising (m > 0), and above the included units at the period's end.
  if (f === undefined || f.m <= 0n) return undefined
  const day = BigInt(Zoned.MS_PER_DAY)
  const atEnd = numeratorAt(f, BigInt(end) * day)
  const includedNumerator = f.n * f.d * scaled(included, f.places)
  if (atEnd <= includedNumerator) return undefined
  // Where the line reaches the included units: x = (included·n·d − Σy·d + m·Σx) / (m·n).
  const crossingX = floorDiv(includedNumerator - f.sy * f.d + f.m * f.sx, f.m * f.n)
  // The trend may have crossed between snapshots already; it is news from the last one on.
  const crossing = Number(floorDiv(crossingX, day))
  const lastDay = Number(floorDiv(lastX, day))
  const crossesOnDay = Math.min(end - 1, Math.max(crossing, lastDay))
  return {
    // Units, kept to 6 decimals in the alert (an overage is billed in whole packages).
    projected: ratio(atEnd, f.n * f.d * f.scale).toDecimalPlaces(6),
    crossesOn: Zoned.dateOfEpochDay(crossesOnDay),
  }
}
