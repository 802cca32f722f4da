/**
 * Instants seen on a time zone's wall clock, fast enough for a run over a
 * million subscriptions: a zone's UTC offset is looked up once per quarter
 * hour (every zone changes its offset on a quarter-hour boundary) and kept.
 */
import type { CalendarDate } from "./Calendar.js"

const MS_PER_DAY = 86_400_000
const BUCKET_MS = 900_000

const formatters = new Map<string, Intl.DateTimeFormat>()
const offsets = new Map<string, number>()

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
  const key = `${timeZone}|${Math.floor(ms / BUCKET_MS)}`
  let o = offsets.get(key)
  if (o === undefined) {
    if (offsets.size > 200_000) offsets.clear()
    o = computeOffset(ms, timeZone)
    offsets.set(key, o)
  }
  return o
}

/**
 * An instant as days since 1970-01-01 on the zone's wall clock: the integer
 * part is the local calendar day, the fraction the local time of day. A DST
 * change moves the wall clock, so a day may hold 23 or 25 hours of instants.
 */
export const localDays = (instant: Date | number, timeZone: string): number => {
  const ms = typeof instant === "number" ? instant : instant.getTime()
  return (ms + offsetMs(ms, timeZone)) / MS_PER_DAY
}

/** The epoch day (days since 1970-01-01) of an instant's local calendar date. */
export const epochDay = (instant: Date | number, timeZone: string): number =>
  Math.floor(localDays(instant, timeZone))

/** A calendar date from an epoch day. */
export const dateOfEpochDay = (day: number): CalendarDate => {
  const t = new Date(day * MS_PER_DAY)
  const y = t.getUTCFullYear()
  const m = t.getUTCMonth() + 1
  const d = t.getUTCDate()
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}` as CalendarDate
}

/** The calendar date of an instant in a zone (same answer as Calendar.fromInstant, cached). */
export const calendarDate = (instant: Date | number, timeZone: string): CalendarDate =>
  dateOfEpochDay(epochDay(instant, timeZone))
