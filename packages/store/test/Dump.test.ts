/**
 * Export and import through the real scripts (src/bin/export.ts,
 * src/bin/import.ts): SQLite → PostgreSQL → SQLite loses nothing.
 */
import * as Path from "node:path"
import * as Ports from "@crm-cost/domain/Ports"
import * as Subscription from "@crm-cost/domain/Subscription"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Option, Stream } from "effect"
import * as Database from "../src/Database.js"
import * as Dump from "../src/Dump.js"
import * as Store from "../src/Store.js"
import * as Engines from "./support/Engines.js"
import * as F from "./support/Fixtures.js"

const pg = await Engines.postgres()
const cleanups: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const c of cleanups) await c()
  await pg?.cleanup()
})

const exportScript = Path.join(Engines.packageRoot, "src/bin/export.ts")
const importScript = Path.join(Engines.packageRoot, "src/bin/import.ts")

/** Two tenants with rows in every table, written through the repositories. */
const seed = Effect.gen(function* () {
  const tenants = yield* Ports.TenantRepo
  const subs = yield* Ports.SubscriptionRepo
  const usage = yield* Ports.UsageRepo
  const outbox = yield* Ports.AlertOutbox
  const offers = yield* Ports.OfferRepo
  const keys = yield* Ports.ApiKeyRepo
  const idem = yield* Ports.IdempotencyRepo
  const deliveries = yield* Ports.DeliveryRepo
  const ids = [F.freshTenantId("east"), F.freshTenantId("west")]
  for (const t of ids) {
    // One tenant with settings, one without (its row reads as a dump of schema 2 would).
    const settings = t === ids[0] ? { locale: "zh-CN" as const, reminderOffsets: [45, 10] } : {}
    yield* tenants.create(new Subscription.Tenant({ ...F.tenant(t, `公司 ${t}`), ...settings }))
    for (const n of [1, 2, 3]) {
      const sub = yield* F.subscription(t, `sub-${n}`, {
        autoRenew: n % 2 === 0,
        offerId: n === 3 ? undefined : "salesforce-pro",
        recurringPrice: { amount: `${n}0000.05`, currency: "CNY" },
        // One monthly contract renewed from 31 Jan to 28 Feb, keeping the 31st.
        ...(n === 2 ? { termStart: "2026-02-28", termMonths: 1, anchorDay: 31 } : {}),
      })
      yield* subs.insert(sub)
      yield* usage.record(yield* F.usage(t, `sub-${n}`, `u-${n}`, "2026-02-01T10:20:30.456Z"))
      const alert = yield* F.alert(t, `sub-${n}`, `sub-${n}/renewal/2026-01-31/-`)
      yield* outbox.record(alert, sub.channels)
    }
    yield* offers.put(t, yield* F.offer("own-offer"))
    const issued = yield* keys.issue(t, "integration")
    yield* keys.revoke(t, issued.apiKey.id)
    yield* keys.issue(t, "portal")
    // Attempts of each kind: failed then retried and sent, given up, sent at once.
    const claim = (iso: string, limit: number) =>
      deliveries.claimDue(t, {
        now: new Date(iso),
        leaseUntil: new Date(Date.parse(iso) + 5 * 60_000),
        limit,
      })
    const [retried, dead, sent] = yield* claim("2026-03-01T08:00:00.000Z", 3)
    if (retried === undefined || dead === undefined || sent === undefined) {
      return yield* Effect.dieMessage("fewer than 3 deliveries to claim")
    }
    yield* deliveries.markFailed(t, retried.id, retried.attempt, {
      error: 'HTTP 502 "bad gateway"',
      retryAt: Option.some(new Date("2026-03-01T08:01:00.000Z")),
    })
    yield* deliveries.markFailed(t, dead.id, dead.attempt, {
      error: "HTTP 410 错误",
      retryAt: Option.none(),
    })
    yield* deliveries.markSent(t, sent.id, sent.attempt)
    const retry = (yield* claim("2026-03-01T09:00:00.000Z", 100)).find((d) => d.id === retried.id)
    if (retry === undefined) return yield* Effect.dieMessage("the retry was not claimed")
    yield* deliveries.markSent(t, retried.id, retry.attempt)
    yield* idem.save(
      new Ports.IdempotencyRecord({
        tenantId: t,
        key: "POST /quotes 1",
        requestHash: "abc",
        status: 200,
        response: { z: 1, a: [1, "二"], nested: { b: true, a: null } },
        createdAt: (yield* F.alert(t, "sub-1", "x")).decidedAt,
      }),
    )
  }
  return ids
})

const rowLines = (dump: string) =>
  dump
    .split("\n")
    .filter((l) => l.startsWith('{"table"'))
    .sort()
const endLine = (dump: string) => {
  const last = dump.trim().split("\n").at(-1) ?? ""
  const parsed = JSON.parse(last) as { counts: Record<string, number>; sha256: string }
  return { counts: parsed.counts, sha256: parsed.sha256 }
}

const populate = (engine: Engines.Engine) =>
  Effect.runPromise(seed.pipe(Effect.provide(Store.layerOn(engine.layer()))))

describe("Dump", () => {
  it.skipIf(pg === undefined)(
    "round-trips SQLite → PostgreSQL → SQLite through the scripts without losing a row",
    { timeout: 120_000 },
    async () => {
      if (pg === undefined) return
      const source = Engines.sqlite()
      const back = Engines.sqlite()
      cleanups.push(source.cleanup, back.cleanup)
      await populate(source)

      const first = await Engines.runToEnd(exportScript, [], source.env)
      await Engines.runToEnd(importScript, [], pg.env, first)
      const second = await Engines.runToEnd(exportScript, [], pg.env)
      await Engines.runToEnd(importScript, [], back.env, second)
      const third = await Engines.runToEnd(exportScript, [], back.env)

      const counts = endLine(first).counts
      expect(counts).toEqual({
        tenants: 2,
        api_keys: 4,
        custom_offers: 2,
        subscriptions: 6,
        usage_snapshots: 6,
        alerts: 6,
        deliveries: 18,
        delivery_attempts: 8,
        idempotency_keys: 2,
      })
      expect(endLine(second)).toEqual(endLine(first))
      expect(endLine(third)).toEqual(endLine(first))
      expect(rowLines(second)).toEqual(rowLines(first))
      expect(rowLines(third)).toEqual(rowLines(first))
      expect(JSON.parse(second.split("\n")[0] ?? "{}").engine).toBe("pg")
      const tenantRows = rowLines(third)
        .filter((l) => l.startsWith('{"table":"tenants"'))
        .map((l) => JSON.parse(l).row)
      expect(tenantRows.map((r) => [r.locale, r.reminder_offsets])).toEqual(
        expect.arrayContaining([
          ["zh-CN", [45, 10]],
          [undefined, undefined],
        ]),
      )
      expect(tenantRows.filter((r) => "locale" in r)).toHaveLength(1)
      const anchored = rowLines(third)
        .filter((l) => l.startsWith('{"table":"subscriptions"'))
        .map((l) => JSON.parse(l).row)
        .filter((r) => "anchor_day" in r)
      expect(anchored.map((r) => [r.anchor_day, r.renewal_date])).toEqual([
        [31, "2026-03-31"],
        [31, "2026-03-31"],
      ])
    },
  )

  it.effect(
    "pages through a table keyed by three columns in key order, skipping and repeating no row",
    () =>
      Effect.gen(function* () {
        // A schema of its own: the round trip imports into `pg`, which must be empty.
        const ownPg = yield* Effect.promise(() => Engines.postgres())
        const engines = ownPg === undefined ? [Engines.sqlite()] : [Engines.sqlite(), ownPg]
        for (const engine of engines) {
          cleanups.push(engine.cleanup)
          const [tenant] = yield* Effect.promise(() => populate(engine))
          if (tenant === undefined) return yield* Effect.dieMessage("no tenant")
          const lines = yield* Effect.gen(function* () {
            const { sql } = yield* Database.Db
            const ds = yield* sql`SELECT id FROM deliveries WHERE tenant_id = ${tenant}
              ORDER BY id LIMIT 2`.pipe(Effect.orDie)
            const [first, second] = ds.map((d) => String(d.id))
            if (first === undefined || second === undefined) {
              return yield* Effect.dieMessage("fewer than 2 deliveries")
            }
            yield* sql`DELETE FROM delivery_attempts WHERE tenant_id = ${tenant}`.pipe(Effect.orDie)
            // More than a page (1000) for one delivery, so a page ends between attempts 1000 and 1001.
            const rows = [
              ...Array.from({ length: 1_005 }, (_, i) => [first, i + 1] as const),
              [second, 1] as const,
              [second, 2] as const,
            ].map(([deliveryId, attempt]) => ({
              tenant_id: tenant,
              delivery_id: deliveryId,
              attempt,
              claimed_at: null,
              finished_at: "2026-03-01T08:00:00.000Z",
              outcome: "failed",
              error: `attempt ${attempt}`,
              retry_at: null,
            }))
            for (let i = 0; i < rows.length; i += 200) {
              yield* sql`INSERT INTO delivery_attempts ${sql.insert(rows.slice(i, i + 200))}`.pipe(
                Effect.orDie,
              )
            }
            const all = yield* Stream.runCollect(Dump.exportLines({ tenant }))
            return [...all]
              .map((l) => JSON.parse(l) as { table?: string; row?: Record<string, unknown> })
              .filter((l) => l.table === "delivery_attempts")
              .map((l) => `${String(l.row?.delivery_id)}#${String(l.row?.attempt)}`)
          }).pipe(Effect.provide(engine.layer()))
          const ids = [...new Set(lines.map((l) => l.split("#")[0]))]
          expect(lines, engine.name).toEqual([
            ...Array.from({ length: 1_005 }, (_, i) => `${ids[0]}#${i + 1}`),
            `${ids[1]}#1`,
            `${ids[1]}#2`,
          ])
        }
      }),
    { timeout: 60_000 },
  )

  it.effect("exports and imports one tenant, refusing to overwrite it without replace", () =>
    Effect.gen(function* () {
      const source = Engines.sqlite()
      const target = Engines.sqlite()
      cleanups.push(source.cleanup, target.cleanup)
      const [east] = yield* Effect.promise(() => populate(source))
      const collect = (engine: Engines.Engine, tenant?: string) =>
        Stream.runCollect(Dump.exportLines({ tenant })).pipe(
          Effect.map((c) => [...c]),
          Effect.provide(engine.layer()),
        )
      const lines = yield* collect(source, east)
      expect(lines.slice(1, -1).every((l) => l.includes(`"${east}"`))).toBe(true)
      const importInto = (engine: Engines.Engine, input: ReadonlyArray<string>, replace = false) =>
        Dump.importLines(Stream.fromIterable(input), { replace }).pipe(
          Effect.provide(engine.layer()),
        )
      const summary = yield* importInto(target, lines)
      expect(summary.counts.subscriptions).toBe(3)
      const conflict = yield* Effect.flip(importInto(target, lines))
      expect(conflict._tag === "DumpError" && conflict.reason).toBe("conflict")
      const replaced = yield* importInto(target, lines, true)
      expect(replaced.sha256).toBe(summary.sha256)
      expect((yield* collect(target, east)).slice(1, -1)).toEqual(lines.slice(1, -1))
    }),
  )

  it.effect("changes nothing when the dump is truncated or altered", () =>
    Effect.gen(function* () {
      const source = Engines.sqlite()
      const target = Engines.sqlite()
      cleanups.push(source.cleanup, target.cleanup)
      yield* Effect.promise(() => populate(source))
      const lines = yield* Stream.runCollect(Dump.exportLines({})).pipe(
        Effect.map((c) => [...c]),
        Effect.provide(source.layer()),
      )
      const importInto = (input: ReadonlyArray<string>) =>
        Effect.exit(
          Dump.importLines(Stream.fromIterable(input)).pipe(Effect.provide(target.layer())),
        )
      const truncated = yield* importInto(lines.slice(0, -5))
      expect(Exit.isFailure(truncated)).toBe(true)
      const altered = lines.map((l) => l.replace('"30000.05"', '"30000.06"'))
      expect(altered).not.toEqual(lines)
      const tampered = yield* importInto(altered)
      expect(Exit.isFailure(tampered) && JSON.stringify(tampered.cause)).toContain("mismatch")
      // A usage metric that is not a decimal is refused, naming the table.
      const badMetric = lines.map((l) => l.replace('"storage-gb":"11.25"', '"storage-gb":"lots"'))
      expect(badMetric).not.toEqual(lines)
      const refused = yield* importInto(badMetric)
      expect(Exit.isFailure(refused) && JSON.stringify(refused.cause)).toContain(
        "invalid usage_snapshots row",
      )
      // A price written as a JSON number (a float) is refused.
      const floatPrice = lines.map((l) => l.replace('"30000.05"', "30000.05"))
      expect(floatPrice).not.toEqual(lines)
      const float = yield* importInto(floatPrice)
      expect(Exit.isFailure(float) && JSON.stringify(float.cause)).toContain(
        "must be a decimal string",
      )
      const after = yield* Dump.summarize().pipe(Effect.provide(target.layer()))
      expect(Object.values(after.counts).every((n) => n === 0)).toBe(true)
      // And the good dump then goes in whole.
      const ok = yield* importInto(lines)
      expect(Exit.isSuccess(ok)).toBe(true)
    }),
  )
})
