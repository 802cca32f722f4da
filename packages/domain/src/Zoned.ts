/**
 * Instants seen on a time zone's wall clock, fast enough for a run over a
 * million subscriptions: a zone's UTC offset is looked up once per quarter
 * hour (every zone changes its offset on a quarter-hour boundary) and kept.
 */
import type { CalendarDate } from "./Calendar.js"

export const MS_PER_DAY = 86_400_000
const BUCKET_MS = 900_000

const formatters = new Map<string, Intl.DateTimeFormat>()
// Zone → quarter-hour bucket → offset: two lookups, no key string built per call.
const offsets = new Map<string, Map<number, number>>()
let offsetCount = 0

const formatter = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    })
    formatters.set(timeZone, f)
  }
  return f
}

const computeOffset = (ms: number, timeZone: string): number => {
  const parts = formatter(timeZone).formatToParts(new Date(ms))
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0)
  const wall = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  )
  return wall - Math.floor(ms / 1000) * 1000
}

/** The zone's offset from UTC at an instant, in milliseconds (DST included). */
export const offsetMs = (ms: number, timeZone: string): number => {
  let zone = offsets.get(timeZone)
  if (zone === undefined) {
    zone = new Map()
    offsets.set(timeZone, zone)
  }
  const bucket = Math.floor(ms / BUCKET_MS)
  let o = zone.get(bucket)
  if (o === undefined) {
    if (offsetCount > 200_000) {
      for (const z of offsets.values()) z.clear()
      offsetCount = 0
    }
    o = computeOffset(ms, timeZone)
    zone.set(bucket, o)
    offsetCount++
  }
  return o
}

/**
 * An instant as days since 1970-01-01 on the zone's wall clock: the integer
 * part is the local calendar day, the fraction the local time of day. A DST
 * change moves the wall clock, so a day may hold 23 or 25 hours of instants.
 */
export const localDays = (instant: Date | number, timeZone: string): number =>
  localMillis(instant, timeZone) / MS_PER_DAY

/** An instant as whole milliseconds since 1970-01-01T00:00 on the zone's local clock. */
export const localMillis = (instant: Date | number, timeZone: string): number => {
  const ms = typeof instant === "number" ? instant : instant.getTime()
  return ms + offsetMs(ms, timeZone)
}

/** The epoch day (days since 1970-01-01) of an instant's local calendar date. */
export const epochDay = (instant: Date | number, timeZone: string): number =>
  Math.floor(localDays(instant, timeZone))

/** A calendar date from an epoch day. */
export const dateOfEpochDay = (day: number): CalendarDate => {
  let date = dates.get(day)
  if (date === undefined) {
    if (dates.size > 100_000) dates.clear()
    date = formatDay(day)
    dates.set(day, date)
  }
  return date
}

// A run formats the same few hundred days over and over.
const dates = new Map<number, CalendarDate>()

const formatDay = (day: number): CalendarDate => {
  const t = new Date(day * MS_PER_DAY)
  const y = t.getUTCFullYear()
  const m = t.getUTCMonth() + 1
  const d = t.getUTCDate()
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}` as CalendarDate
}

/** The calendar date of an instant in a zone (same answer as Calendar.fromInstant, cached). */
export const calendarDate = (instant: Date | number, timeZone: string): CalendarDate =>
  dateOfEpochDay(epochDay(instant, timeZone))

// Calendar arithmetic on epoch days, for the hot paths that would otherwise
// parse and format "YYYY-MM-DD" strings many times per subscription.

const digit = (s: string, i: number) => s.charCodeAt(i) - 48

/** Days since 1970-01-01 of a proleptic Gregorian year, month (1-12) and day. */
export const epochDayOf = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468
}

/** Days in a month (1-12) of a year. */
export const monthDays = (year: number, month: number): number =>
  month === 2
    ? (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31

/** The epoch day of a calendar date (same as Calendar.toEpochDay, without a RegExp). */
export const dayOfDate = (date: CalendarDate): number =>
  epochDayOf(
    digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3),
    digit(date, 5) * 10 + digit(date, 6),
    digit(date, 8) * 10 + digit(date, 9),
  )

/** The epoch day of `date` + `months`, clamped at month ends (same as Calendar.addMonths). */
export const addMonthsDay = (date: CalendarDate, months: number, anchorDay?: number): number => {
  const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3)
  const m = digit(date, 5) * 10 + digit(date, 6)
  const d = anchorDay ?? digit(date, 8) * 10 + digit(date, 9)
  const index = y * 12 + (m - 1) + months
  const ny = Math.floor(index / 12)
  const nm = index - ny * 12 + 1
  return epochDayOf(ny, nm, Math.min(d, monthDays(ny, nm)))
}

/** Whole months from the month of `from` to the month of `to` (days ignored). */
export const monthsBetween = (from: CalendarDate, to: CalendarDate): number =>
  (digit(to, 0) * 1000 + digit(to, 1) * 100 + digit(to, 2) * 10 + digit(to, 3)) * 12 +
  digit(to, 5) * 10 +
  digit(to, 6) -
  ((digit(from, 0) * 1000 + digit(from, 1) * 100 + digit(from, 2) * 10 + digit(from, 3)) * 12 +
    digit(from, 5) * 10 +
    digit(from, 6))
