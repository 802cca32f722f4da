/**
 * The fast read of a subscription row: what it trusts (the flat columns the
 * table holds), what it still checks (currency, status, the JSON documents),
 * and that it reads rows of either engine as the strict, schema-checked read does.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import * as SubscriptionRepo from "../src/SubscriptionRepo.js"
import * as F from "./support/Fixtures.js"

/** A row as SQLite hands it over: TEXT, INTEGER 0/1, JSON as text. */
const sqliteRow = (id: string, overrides: Record<string, unknown> = {}) =>
  Effect.gen(function* () {
    const sub = yield* F.subscription("t-1", id)
    return { ...(yield* Effect.orDie(SubscriptionRepo.toRow("sqlite", sub))), ...overrides }
  })

const failure = (row: Record<string, unknown>) => {
  const read = SubscriptionRepo.fromRow(row)
  return Either.isLeft(read) ? read.left.message : "read"
}

describe("SubscriptionRepo", () => {
  it.effect("reads a row as the same subscription the strict read gives", () =>
    Effect.gen(function* () {
      const row = yield* sqliteRow("same")
      const fast = yield* SubscriptionRepo.fromRow(row)
      const strict = yield* SubscriptionRepo.fromRowStrict(row)
      expect(yield* F.encodeSubscription(fast)).toEqual(yield* F.encodeSubscription(strict))
    }),
  )

  it.effect("reads a PostgreSQL row with dates, parsed JSONB and booleans", () =>
    Effect.gen(function* () {
      const row = yield* sqliteRow("pg-shaped")
      const pgRow = {
        ...row,
        term_start: new Date(2026, 0, 31),
        auto_renew: true,
        quotas: JSON.parse(row.quotas),
        owners: JSON.parse(row.owners),
        channels: JSON.parse(row.channels),
        reminder_offsets: JSON.parse(row.reminder_offsets),
      }
      const fromPg = yield* SubscriptionRepo.fromRow(pgRow)
      const fromSqlite = yield* SubscriptionRepo.fromRow(row)
      expect(yield* F.encodeSubscription(fromPg)).toEqual(yield* F.encodeSubscription(fromSqlite))
    }),
  )

  it.effect("shares one frozen decoding between rows that hold the same document", () =>
    Effect.gen(function* () {
      const a = yield* SubscriptionRepo.fromRow(yield* sqliteRow("shared-a"))
      const b = yield* SubscriptionRepo.fromRow(yield* sqliteRow("shared-b"))
      expect(a.channels).toBe(b.channels)
      expect(Object.isFrozen(a.channels)).toBe(true)
      expect(Object.isFrozen(a.quotas[0])).toBe(true)
      expect(() => (a.channels as Array<unknown>).push({ _tag: "Log" })).toThrow()
    }),
  )

  it.effect("rejects a document that is not JSON, naming the column, every time", () =>
    Effect.gen(function* () {
      const row = yield* sqliteRow("bad-json", { quotas: "[{" })
      expect(failure(row)).toMatch(/quotas[\s\S]*not JSON/)
      expect(failure(row)).toMatch(/quotas[\s\S]*not JSON/)
    }),
  )

  it.effect("rejects a document the domain's schema refuses, though it is valid JSON", () =>
    Effect.gen(function* () {
      const channels = JSON.stringify([{ _tag: "Webhook", url: "ftp://nope" }])
      const row = yield* sqliteRow("bad-channel", { channels })
      expect(failure(row)).toMatch(/channels[\s\S]*expected an http\(s\) URL/)
      // A refused text is not remembered as good.
      expect(failure(row)).toMatch(/channels[\s\S]*expected an http\(s\) URL/)
      const offsets = yield* sqliteRow("bad-offsets", { reminder_offsets: '[30, "7"]' })
      expect(failure(offsets)).toMatch(/reminder_offsets/)
    }),
  )

  it.effect("rejects an unknown currency and an unknown status", () =>
    Effect.gen(function* () {
      expect(failure(yield* sqliteRow("bad-currency", { price_currency: "XXX" }))).toMatch(
        /price_currency[\s\S]*XXX/,
      )
      expect(failure(yield* sqliteRow("bad-status", { status: "paused" }))).toMatch(
        /status[\s\S]*paused/,
      )
    }),
  )
})
