/**
 * Calendar dates ("YYYY-MM-DD") and month arithmetic. A date is a calendar
 * day, not an instant: no time zone enters the arithmetic here.
 */
import { Schema } from "effect"

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

/** The value of the ASCII digits of `s` from `start` to `end`, or -1 at any other character. */
const digitsAt = (s: string, start: number, end: number): number => {
  let n = 0
  for (let i = start; i < end; i++) {
    const digit = s.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return -1
    n = n * 10 + digit
  }
  return n
}

// What DATE_PATTERN matches, read without a regular expression or a Date: a
// profile's dates are checked on every request.
const isValidDate = (s: string): boolean => {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false
  const y = digitsAt(s, 0, 4)
  const mo = digitsAt(s, 5, 7)
  const d = digitsAt(s, 8, 10)
  return y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
}

/** A calendar date as an ISO string, e.g. "2026-01-31". */
export const CalendarDate = Schema.String.pipe(
  Schema.filter((s) => isValidDate(s) || `expected a date YYYY-MM-DD, got "${s}"`),
  Schema.brand("CalendarDate"),
).annotations({ identifier: "CalendarDate" })
export type CalendarDate = typeof CalendarDate.Type

/** A leap year of the proleptic Gregorian calendar. */
const isLeapYear = (year: number): boolean =>
  year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)

/** Days in a month (1-12) of a year, leap years included. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? isLeapYear(year)
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31

const parts = (date: CalendarDate): [number, number, number] => {
  const m = DATE_PATTERN.exec(date)
  return [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])]
}

const format = (y: number, m: number, d: number): CalendarDate =>
  `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` as CalendarDate

/** Parse a date, or undefined when it is not a valid calendar date. */
export const parse = (s: string): CalendarDate | undefined =>
  isValidDate(s) ? (s as CalendarDate) : undefined

/** Unsafe constructor for dates known to be valid (tests, constants). */
export const unsafeMake = (s: string): CalendarDate => {
  if (!isValidDate(s)) throw new Error(`invalid calendar date: ${s}`)
  return s as CalendarDate
}

/**
 * Add months, clamping to the month's last day: 31 Jan + 1 month = 28/29 Feb.
 * The day is `anchorDay` when given (28 Feb with anchor 31 + 1 month = 31 Mar),
 * else the date's own, so month ends do not drift.
 */
export const addMonths = (date: CalendarDate, months: number, anchorDay?: number): CalendarDate => {
  const [y, m, d] = parts(date)
  const index = y * 12 + (m - 1) + months
  const ny = Math.floor(index / 12)
  const nm = index - ny * 12 + 1
  return format(ny, nm, Math.min(anchorDay ?? d, daysInMonth(ny, nm)))
}

/** Add days (negative to go back). */
export const addDays = (date: CalendarDate, days: number): CalendarDate => {
  const t = new Date(toEpochDay(date) * 86_400_000 + days * 86_400_000)
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate())
}

/** Days since 1970-01-01. */
export const toEpochDay = (date: CalendarDate): number => {
  const [y, m, d] = parts(date)
  return Date.UTC(y, m - 1, d) / 86_400_000
}

/** Days from a to b (b − a). */
export const daysBetween = (a: CalendarDate, b: CalendarDate): number =>
  toEpochDay(b) - toEpochDay(a)

/** The calendar date of an instant in a time zone (IANA name). */
export const fromInstant = (instant: Date, timeZone: string): CalendarDate => {
  const f = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  })
  return f.format(instant) as CalendarDate
}

export const compare = (a: CalendarDate, b: CalendarDate): -1 | 0 | 1 =>
  a < b ? -1 : a > b ? 1 : 0
