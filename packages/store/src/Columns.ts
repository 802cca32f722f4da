/**
 * Column values as both engines return them, read into one engine-neutral
 * form (and written back). PostgreSQL returns Date for DATE/TIMESTAMPTZ,
 * parsed JSON for JSONB, booleans; SQLite returns TEXT and 0/1.
 */
import type { Dialect } from "./Database.js"

const pad = (n: number, width = 2) => String(n).padStart(width, "0")

/** An instant as ISO-8601 UTC with milliseconds ("2026-01-31T08:00:00.000Z"). */
export const instant = (v: unknown): string =>
  v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString()

/**
 * A calendar date "YYYY-MM-DD". node-postgres parses DATE to local midnight,
 * so the local fields give back the stored day in any process time zone.
 */
export const calendarDate = (v: unknown): string =>
  v instanceof Date
    ? `${pad(v.getFullYear(), 4)}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}`
    : String(v)

export const json = (v: unknown): unknown => (typeof v === "string" ? JSON.parse(v) : v)

export const bool = (v: unknown): boolean =>
  v === true || v === 1 || v === 1n || v === "1" || v === "t" || v === "true"

export const int = (v: unknown): number => (typeof v === "number" ? v : Number(v))

export const decimal = (v: unknown): string => String(v)

export const text = (v: unknown): string => String(v)

export const optionalText = (v: unknown): string | undefined =>
  v === null || v === undefined ? undefined : String(v)

/** Values as one engine wants them bound. */
export const writer = (dialect: Dialect) => ({
  bool: (b: boolean): boolean | number => (dialect === "sqlite" ? (b ? 1 : 0) : b),
  json: (v: unknown): string => JSON.stringify(v),
})
