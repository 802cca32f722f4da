/**
 * The repository contract, run unchanged against SQLite (temp file) and
 * PostgreSQL (a schema of its own).
 */
import * as Ports from "@crm-cost/domain/Ports"
import * as Subscription from "@crm-cost/domain/Subscription"
import { afterAll, expect, layer } from "@effect/vitest"
import { Cause, Chunk, DateTime, Effect, Exit, Layer, Option, Redacted, Stream } from "effect"
import * as Database from "../src/Database.js"
import { migrate } from "../src/Migrations.js"
import * as Store from "../src/Store.js"
import * as SubscriptionRepo from "../src/SubscriptionRepo.js"
import * as Engines from "./support/Engines.js"
import * as F from "./support/Fixtures.js"

const engines = await Engines.all()
afterAll(async () => {
  for (const e of engines) await e.cleanup()
})

const date = (s: string) => s as Subscription.Subscription["termStart"]

/** Two tenants, A holding one subscription with usage, an alert, an offer, a key and an idempotency record. */
const seedTwoTenants = Effect.gen(function* () {
  const tenants = yield* Ports.TenantRepo
  const subs = yield* Ports.SubscriptionRepo
  const usage = yield* Ports.UsageRepo
  const outbox = yield* Ports.AlertOutbox
  const offers = yield* Ports.OfferRepo
  const keys = yield* Ports.ApiKeyRepo
  const idem = yield* Ports.IdempotencyRepo
  const a = F.freshTenantId("a")
  const b = F.freshTenantId("b")
  yield* tenants.create(F.tenant(a))
  yield* tenants.create(F.tenant(b))
  const sub = yield* F.subscription(a, "sub-1")
  yield* subs.insert(sub)
  yield* usage.record(yield* F.usage(a, "sub-1", "u-1", "2026-02-01T00:00:00.000Z"))
  const alert = yield* F.alert(a, "sub-1", "sub-1/notice-reminder/2026-01-31/30")
  yield* outbox.record(alert, sub.channels)
  yield* offers.put(a, yield* F.offer("custom-1"))
  const issued = yield* keys.issue(a, "ci")
  yield* idem.save(
    new Ports.IdempotencyRecord({
      tenantId: a,
      key: "req-1",
      requestHash: "h1",
      status: 201,
      response: { ok: true },
      createdAt: alert.decidedAt,
    }),
  )
  return { a, b, sub, alert, issued }
})

for (const engine of engines) {
  const db = engine.layer()
  const store = Store.layerOn(db)

  layer(store, { timeout: 60_000 })(`Store on ${engine.name}`, (it) => {
    it.effect("creates a tenant once and reads it back", () =>
      Effect.gen(function* () {
        const tenants = yield* Ports.TenantRepo
        const id = F.freshTenantId("t")
        yield* tenants.create(F.tenant(id, "ACME 中国"))
        const again = yield* Effect.exit(tenants.create(F.tenant(id)))
        expect(Exit.isFailure(again) && JSON.stringify(again.cause)).toContain(
          "TenantAlreadyExists",
        )
        const got = yield* tenants.get(id)
        expect(Option.map(got, (t) => [t.name, t.createdAt.epochMillis])).toEqual(
          Option.some(["ACME 中国", Date.parse("2026-01-02T03:04:05.678Z")]),
        )
        expect(yield* tenants.get(F.freshTenantId("none"))).toEqual(Option.none())
        expect((yield* tenants.list).map((t) => t.id)).toContain(id)
      }),
    )

    it.effect("keeps a tenant's settings, changes only the fields given, clears with null", () =>
      Effect.gen(function* () {
        const tenants = yield* Ports.TenantRepo
        const id = F.freshTenantId("t")
        const base = F.tenant(id, "ACME 中国")
        yield* tenants.create(new Subscription.Tenant({ ...base, locale: "zh-CN" }))
        const settings = Effect.map(tenants.get(id), (t) =>
          Option.map(t, (x) => [x.name, x.locale, x.reminderOffsets]),
        )
        expect(yield* settings).toEqual(Option.some(["ACME 中国", "zh-CN", undefined]))
        const changed = yield* tenants.update(id, { name: "ACME", reminderOffsets: [45, 10, 0] })
        expect([changed.name, changed.locale, changed.reminderOffsets]).toEqual([
          "ACME",
          "zh-CN",
          [45, 10, 0],
        ])
        expect(yield* settings).toEqual(Option.some(["ACME", "zh-CN", [45, 10, 0]]))
        // Two changes of different fields, one after the other: both hold.
        yield* tenants.update(id, { locale: null })
        yield* tenants.update(id, { name: "ACME 中国" })
        expect(yield* settings).toEqual(Option.some(["ACME 中国", undefined, [45, 10, 0]]))
        expect((yield* tenants.update(id, {})).reminderOffsets).toEqual([45, 10, 0])
        const missing = yield* Effect.exit(tenants.update(F.freshTenantId("none"), { name: "x" }))
        expect(Exit.isFailure(missing) && JSON.stringify(missing.cause)).toContain("TenantNotFound")
      }),
    )

    it.effect(
      "keeps a subscription exactly: money as decimal strings, dates, quotas, channels",
      () =>
        Effect.gen(function* () {
          const tenants = yield* Ports.TenantRepo
          const subs = yield* Ports.SubscriptionRepo
          const t = F.freshTenantId("t")
          yield* tenants.create(F.tenant(t))
          const sub = yield* F.subscription(t, "sub-1", {
            recurringPrice: { amount: "1234567890123456.10", currency: "USD" },
            renewalUplift: "0.0725",
          })
          yield* subs.insert(sub)
          const got = yield* subs.get(t, sub.id)
          expect(Option.isSome(got)).toBe(true)
          if (Option.isNone(got)) return
          const encoded = yield* F.encodeSubscription(got.value)
          expect(encoded).toEqual(yield* F.encodeSubscription(sub))
          expect(encoded.recurringPrice).toEqual({ amount: "1234567890123456.10", currency: "USD" })
          expect(encoded.renewalUplift).toBe("0.0725")

          const dup = yield* Effect.flip(subs.insert(sub))
          expect(dup._tag).toBe("SubscriptionAlreadyExists")
          const orphan = yield* Effect.flip(
            subs.insert(yield* F.subscription(F.freshTenantId("ghost"), "x")),
          )
          expect(orphan._tag).toBe("TenantNotFound")

          const changed = yield* F.subscription(t, "sub-1", {
            seatsBought: 40,
            status: "cancelled",
          })
          yield* subs.update(changed)
          const after = yield* subs.get(t, sub.id)
          expect(Option.map(after, (s) => [s.seatsBought, s.status])).toEqual(
            Option.some([40, "cancelled"]),
          )
          const missing = yield* Effect.flip(subs.update(yield* F.subscription(t, "nope")))
          expect(missing._tag).toBe("SubscriptionNotFound")
          expect((yield* subs.list(t)).map((s) => s.id)).toEqual(["sub-1"])
        }),
    )

    it.effect("removes a subscription with its usage, alerts and deliveries", () =>
      Effect.gen(function* () {
        const { a, alert } = yield* seedTwoTenants
        const subs = yield* Ports.SubscriptionRepo
        const usage = yield* Ports.UsageRepo
        const outbox = yield* Ports.AlertOutbox
        const deliveries = yield* Ports.DeliveryRepo
        expect((yield* deliveries.listForAlert(a, alert.id)).length).toBe(3)
        yield* subs.remove(a, Subscription.SubscriptionId.make("sub-1"))
        expect(yield* subs.get(a, Subscription.SubscriptionId.make("sub-1"))).toEqual(Option.none())
        expect(yield* usage.list(a, Subscription.SubscriptionId.make("sub-1"))).toEqual([])
        expect(yield* outbox.get(a, alert.key)).toEqual(Option.none())
        expect(yield* deliveries.listForAlert(a, alert.id)).toEqual([])
        const again = yield* Effect.flip(subs.remove(a, Subscription.SubscriptionId.make("sub-1")))
        expect(again._tag).toBe("SubscriptionNotFound")
      }),
    )

    it.effect(
      "streams each subscription whose notice deadline or renewal falls in the window once",
      () =>
        Effect.gen(function* () {
          const tenants = yield* Ports.TenantRepo
          const t = F.freshTenantId("scan")
          yield* tenants.create(F.tenant(t))
          // Window 2026-06-01 .. 2026-08-30. Term start + 12 months = renewal.
          const cases: ReadonlyArray<[string, string, number, boolean, string?]> = [
            ["in-notice-only", "2025-09-15", 30, true], // renewal 09-15, notice 08-16
            ["in-renewal-only", "2025-06-10", 200, true], // notice 2025-11-22, renewal 06-10
            ["in-both", "2025-07-20", 10, true], // notice 07-10, renewal 07-20
            ["before", "2025-05-01", 0, false],
            ["after", "2025-10-01", 30, false], // notice 09-01
            ["straddles", "2025-12-01", 200, false], // notice 2026-05-15, renewal 12-01
            ["first-day", "2025-06-01", 0, true],
            ["last-day", "2025-08-30", 0, true],
            ["same-day-a", "2025-07-01", 0, true],
            ["same-day-b", "2025-07-01", 0, true],
            ["same-day-c", "2025-07-01", 0, true],
            ["cancelled", "2025-07-01", 0, false, "cancelled"],
          ]
          const subs = yield* Ports.SubscriptionRepo
          for (const [id, start, notice, , status] of cases) {
            yield* subs.insert(
              yield* F.subscription(t, id, {
                termStart: start,
                noticeDays: notice,
                ...(status === undefined ? {} : { status }),
              }),
            )
          }
          const expected = cases
            .filter(([, , , due]) => due)
            .map(([id]) => id)
            .sort()
          const window = { from: date("2026-06-01"), to: date("2026-08-30") }
          const all = yield* Stream.runCollect(subs.streamDue(t, window))
          expect(
            Chunk.toArray(all)
              .map((s) => s.id)
              .sort(),
          ).toEqual(expected)
          // Pages of two: keyset paging over equal dates neither skips nor repeats.
          const paged = yield* SubscriptionRepo.makeWith({ pageSize: 2 })
          const small = yield* Stream.runCollect(paged.streamDue(t, window))
          expect(
            Chunk.toArray(small)
              .map((s) => s.id)
              .sort(),
          ).toEqual(expected)
        }),
    )

    it.effect("streams each due subscription exactly as get reads it", () =>
      Effect.gen(function* () {
        const tenants = yield* Ports.TenantRepo
        const subs = yield* Ports.SubscriptionRepo
        const t = F.freshTenantId("scan-same")
        yield* tenants.create(F.tenant(t))
        yield* subs.insert(yield* F.subscription(t, "full"))
        yield* subs.insert(
          yield* F.subscription(t, "bare", {
            offerId: undefined,
            quotas: [],
            owners: [],
            channels: [],
            autoRenew: false,
            recurringPrice: { amount: "0.005", currency: "KWD" },
          }),
        )
        const window = { from: date("2026-12-01"), to: date("2027-01-31") }
        const streamed = Chunk.toArray(yield* Stream.runCollect(subs.streamDue(t, window)))
        expect(streamed.map((s) => s.id).sort()).toEqual(["bare", "full"])
        for (const s of streamed) {
          const got = yield* subs.get(t, s.id)
          expect(Option.isSome(got)).toBe(true)
          if (Option.isNone(got)) return
          expect(yield* F.encodeSubscription(s)).toEqual(yield* F.encodeSubscription(got.value))
        }
      }),
    )

    it.effect("fails loudly, naming the column, on a stored document the schema refuses", () =>
      Effect.gen(function* () {
        const tenants = yield* Ports.TenantRepo
        const subs = yield* Ports.SubscriptionRepo
        const { sql, dialect } = yield* Database.Db
        const t = F.freshTenantId("bad-doc")
        yield* tenants.create(F.tenant(t))
        const sub = yield* F.subscription(t, "tampered")
        yield* subs.insert(sub)
        const channels = JSON.stringify([{ _tag: "Webhook", url: "ftp://not-http" }])
        yield* (
          dialect === "pg"
            ? sql`UPDATE subscriptions SET channels = ${channels}::jsonb WHERE tenant_id = ${t}`
            : sql`UPDATE subscriptions SET channels = ${channels} WHERE tenant_id = ${t}`
        ).pipe(Effect.orDie)
        const window = { from: date("2026-12-01"), to: date("2027-01-31") }
        const reads: ReadonlyArray<Effect.Effect<unknown>> = [
          subs.get(t, sub.id),
          subs.list(t),
          Stream.runCollect(subs.streamDue(t, window)),
        ]
        for (const read of reads) {
          const exit = yield* Effect.exit(read)
          expect(Exit.isFailure(exit)).toBe(true)
          if (Exit.isFailure(exit)) {
            expect(Cause.pretty(exit.cause)).toMatch(/channels[\s\S]*expected an http\(s\) URL/)
          }
        }
      }),
    )

    it.effect("keeps usage snapshots oldest first, only for a subscription the tenant holds", () =>
      Effect.gen(function* () {
        const { a } = yield* seedTwoTenants
        const usage = yield* Ports.UsageRepo
        yield* usage.record(yield* F.usage(a, "sub-1", "u-0", "2026-01-15T00:00:00.000Z", 20))
        const list = yield* usage.list(a, Subscription.SubscriptionId.make("sub-1"))
        expect(list.map((u) => [u.id, u.seatsAssigned])).toEqual([
          ["u-0", 20],
          ["u-1", 26],
        ])
        expect(list[1]?.metrics["storage-gb"]?.toFixed()).toBe("11.25")
        const orphan = yield* Effect.flip(
          usage.record(yield* F.usage(a, "missing", "u-9", "2026-01-15T00:00:00.000Z")),
        )
        expect(orphan._tag).toBe("SubscriptionNotFound")
      }),
    )

    it.effect("writes an alert once per key, with one pending delivery per channel", () =>
      Effect.gen(function* () {
        const { a, sub, alert } = yield* seedTwoTenants
        const outbox = yield* Ports.AlertOutbox
        const deliveries = yield* Ports.DeliveryRepo
        const twin = yield* F.alert(a, "sub-1", alert.key, "another-id")
        expect(yield* outbox.record(twin, sub.channels)).toBe(false)
        const kept = yield* outbox.get(a, alert.key)
        expect(Option.map(kept, (k) => [k.id, k.payload])).toEqual(
          Option.some([
            alert.id,
            { offset: 30, zh: "续约提醒", amount: { amount: "30000.10", currency: "CNY" } },
          ]),
        )
        expect((yield* outbox.list(a, sub.id)).length).toBe(1)
        const ds = yield* deliveries.listForAlert(a, alert.id)
        expect(ds.map((d) => [d.channel, d.status, d.attempt])).toEqual([
          ["email:ops@example.com", "pending", 0],
          ["log", "pending", 0],
          ["webhook:https://hooks.example.com/crm", "pending", 0],
        ])
      }),
    )

    it.effect("leases due deliveries to one claimer, retries failures and gives up when told", () =>
      Effect.gen(function* () {
        const { a, alert } = yield* seedTwoTenants
        const deliveries = yield* Ports.DeliveryRepo
        const at = (iso: string) => new Date(iso)
        const early = yield* deliveries.claimDue(a, {
          now: at("2026-03-01T07:59:59.999Z"),
          leaseUntil: at("2026-03-01T08:05:00.000Z"),
          limit: 10,
        })
        expect(early).toEqual([])
        const now = at("2026-03-01T08:00:00.000Z")
        const lease = at("2026-03-01T08:05:00.000Z")
        const first = yield* deliveries.claimDue(a, { now, leaseUntil: lease, limit: 2 })
        expect(first.map((d) => [d.status, d.attempt])).toEqual([
          ["sending", 1],
          ["sending", 1],
        ])
        const second = yield* deliveries.claimDue(a, { now, leaseUntil: lease, limit: 10 })
        expect(second.length).toBe(1)
        expect(yield* deliveries.claimDue(a, { now, leaseUntil: lease, limit: 10 })).toEqual([])
        const [d1, d2] = first
        const d3 = second[0]
        if (d1 === undefined || d2 === undefined || d3 === undefined) return
        yield* deliveries.markSent(a, d1.id, d1.attempt)
        yield* deliveries.markFailed(a, d2.id, d2.attempt, {
          error: "HTTP 503",
          retryAt: Option.some(at("2026-03-01T08:10:00.000Z")),
        })
        yield* deliveries.markFailed(a, d3.id, d3.attempt, {
          error: "bad address",
          retryAt: Option.none(),
        })
        // After the lease: only the retry is due again; sent and dead stay put.
        const later = yield* deliveries.claimDue(a, {
          now: at("2026-03-01T08:30:00.000Z"),
          leaseUntil: at("2026-03-01T08:35:00.000Z"),
          limit: 10,
        })
        expect(later.map((d) => [d.id, d.attempt, d.lastError])).toEqual([[d2.id, 2, "HTTP 503"]])
        const all = yield* deliveries.listForAlert(a, alert.id)
        expect(all.map((d) => d.status).sort()).toEqual(["dead", "sending", "sent"])
        // An expired lease makes a delivery due again (its worker died).
        const reclaimed = yield* deliveries.claimDue(a, {
          now: at("2026-03-01T09:00:00.000Z"),
          leaseUntil: at("2026-03-01T09:05:00.000Z"),
          limit: 10,
        })
        expect(reclaimed.map((d) => [d.id, d.attempt])).toEqual([[d2.id, 3]])
      }),
    )

    it.effect("answers an idempotency key with the first response saved", () =>
      Effect.gen(function* () {
        const { a, alert } = yield* seedTwoTenants
        const idem = yield* Ports.IdempotencyRepo
        const second = yield* idem.save(
          new Ports.IdempotencyRecord({
            tenantId: a,
            key: "req-1",
            requestHash: "h2",
            status: 500,
            response: { ok: false },
            createdAt: alert.decidedAt,
          }),
        )
        expect([second.requestHash, second.status, second.response]).toEqual([
          "h1",
          201,
          { ok: true },
        ])
        const found = yield* idem.find(a, "req-1")
        expect(Option.map(found, (r) => r.requestHash)).toEqual(Option.some("h1"))
        expect(yield* idem.find(a, "req-2")).toEqual(Option.none())
      }),
    )

    it.effect("reserves an idempotency key for one request at a time, across copies", () =>
      Effect.gen(function* () {
        const tenants = yield* Ports.TenantRepo
        const idem = yield* Ports.IdempotencyRepo
        const t = F.freshTenantId("idem")
        yield* tenants.create(F.tenant(t))
        const at = (iso: string) => DateTime.unsafeMake(iso)
        const reserve = (key: string, requestHash: string, now: string, staleBefore: string) =>
          idem.reserve({
            tenantId: t,
            key,
            requestHash,
            now: at(now),
            staleBefore: at(staleBefore),
          })
        const holder = (r: Ports.Reservation): string => {
          if (r._tag !== "Reserved") throw new Error(`expected a reservation, got ${r._tag}`)
          return r.reservation
        }
        const t0 = "2026-11-27T10:00:00.000Z"
        const first = yield* reserve("k1", "h1", t0, "2026-11-27T09:59:00.000Z")
        expect(first._tag).toBe("Reserved")
        // Held and not answered: the same request or another one waits.
        const later = "2026-11-27T10:00:30.000Z"
        expect(yield* reserve("k1", "h1", later, "2026-11-27T09:59:30.000Z")).toEqual({
          _tag: "InProgress",
          requestHash: "h1",
        })
        expect(yield* reserve("k1", "h2", later, "2026-11-27T09:59:30.000Z")).toEqual({
          _tag: "InProgress",
          requestHash: "h1",
        })
        expect(yield* idem.find(t, "k1")).toEqual(Option.none())
        const answer = new Ports.IdempotencyRecord({
          tenantId: t,
          key: "k1",
          requestHash: "h1",
          status: 201,
          response: { body: { id: "sub-1" } },
          createdAt: at(t0),
        })
        // Only the holder answers.
        expect(yield* idem.complete(answer, "someone-else")).toBe(false)
        expect(yield* idem.complete(answer, holder(first))).toBe(true)
        const answered = yield* reserve("k1", "h1", later, "2026-11-27T09:59:30.000Z")
        expect(
          answered._tag === "Answered" && [answered.record.status, answered.record.response],
        ).toEqual([201, { body: { id: "sub-1" } }])
        expect(Option.map(yield* idem.find(t, "k1"), (r) => r.status)).toEqual(Option.some(201))
        // Answering again does not touch an answered key.
        expect(
          yield* idem.complete(
            new Ports.IdempotencyRecord({ ...answer, status: 500 }),
            holder(first),
          ),
        ).toBe(false)
        expect(Option.map(yield* idem.find(t, "k1"), (r) => r.status)).toEqual(Option.some(201))

        // A failed request gives its key back; nobody else can release it.
        const second = yield* reserve("k2", "h1", t0, "2026-11-27T09:59:00.000Z")
        yield* idem.release(t, "k2", "someone-else")
        expect((yield* reserve("k2", "h1", later, "2026-11-27T09:59:30.000Z"))._tag).toBe(
          "InProgress",
        )
        yield* idem.release(t, "k2", holder(second))
        expect((yield* reserve("k2", "h3", later, "2026-11-27T09:59:30.000Z"))._tag).toBe(
          "Reserved",
        )

        // A reservation its holder never answered (the copy died) is taken over once stale;
        // the old holder, should it still answer or fail, touches the new one no more.
        const dead = yield* reserve("k3", "h1", t0, "2026-11-27T09:59:00.000Z")
        const muchLater = "2026-11-27T10:15:00.000Z"
        const takeover = yield* reserve("k3", "h1", muchLater, "2026-11-27T10:05:00.000Z")
        expect(takeover._tag).toBe("Reserved")
        expect(yield* reserve("k3", "h1", muchLater, "2026-11-27T10:05:00.000Z")).toEqual({
          _tag: "InProgress",
          requestHash: "h1",
        })
        yield* idem.release(t, "k3", holder(dead))
        expect(
          yield* idem.complete(new Ports.IdempotencyRecord({ ...answer, key: "k3" }), holder(dead)),
        ).toBe(false)
        expect((yield* reserve("k3", "h1", muchLater, "2026-11-27T10:05:00.000Z"))._tag).toBe(
          "InProgress",
        )
        expect(
          yield* idem.complete(
            new Ports.IdempotencyRecord({ ...answer, key: "k3" }),
            holder(takeover),
          ),
        ).toBe(true)
      }),
    )

    it.effect("keeps custom offers as valid offers and replaces them by id", () =>
      Effect.gen(function* () {
        const { a } = yield* seedTwoTenants
        const offers = yield* Ports.OfferRepo
        const got = yield* offers.get(a, (yield* F.offer("custom-1")).id)
        expect(Option.isSome(got)).toBe(true)
        if (Option.isNone(got)) return
        expect(yield* F.encodeOffer(got.value)).toEqual(
          yield* F.encodeOffer(yield* F.offer("custom-1")),
        )
        yield* offers.put(a, yield* F.offer("custom-1", "55.00"))
        const list = yield* offers.list(a)
        expect(list.length).toBe(1)
        const encoded = yield* F.encodeOffer(list[0] ?? got.value)
        expect(JSON.stringify(encoded)).toContain('"amount":"55"')
        expect(yield* offers.remove(a, got.value.id)).toBe(true)
        expect(yield* offers.remove(a, got.value.id)).toBe(false)
      }),
    )

    it.effect("keeps API keys as prefix and hash only; a revoked key no longer authenticates", () =>
      Effect.gen(function* () {
        const { a, issued } = yield* seedTwoTenants
        const keys = yield* Ports.ApiKeyRepo
        const { sql } = yield* Database.Db
        const secret = Redacted.value(issued.secret)
        const found = yield* keys.authenticate(issued.secret)
        expect(Option.map(found, (k) => k.tenantId)).toEqual(Option.some(a))
        const tampered = `${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`
        expect(yield* keys.authenticate(Redacted.make(tampered))).toEqual(Option.none())
        expect(yield* keys.authenticate(Redacted.make("nonsense"))).toEqual(Option.none())
        const rows = yield* sql`SELECT * FROM api_keys WHERE tenant_id = ${a}`.pipe(Effect.orDie)
        expect(JSON.stringify(rows)).not.toContain(secret)
        // The secret part is everything after `crmk_<12-char prefix>_` (it may itself hold "_").
        const secretPart = secret.slice("crmk_".length + 12 + 1)
        expect(secretPart.length).toBeGreaterThanOrEqual(40)
        expect(JSON.stringify(rows)).not.toContain(secretPart)
        yield* keys.revoke(a, issued.apiKey.id)
        expect(yield* keys.authenticate(issued.secret)).toEqual(Option.none())
        expect((yield* keys.list(a)).map((k) => k.revokedAt !== undefined)).toEqual([true])
      }),
    )

    it.effect("never lets tenant B read or change tenant A's rows", () =>
      Effect.gen(function* () {
        const { a, b, sub, alert, issued } = yield* seedTwoTenants
        const subs = yield* Ports.SubscriptionRepo
        const usage = yield* Ports.UsageRepo
        const outbox = yield* Ports.AlertOutbox
        const deliveries = yield* Ports.DeliveryRepo
        const offers = yield* Ports.OfferRepo
        const keys = yield* Ports.ApiKeyRepo
        const idem = yield* Ports.IdempotencyRepo
        const { sql } = yield* Database.Db
        const snapshotOfA = Effect.gen(function* () {
          const out: Record<string, unknown> = {}
          for (const table of [
            "subscriptions",
            "usage_snapshots",
            "alerts",
            "deliveries",
            "delivery_attempts",
            "custom_offers",
            "api_keys",
            "idempotency_keys",
          ]) {
            out[table] = yield* sql`SELECT * FROM ${sql(table)} WHERE tenant_id = ${a}
              ORDER BY 2`.pipe(Effect.orDie)
          }
          return JSON.stringify(out)
        })
        const before = yield* snapshotOfA
        const subId = sub.id

        // Reads see nothing of A.
        expect(yield* subs.get(b, subId)).toEqual(Option.none())
        expect(yield* subs.list(b)).toEqual([])
        const window = { from: date("2000-01-01"), to: date("2100-01-01") }
        expect(Chunk.size(yield* Stream.runCollect(subs.streamDue(b, window)))).toBe(0)
        expect(yield* usage.list(b, subId)).toEqual([])
        expect(yield* outbox.get(b, alert.key)).toEqual(Option.none())
        expect(yield* outbox.list(b, subId)).toEqual([])
        expect(yield* deliveries.listForAlert(b, alert.id)).toEqual([])
        expect(yield* offers.get(b, (yield* F.offer("custom-1")).id)).toEqual(Option.none())
        expect(yield* offers.list(b)).toEqual([])
        expect(yield* keys.list(b)).toEqual([])
        expect(yield* idem.find(b, "req-1")).toEqual(Option.none())
        const claimed = yield* deliveries.claimDue(b, {
          now: new Date("2100-01-01T00:00:00.000Z"),
          leaseUntil: new Date("2100-01-01T00:05:00.000Z"),
          limit: 100,
        })
        expect(claimed).toEqual([])

        // Writes aimed at A's rows fail or land in B's own space.
        const asB = yield* F.subscription(b, "sub-1", { seatsBought: 1 })
        expect((yield* Effect.flip(subs.update(asB)))._tag).toBe("SubscriptionNotFound")
        expect((yield* Effect.flip(subs.remove(b, subId)))._tag).toBe("SubscriptionNotFound")
        expect(
          (yield* Effect.flip(
            usage.record(yield* F.usage(b, "sub-1", "u-b", "2026-02-02T00:00:00.000Z")),
          ))._tag,
        ).toBe("SubscriptionNotFound")
        expect(
          (yield* Effect.flip(outbox.record(yield* F.alert(b, "sub-1", alert.key), [])))._tag,
        ).toBe("SubscriptionNotFound")
        const [aDelivery] = yield* deliveries.listForAlert(a, alert.id)
        if (aDelivery === undefined) return yield* Effect.dieMessage("A has no delivery")
        expect(
          (yield* Effect.flip(deliveries.markSent(b, aDelivery.id, aDelivery.attempt)))._tag,
        ).toBe("DeliveryNotFound")
        expect(
          (yield* Effect.flip(
            deliveries.markFailed(b, aDelivery.id, aDelivery.attempt, {
              error: "x",
              retryAt: Option.none(),
            }),
          ))._tag,
        ).toBe("DeliveryNotFound")
        expect(yield* offers.remove(b, (yield* F.offer("custom-1")).id)).toBe(false)
        expect((yield* Effect.flip(keys.revoke(b, issued.apiKey.id)))._tag).toBe("ApiKeyNotFound")
        // B's own rows with A's ids and keys live beside A's, not over them.
        yield* subs.insert(asB)
        yield* offers.put(b, yield* F.offer("custom-1", "1.00"))
        const bRecord = yield* idem.save(
          new Ports.IdempotencyRecord({
            tenantId: b,
            key: "req-1",
            requestHash: "hb",
            status: 200,
            response: { b: true },
            createdAt: alert.decidedAt,
          }),
        )
        expect(bRecord.requestHash).toBe("hb")
        expect(yield* outbox.record(yield* F.alert(b, "sub-1", alert.key), [])).toBe(true)

        expect(yield* snapshotOfA).toBe(before)
      }),
    )

    it.effect("commits repository writes made in one transaction together or not at all", () =>
      Effect.gen(function* () {
        const tenants = yield* Ports.TenantRepo
        const subs = yield* Ports.SubscriptionRepo
        const { withTransaction } = yield* Ports.Transactor
        const t = F.freshTenantId("tx")
        yield* tenants.create(F.tenant(t))
        const failed = yield* Effect.exit(
          withTransaction(
            Effect.gen(function* () {
              yield* subs.insert(yield* F.subscription(t, "one"))
              yield* subs.insert(yield* F.subscription(t, "two"))
              return yield* Effect.fail("changed my mind" as const)
            }),
          ),
        )
        expect(Exit.isFailure(failed)).toBe(true)
        expect(yield* subs.list(t)).toEqual([])
        yield* withTransaction(
          Effect.all([
            subs.insert(yield* F.subscription(t, "one")),
            subs.insert(yield* F.subscription(t, "two")),
          ]),
        )
        expect((yield* subs.list(t)).map((s) => s.id)).toEqual(["one", "two"])
      }),
    )

    it.effect("runs the migrations once however often the store starts", () =>
      Effect.gen(function* () {
        const { sql, dialect, transaction } = yield* Database.Db
        const again = yield* migrate(dialect, sql, transaction).pipe(Effect.orDie)
        expect(again).toEqual([])
        const rows = yield* sql`SELECT migration_id FROM crm_cost_migrations`.pipe(Effect.orDie)
        expect(rows.map((r) => Number(r.migration_id)).sort()).toEqual([1, 2, 3, 4])
        // A second client on the same database starts cleanly too.
        yield* Effect.scoped(Layer.build(engine.layer()))
      }),
    )
  })
}
