/**
 * The worker's paged scan, run unchanged against SQLite (temp file) and
 * PostgreSQL (a schema of its own): subscriptions in id order, each with its
 * own snapshots since the horizon, oldest first, metrics as exact decimals.
 */
import * as Ports from "@crm-cost/domain/Ports"
import * as Renewal from "@crm-cost/domain/Renewal"
import * as Subscription from "@crm-cost/domain/Subscription"
import { afterAll, expect, layer } from "@effect/vitest"
import { Effect, Layer, Option } from "effect"
import * as Columns from "../src/Columns.js"
import * as Database from "../src/Database.js"
import * as Store from "../src/Store.js"
import * as WorkerStore from "../src/WorkerStore.js"
import * as Engines from "./support/Engines.js"
import * as F from "./support/Fixtures.js"

const engines = await Engines.all()
afterAll(async () => {
  for (const e of engines) await e.cleanup()
})

for (const engine of engines) {
  const services = WorkerStore.layer.pipe(Layer.provideMerge(Store.layerOn(engine.layer())))

  layer(services, { timeout: 60_000 })(`WorkerStore on ${engine.name}`, (it) => {
    it.effect("scans pages in id order, each subscription with its own recent snapshots", () =>
      Effect.gen(function* () {
        const tenants = yield* Ports.TenantRepo
        const subs = yield* Ports.SubscriptionRepo
        const usage = yield* Ports.UsageRepo
        const store = yield* WorkerStore.WorkerStore
        const a = F.freshTenantId("scan-a")
        const b = F.freshTenantId("scan-b")
        yield* tenants.create(F.tenant(a))
        yield* tenants.create(F.tenant(b))
        for (const id of ["sub-3", "sub-1", "sub-2", "sub-4"]) {
          yield* subs.insert(yield* F.subscription(a, id))
        }
        yield* subs.insert(yield* F.subscription(a, "sub-0", { status: "cancelled" }))
        yield* subs.insert(yield* F.subscription(b, "sub-1"))
        // Recorded out of order; one before the horizon; one of tenant B under the same id.
        yield* usage.record(yield* F.usage(a, "sub-1", "u-2", "2026-03-01T10:00:00.000Z", 30))
        yield* usage.record(yield* F.usage(a, "sub-1", "u-1", "2026-02-01T00:00:00.000Z", 26))
        yield* usage.record(yield* F.usage(a, "sub-1", "u-0", "2025-06-01T00:00:00.000Z", 1))
        yield* usage.record(yield* F.usage(a, "sub-3", "u-3", "2026-02-15T12:30:00.250Z", 40))
        yield* usage.record(yield* F.usage(b, "sub-1", "u-9", "2026-02-20T00:00:00.000Z", 99))

        const snapshotsSince = new Date("2026-01-01T00:00:00.000Z")
        const first = yield* store.scanPage(a, { after: Option.none(), limit: 2, snapshotsSince })
        const rest = yield* store.scanPage(a, {
          after: Option.some("sub-2"),
          limit: 2,
          snapshotsSince,
        })
        const view = (page: ReadonlyArray<WorkerStore.Scanned>) =>
          page.map(({ subscription, snapshots }) => ({
            id: subscription.id,
            tenantId: subscription.tenantId,
            snapshots: snapshots.map((s) => ({
              at: new Date(s.takenAt.epochMillis).toISOString(),
              seats: s.seatsAssigned,
              metrics: Object.fromEntries(
                Object.entries(s.metrics).map(([k, v]) => [k, v.toFixed()]),
              ),
            })),
          }))
        const metrics = { "storage-gb": "11.25", "api-calls": "120000" }
        expect(view(first)).toEqual([
          {
            id: "sub-1",
            tenantId: a,
            snapshots: [
              { at: "2026-02-01T00:00:00.000Z", seats: 26, metrics },
              { at: "2026-03-01T10:00:00.000Z", seats: 30, metrics },
            ],
          },
          { id: "sub-2", tenantId: a, snapshots: [] },
        ])
        expect(view(rest)).toEqual([
          {
            id: "sub-3",
            tenantId: a,
            snapshots: [{ at: "2026-02-15T12:30:00.250Z", seats: 40, metrics }],
          },
          { id: "sub-4", tenantId: a, snapshots: [] },
        ])
        const after = yield* store.scanPage(a, {
          after: Option.some("sub-4"),
          limit: 2,
          snapshotsSince,
        })
        expect(after).toEqual([])
        // The subscription is read whole, as the repository reads it.
        const stored = Option.getOrThrow(yield* subs.get(a, "sub-3" as Subscription.SubscriptionId))
        expect(rest[0]?.subscription).toEqual({ ...stored })
      }),
    )

    it.effect("records each key once, even when a key was written since it was looked up", () =>
      Effect.gen(function* () {
        const tenants = yield* Ports.TenantRepo
        const subs = yield* Ports.SubscriptionRepo
        const store = yield* WorkerStore.WorkerStore
        const { sql } = yield* Database.Db
        const t = F.freshTenantId("record")
        yield* tenants.create(F.tenant(t))
        yield* subs.insert(yield* F.subscription(t, "sub-1"))
        const entry = (n: number): WorkerStore.OutboxEntry => ({
          id: Subscription.AlertId.make(`sub-1.${n}`),
          key: Subscription.AlertKey.make(`sub-1/renewal/2026-01-01/${n}`),
          tenantId: t,
          subscriptionId: Subscription.SubscriptionId.make("sub-1"),
          kind: "renewal",
          decidedAt: new Date("2026-11-27T12:00:00.000Z"),
          payload: { n, text: "续约 renewal" },
          channels: ["log", "webhook:https://example.test/hook", "log"],
        })
        expect(yield* store.transaction(store.recordAll([entry(1), entry(2)]))).toBe(2)
        // Keys 1 and 2 exist: this page's chunk conflicts and only key 3 is new.
        expect(yield* store.transaction(store.recordAll([entry(1), entry(3), entry(2)]))).toBe(1)
        const alerts = yield* sql`SELECT alert_key, payload FROM alerts WHERE tenant_id = ${t}
          ORDER BY alert_key`
        expect(alerts.map((r) => r.alert_key)).toEqual([1, 2, 3].map((n) => entry(n).key))
        const payload = alerts[2]?.payload
        expect(typeof payload === "string" ? JSON.parse(payload) : payload).toEqual({
          n: 3,
          text: "续约 renewal",
        })
        const deliveries = yield* sql`SELECT alert_id, channel FROM deliveries
          WHERE tenant_id = ${t} ORDER BY alert_id, channel`
        expect(deliveries.map((r) => `${r.alert_id} ${r.channel}`)).toEqual(
          [1, 2, 3].flatMap((n) => [
            `sub-1.${n} log`,
            `sub-1.${n} webhook:https://example.test/hook`,
          ]),
        )
        // A subscription deleted since its page was read: its alert is dropped, the rest kept.
        yield* subs.insert(yield* F.subscription(t, "sub-gone"))
        const gone: WorkerStore.OutboxEntry = {
          ...entry(9),
          id: Subscription.AlertId.make("sub-gone.9"),
          key: Subscription.AlertKey.make("sub-gone/renewal/2026-01-01/9"),
          subscriptionId: Subscription.SubscriptionId.make("sub-gone"),
        }
        yield* subs.remove(t, Subscription.SubscriptionId.make("sub-gone"))
        expect(yield* store.transaction(store.recordAll([entry(4), gone, entry(5)]))).toBe(2)
        const kept = yield* sql`SELECT subscription_id FROM alerts WHERE tenant_id = ${t}`
        expect(kept.map((r) => r.subscription_id)).not.toContain("sub-gone")
        expect(kept).toHaveLength(5)

        // A roll is not saved over a subscription cancelled (or deleted) since its page was read.
        const live = yield* F.subscription(t, "sub-roll")
        yield* subs.insert(live)
        const next = new Subscription.Subscription({
          ...live,
          termStart: "2027-01-01" as Subscription.Subscription["termStart"],
        })
        yield* subs.update(new Subscription.Subscription({ ...live, status: "cancelled" }))
        expect(yield* store.transaction(store.saveRoll(live, next))).toBe(false)
        yield* subs.update(live)
        expect(yield* store.transaction(store.saveRoll(live, next))).toBe(true)
      }),
    )

    it.effect(
      "saves a roll with its anchor day, and reads it back in the scan and the repository",
      () =>
        Effect.gen(function* () {
          const tenants = yield* Ports.TenantRepo
          const subs = yield* Ports.SubscriptionRepo
          const store = yield* WorkerStore.WorkerStore
          const { sql } = yield* Database.Db
          const t = F.freshTenantId("anchor")
          yield* tenants.create(F.tenant(t))
          // Monthly from 31 Jan, rolled on 5 Mar: the term began 28 Feb and keeps the 31st.
          const monthly = yield* F.subscription(t, "sub-31", {
            termStart: "2026-01-31",
            termMonths: 1,
            noticeDays: 5,
          })
          yield* subs.insert(monthly)
          const rolled = Renewal.rollTo(
            monthly,
            "2026-03-05" as Subscription.Subscription["termStart"],
          )
          expect(yield* store.transaction(store.saveRoll(monthly, rolled.subscription))).toBe(true)
          const read = yield* Effect.flatten(subs.get(t, monthly.id))
          expect([read.termStart, read.anchorDay]).toEqual(["2026-02-28", 31])
          const [row] = yield* sql`SELECT anchor_day, renewal_date, notice_deadline
          FROM subscriptions WHERE tenant_id = ${t} AND id = ${monthly.id}`.pipe(Effect.orDie)
          expect([Number(row?.anchor_day), Columns.calendarDate(row?.renewal_date)]).toEqual([
            31,
            "2026-03-31",
          ])
          expect(Subscription.renewalDate(read)).toBe("2026-03-31")
          const [scanned] = yield* store.scanPage(t, {
            after: Option.none(),
            limit: 10,
            snapshotsSince: new Date(0),
          })
          expect(scanned?.subscription.anchorDay).toBe(31)
          // A roll read before its anchor, length or price changed is not saved over them.
          const stale = Renewal.rollTo(read, "2026-04-02" as Subscription.Subscription["termStart"])
          yield* subs.update(new Subscription.Subscription({ ...read, termMonths: 2 }))
          expect(yield* store.transaction(store.saveRoll(read, stale.subscription))).toBe(false)
          yield* subs.update(read)
          expect(yield* store.transaction(store.saveRoll(read, stale.subscription))).toBe(true)
          // A subscription on its own day has none.
          const plain = yield* F.subscription(t, "sub-plain")
          yield* subs.insert(plain)
          expect((yield* Effect.flatten(subs.get(t, plain.id))).anchorDay).toBeUndefined()
        }),
    )
  })
}
