/**
 * Column values as both engines return them, read into one engine-neutral
 * form (and written back). PostgreSQL returns Date for DATE/TIMESTAMPTZ,
 * parsed JSON for JSONB, booleans; SQLite returns TEXT and 0/1.
 */
import { Either, ParseResult, Schema } from "effect"
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

/** Values as one engine wants them bound. */
export const writer = (dialect: Dialect) => ({
  bool: (b: boolean): boolean | number => (dialect === "sqlite" ? (b ? 1 : 0) : b),
  json: (v: unknown): string => JSON.stringify(v),
})

// Shared by every row that holds the same text, so nothing may change them.
const deepFreeze = <A>(value: A): A => {
  if (Array.isArray(value)) {
    for (const item of value) deepFreeze(item)
    Object.freeze(value)
  } else if (
    typeof value === "object" &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    for (const item of Object.values(value)) deepFreeze(item)
    Object.freeze(value)
  }
  return value
}

/**
 * A JSON column decoded by `schema`, memoised by its text: rows repeat the
 * same few documents (the channels of a team, the default reminder offsets),
 * so most reads cost one map lookup instead of a parse and a schema decode.
 * A text seen for the first time is decoded in full, and a document that is
 * not JSON or does not match the schema fails with a ParseError naming the
 * column; only successes of texts up to `maxLength` are kept, at most
 * `capacity` of them (oldest first out), so the memo stays a few MB at most.
 * Decoded values are shared between rows and frozen.
 */
export const document = <A, I>(
  column: string,
  schema: Schema.Schema<A, I>,
  { capacity = 1_024, maxLength = 4_096 } = {},
): ((value: unknown) => Either.Either<A, ParseResult.ParseError>) => {
  const decode = Schema.decodeUnknownEither(schema)
  // The Either itself is kept, so a hit allocates nothing.
  const memo = new Map<string, Either.Either<A, ParseResult.ParseError>>()
  return (value) => {
    // PostgreSQL hands JSONB over parsed; its text is the key all the same.
    const text = typeof value === "string" ? value : JSON.stringify(value)
    const hit = memo.get(text)
    if (hit !== undefined) return hit
    const fail = (issue: ParseResult.ParseIssue) =>
      Either.left(ParseResult.parseError(new ParseResult.Pointer(column, value, issue)))
    let parsed: unknown
    try {
      parsed = typeof value === "string" ? JSON.parse(value) : value
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause)
      return fail(new ParseResult.Type(schema.ast, value, `not JSON: ${reason}`))
    }
    const decoded = decode(parsed)
    if (Either.isLeft(decoded)) return fail(decoded.left.issue)
    if (text.length > maxLength) return decoded
    if (memo.size >= capacity) {
      const oldest = memo.keys().next()
      if (oldest.done !== true) memo.delete(oldest.value)
    }
    deepFreeze(decoded.right)
    memo.set(text, decoded)
    return decoded
  }
}
