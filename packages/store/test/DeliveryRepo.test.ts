/**
 * The attempts of a delivery, run unchanged against SQLite (temp file) and
 * PostgreSQL (a schema of its own).
 */
import * as Ports from "@crm-cost/domain/Ports"
import * as Subscription from "@crm-cost/domain/Subscription"
import { afterAll, expect, layer } from "@effect/vitest"
import { DateTime, Effect, Exit, Option, TestClock } from "effect"
import * as Database from "../src/Database.js"
import * as Store from "../src/Store.js"
import * as Engines from "./support/Engines.js"
import * as F from "./support/Fixtures.js"

const engines = await Engines.all()
afterAll(async () => {
  for (const e of engines) await e.cleanup()
})

const at = (iso: string) => new Date(iso)
const lease = (now: Date) => new Date(now.getTime() + 5 * 60_000)

/** A tenant with one subscription and one alert; its webhook delivery, and the others claimed and sent. */
const seedWebhookDelivery = Effect.gen(function* () {
  const tenants = yield* Ports.TenantRepo
  const subs = yield* Ports.SubscriptionRepo
  const outbox = yield* Ports.AlertOutbox
  const deliveries = yield* Ports.DeliveryRepo
  const t = F.freshTenantId("attempts")
  yield* tenants.create(F.tenant(t))
  const sub = yield* F.subscription(t, "sub-1")
  yield* subs.insert(sub)
  const alert = yield* F.alert(t, "sub-1", "sub-1/notice-reminder/2026-01-31/30")
  yield* outbox.record(alert, sub.channels)
  const ds = yield* deliveries.listForAlert(t, alert.id)
  const webhook = ds.find((d) => d.channel.startsWith("webhook:"))
  if (webhook === undefined) return yield* Effect.dieMessage("no webhook delivery")
  // The others are sent at once, so that only the webhook is due afterwards.
  const now = at("2026-03-01T08:00:00.000Z")
  const claimed = yield* deliveries.claimDue(t, { now, leaseUntil: lease(now), limit: 10 })
  for (const d of claimed) if (d.id !== webhook.id) yield* deliveries.markSent(t, d.id, d.attempt)
  return { t, alert, webhook: webhook.id }
})

/** Claims the tenant's one due delivery at `iso`, then lets `workMs` pass on the clock. */
const claimOne = (t: Subscription.TenantId, iso: string, workMs: number) =>
  Effect.gen(function* () {
    const deliveries = yield* Ports.DeliveryRepo
    const now = at(iso)
    const claimed = yield* deliveries.claimDue(t, { now, leaseUntil: lease(now), limit: 10 })
    expect(claimed.length).toBe(1)
    yield* TestClock.setTime(now.getTime() + workMs)
    const [delivery] = claimed
    if (delivery === undefined) return yield* Effect.dieMessage("nothing claimed")
    return delivery
  })

const iso = (d: DateTime.DateTime | undefined) => (d === undefined ? null : DateTime.formatIso(d))

const rowsOf = (attempts: ReadonlyArray<Ports.DeliveryAttempt>) =>
  attempts.map((a) => [
    a.attempt,
    iso(a.claimedAt),
    iso(a.finishedAt),
    a.outcome,
    a.error ?? null,
    iso(a.retryAt),
  ])

/** The delivery's row as [status, attempt, next attempt at, last error]. */
const stateOf = (t: Subscription.TenantId, alertId: Subscription.AlertId, id: Ports.DeliveryId) =>
  Effect.gen(function* () {
    const deliveries = yield* Ports.DeliveryRepo
    const row = (yield* deliveries.listForAlert(t, alertId)).find((d) => d.id === id)
    return row === undefined
      ? undefined
      : [row.status, row.attempt, iso(row.nextAttemptAt), row.lastError ?? null]
  })

for (const engine of engines) {
  const store = Store.layerOn(engine.layer())

  layer(store, { timeout: 60_000 })(`DeliveryRepo on ${engine.name}`, (it) => {
    it.effect("keeps each attempt of a delivery failed twice then sent, in order", () =>
      Effect.gen(function* () {
        const { t, webhook } = yield* seedWebhookDelivery
        const deliveries = yield* Ports.DeliveryRepo
        yield* TestClock.setTime(at("2026-03-01T08:00:00.000Z").getTime())
        // The webhook was claimed with the others at 08:00 (attempt 1).
        yield* TestClock.adjust("1200 millis")
        yield* deliveries.markFailed(t, webhook, 1, {
          error: "HTTP 503",
          retryAt: Option.some(at("2026-03-01T08:01:00.000Z")),
        })
        const second = yield* claimOne(t, "2026-03-01T08:01:00.000Z", 30_000)
        yield* deliveries.markFailed(t, webhook, second.attempt, {
          error: "connect ECONNREFUSED 10.0.0.1:443",
          retryAt: Option.some(at("2026-03-01T08:03:00.000Z")),
        })
        const third = yield* claimOne(t, "2026-03-01T08:03:00.000Z", 450)
        yield* deliveries.markSent(t, webhook, third.attempt)

        expect(rowsOf(yield* deliveries.listAttempts(t, webhook))).toEqual([
          [
            1,
            "2026-03-01T08:00:00.000Z",
            "2026-03-01T08:00:01.200Z",
            "failed",
            "HTTP 503",
            "2026-03-01T08:01:00.000Z",
          ],
          [
            2,
            "2026-03-01T08:01:00.000Z",
            "2026-03-01T08:01:30.000Z",
            "failed",
            "connect ECONNREFUSED 10.0.0.1:443",
            "2026-03-01T08:03:00.000Z",
          ],
          [3, "2026-03-01T08:03:00.000Z", "2026-03-01T08:03:00.450Z", "sent", null, null],
        ])
        const after = yield* deliveries.listAttempts(t, webhook)
        expect(after.every((a) => a.tenantId === t && a.deliveryId === webhook)).toBe(true)
        // Another tenant asking for the same delivery id sees nothing.
        expect(yield* deliveries.listAttempts(F.freshTenantId("other"), webhook)).toEqual([])
      }),
    )

    it.effect("keeps the last attempt of a delivery given up with its error and no retry", () =>
      Effect.gen(function* () {
        const { t, alert, webhook } = yield* seedWebhookDelivery
        const deliveries = yield* Ports.DeliveryRepo
        yield* TestClock.setTime(at("2026-03-01T08:00:02.000Z").getTime())
        yield* deliveries.markFailed(t, webhook, 1, {
          error: "HTTP 500",
          retryAt: Option.some(at("2026-03-01T08:01:00.000Z")),
        })
        const second = yield* claimOne(t, "2026-03-01T08:01:00.000Z", 3_000)
        yield* deliveries.markFailed(t, webhook, second.attempt, {
          error: "HTTP 410 gone",
          retryAt: Option.none(),
        })

        const attempts = yield* deliveries.listAttempts(t, webhook)
        expect(rowsOf(attempts).at(-1)).toEqual([
          2,
          "2026-03-01T08:01:00.000Z",
          "2026-03-01T08:01:03.000Z",
          "failed",
          "HTTP 410 gone",
          null,
        ])
        expect(attempts.length).toBe(2)
        const [row] = (yield* deliveries.listForAlert(t, alert.id)).filter((d) => d.id === webhook)
        expect([row?.status, row?.attempt, row?.lastError]).toEqual(["dead", 2, "HTTP 410 gone"])
        // A delivery already sent keeps its state on a late failure, and the
        // attempt that sent it stays as first kept.
        const others = (yield* deliveries.listForAlert(t, alert.id)).filter(
          (d) => d.status === "sent",
        )
        const sent = others[0]
        if (sent === undefined) return yield* Effect.dieMessage("no sent delivery")
        yield* deliveries.markFailed(t, sent.id, sent.attempt, {
          error: "late",
          retryAt: Option.none(),
        })
        const [still] = (yield* deliveries.listForAlert(t, alert.id)).filter(
          (d) => d.id === sent.id,
        )
        expect([still?.status, still?.lastError]).toEqual(["sent", undefined])
        expect((yield* deliveries.listAttempts(t, sent.id)).map((a) => a.outcome)).toEqual(["sent"])
      }),
    )

    it.effect(
      "keeps an attempt only with the delivery's update: a refused update keeps neither",
      () =>
        Effect.gen(function* () {
          const { t, alert, webhook } = yield* seedWebhookDelivery
          const deliveries = yield* Ports.DeliveryRepo
          const { sql, dialect } = yield* Database.Db
          // A trigger refuses any later change to this tenant's deliveries, after the attempt's insert.
          const trigger = `refuse_${t.replace(/[^a-z0-9]/gi, "_")}`
          const create =
            dialect === "pg"
              ? [
                  `CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
                  BEGIN RAISE EXCEPTION 'refused by the test'; END $$`,
                  `CREATE TRIGGER ${trigger} BEFORE UPDATE ON deliveries FOR EACH ROW
                  WHEN (NEW.tenant_id = '${t}') EXECUTE FUNCTION ${trigger}()`,
                ]
              : [
                  `CREATE TRIGGER ${trigger} BEFORE UPDATE ON deliveries
                  WHEN NEW.tenant_id = '${t}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
                ]
          for (const s of create) yield* sql.unsafe(s).pipe(Effect.orDie)
          const sent = yield* Effect.exit(deliveries.markSent(t, webhook, 1))
          const failed = yield* Effect.exit(
            deliveries.markFailed(t, webhook, 1, { error: "x", retryAt: Option.none() }),
          )
          yield* sql
            .unsafe(`DROP TRIGGER ${trigger}${dialect === "pg" ? " ON deliveries" : ""}`)
            .pipe(Effect.orDie)
          expect([Exit.isFailure(sent), Exit.isFailure(failed)]).toEqual([true, true])
          expect(yield* deliveries.listAttempts(t, webhook)).toEqual([])
          const [row] = (yield* deliveries.listForAlert(t, alert.id)).filter(
            (d) => d.id === webhook,
          )
          expect([row?.status, row?.attempt]).toEqual(["sending", 1])
          // Without the trigger the same call keeps both.
          yield* deliveries.markSent(t, webhook, 1)
          expect((yield* deliveries.listAttempts(t, webhook)).map((a) => a.outcome)).toEqual([
            "sent",
          ])
        }),
    )

    it.effect(
      "leaves a delivery claimed again to its new claim: a late failure is kept under its own attempt only",
      () =>
        Effect.gen(function* () {
          const { t, alert, webhook } = yield* seedWebhookDelivery
          const deliveries = yield* Ports.DeliveryRepo
          // Attempt 1 was claimed at 08:00 with a lease to 08:05; its worker is still sending at 08:06.
          const second = yield* claimOne(t, "2026-03-01T08:06:00.000Z", 20_000)
          expect(second.attempt).toBe(2)
          yield* deliveries.markFailed(t, webhook, 1, {
            error: "timeout",
            retryAt: Option.some(at("2026-03-01T08:07:00.000Z")),
          })
          expect(yield* stateOf(t, alert.id, webhook)).toEqual([
            "sending",
            2,
            "2026-03-01T08:11:00.000Z",
            null,
          ])
          // Still leased to attempt 2: nobody else takes it.
          const now = at("2026-03-01T08:07:00.000Z")
          expect(yield* deliveries.claimDue(t, { now, leaseUntil: lease(now), limit: 10 })).toEqual(
            [],
          )
          yield* TestClock.adjust("500 millis")
          yield* deliveries.markSent(t, webhook, 2)
          expect((yield* stateOf(t, alert.id, webhook))?.slice(0, 2)).toEqual(["sent", 2])
          expect(rowsOf(yield* deliveries.listAttempts(t, webhook))).toEqual([
            [1, null, "2026-03-01T08:06:20.000Z", "failed", "timeout", null],
            [2, "2026-03-01T08:06:00.000Z", "2026-03-01T08:06:20.500Z", "sent", null, null],
          ])
        }),
    )

    it.effect("keeps a delivery sent when the claim before it reports a failure late", () =>
      Effect.gen(function* () {
        const { t, alert, webhook } = yield* seedWebhookDelivery
        const deliveries = yield* Ports.DeliveryRepo
        yield* claimOne(t, "2026-03-01T08:06:00.000Z", 1_000)
        yield* deliveries.markSent(t, webhook, 2)
        yield* TestClock.adjust("1 second")
        yield* deliveries.markFailed(t, webhook, 1, {
          error: "timeout",
          retryAt: Option.some(at("2026-03-01T08:07:00.000Z")),
        })
        expect(yield* stateOf(t, alert.id, webhook)).toEqual([
          "sent",
          2,
          "2026-03-01T08:11:00.000Z",
          null,
        ])
        expect(rowsOf(yield* deliveries.listAttempts(t, webhook))).toEqual([
          [1, null, "2026-03-01T08:06:02.000Z", "failed", "timeout", null],
          [2, "2026-03-01T08:06:00.000Z", "2026-03-01T08:06:01.000Z", "sent", null, null],
        ])
      }),
    )

    it.effect(
      "counts a late success: a delivery its next claim gave up is sent, each attempt under its number",
      () =>
        Effect.gen(function* () {
          const { t, alert, webhook } = yield* seedWebhookDelivery
          const deliveries = yield* Ports.DeliveryRepo
          yield* claimOne(t, "2026-03-01T08:06:00.000Z", 2_000)
          yield* deliveries.markFailed(t, webhook, 2, {
            error: "HTTP 410 gone",
            retryAt: Option.none(),
          })
          expect((yield* stateOf(t, alert.id, webhook))?.[0]).toBe("dead")
          yield* TestClock.adjust("1 second")
          yield* deliveries.markSent(t, webhook, 1)
          expect(yield* stateOf(t, alert.id, webhook)).toEqual([
            "sent",
            2,
            "2026-03-01T08:06:02.000Z",
            null,
          ])
          expect(rowsOf(yield* deliveries.listAttempts(t, webhook))).toEqual([
            [1, null, "2026-03-01T08:06:03.000Z", "sent", null, null],
            [
              2,
              "2026-03-01T08:06:00.000Z",
              "2026-03-01T08:06:02.000Z",
              "failed",
              "HTTP 410 gone",
              null,
            ],
          ])
        }),
    )

    it.effect(
      "fails DeliveryNotFound, keeping nothing, for a delivery removed with its subscription after its claim",
      () =>
        Effect.gen(function* () {
          const { t, webhook } = yield* seedWebhookDelivery
          const deliveries = yield* Ports.DeliveryRepo
          const subs = yield* Ports.SubscriptionRepo
          const { sql } = yield* Database.Db
          yield* subs.remove(t, Subscription.SubscriptionId.make("sub-1"))
          const sent = yield* Effect.flip(deliveries.markSent(t, webhook, 1))
          const failed = yield* Effect.flip(
            deliveries.markFailed(t, webhook, 1, { error: "HTTP 502", retryAt: Option.none() }),
          )
          expect([sent, failed]).toEqual([
            new Ports.DeliveryNotFound({ tenantId: t, deliveryId: webhook }),
            new Ports.DeliveryNotFound({ tenantId: t, deliveryId: webhook }),
          ])
          const rows = yield* sql`SELECT COUNT(*) AS n FROM delivery_attempts
            WHERE tenant_id = ${t}`.pipe(Effect.orDie)
          expect(Number(rows[0]?.n)).toBe(0)
        }),
    )

    it.effect("removes a delivery's attempts with its subscription", () =>
      Effect.gen(function* () {
        const { t, webhook } = yield* seedWebhookDelivery
        const deliveries = yield* Ports.DeliveryRepo
        const subs = yield* Ports.SubscriptionRepo
        const { sql } = yield* Database.Db
        yield* deliveries.markFailed(t, webhook, 1, { error: "HTTP 502", retryAt: Option.none() })
        const count = sql`SELECT COUNT(*) AS n FROM delivery_attempts WHERE tenant_id = ${t}`.pipe(
          Effect.map((rows) => Number(rows[0]?.n)),
          Effect.orDie,
        )
        expect(yield* count).toBe(3)
        yield* subs.remove(t, Subscription.SubscriptionId.make("sub-1"))
        expect(yield* count).toBe(0)
        expect(yield* deliveries.listAttempts(t, webhook)).toEqual([])
      }),
    )

    it.effect(
      "sends a subscription's unsent alerts to the channels it has now, and back, never doubling a send in flight",
      () =>
        Effect.gen(function* () {
          const tenants = yield* Ports.TenantRepo
          const subs = yield* Ports.SubscriptionRepo
          const outbox = yield* Ports.AlertOutbox
          const deliveries = yield* Ports.DeliveryRepo
          const t = F.freshTenantId("follow")
          yield* tenants.create(F.tenant(t))
          const alice = { _tag: "Email", to: ["alice@example.com"] }
          const bob = { _tag: "Email", to: ["bob@example.com"] }
          const log = { _tag: "Log" }
          const sub = yield* F.subscription(t, "sub-1", { channels: [alice, log] })
          yield* subs.insert(sub)
          const pending = yield* F.alert(t, "sub-1", "sub-1/notice-reminder/2026-01-31/30")
          const sent = yield* F.alert(t, "sub-1", "sub-1/notice-reminder/2026-01-31/1")
          yield* outbox.record(pending, sub.channels)
          yield* outbox.record(sent, sub.channels)
          const sentIds = (yield* deliveries.listForAlert(t, sent.id)).map((d) => d.id)
          // Everything claimed at 08:00 (leased until 08:05); the second alert's sent.
          const now = at("2026-03-01T08:00:00.000Z")
          const claimed = yield* deliveries.claimDue(t, { now, leaseUntil: lease(now), limit: 10 })
          for (const d of claimed)
            if (sentIds.includes(d.id)) yield* deliveries.markSent(t, d.id, d.attempt)
          yield* TestClock.setTime(at("2026-03-01T08:01:00.000Z").getTime())
          const states = (alertId: Subscription.AlertId) =>
            Effect.map(deliveries.listForAlert(t, alertId), (ds) =>
              ds.map((d) => `${d.channel} ${d.status} ${iso(d.nextAttemptAt)}`),
            )
          const short = (alertId: Subscription.AlertId) =>
            Effect.map(states(alertId), (ls) => ls.map((l) => l.split(" ").slice(0, 2).join(" ")))
          const withChannels = (channels: ReadonlyArray<unknown>) =>
            Effect.flatMap(F.subscription(t, "sub-1", { channels }), (s) => subs.update(s))

          // Alice leaves: her delivery (claimed, unsent) is given up and Bob gets one; the
          // log, which stays, keeps its own; the alert already sent is not sent again.
          yield* withChannels([bob, log])
          expect(yield* states(pending.id)).toEqual([
            "email:alice@example.com dead 2026-03-01T08:05:00.000Z",
            "email:bob@example.com pending 2026-03-01T08:01:00.000Z",
            "log sending 2026-03-01T08:05:00.000Z",
          ])
          const [gone] = yield* deliveries.listForAlert(t, pending.id)
          expect(gone?.lastError).toBe("channel removed from the subscription")
          const sentBefore = yield* states(sent.id)
          expect(yield* short(sent.id)).toEqual(["email:alice@example.com sent", "log sent"])
          // Back to Alice before Bob's went out: hers is pending again, but not before the
          // lease of the send that may still be in flight; his is given up.
          yield* withChannels([alice, log])
          expect(yield* states(pending.id)).toEqual([
            "email:alice@example.com pending 2026-03-01T08:05:00.000Z",
            "email:bob@example.com dead 2026-03-01T08:01:00.000Z",
            "log sending 2026-03-01T08:05:00.000Z",
          ])
          // No channels: the log alone, as a new alert would go.
          yield* withChannels([])
          expect(yield* short(pending.id)).toEqual([
            "email:alice@example.com dead",
            "email:bob@example.com dead",
            "log sending",
          ])
          // A channel put back while nothing else leaves: the unsent alert goes there too.
          yield* withChannels([log, bob])
          expect(yield* short(pending.id)).toEqual([
            "email:alice@example.com dead",
            "email:bob@example.com pending",
            "log sending",
          ])
          // An update that changes nothing moves nothing; the sent alert never moved.
          const before = yield* states(pending.id)
          yield* withChannels([log, bob])
          expect(yield* states(pending.id)).toEqual(before)
          expect(yield* states(sent.id)).toEqual(sentBefore)
        }),
    )

    it.effect(
      "moves a claimed delivery whose channel the subscription no longer has, reading the channels again",
      () =>
        Effect.gen(function* () {
          const { t, alert, webhook } = yield* seedWebhookDelivery
          const deliveries = yield* Ports.DeliveryRepo
          const { sql } = yield* Database.Db
          const channelsAre = (channels: ReadonlyArray<unknown>) =>
            Effect.orDie(
              sql.unsafe(
                `UPDATE subscriptions SET channels = '${JSON.stringify(channels)}' WHERE tenant_id = '${t}'`,
              ),
            )
          yield* TestClock.setTime(at("2026-03-01T08:00:03.000Z").getTime())
          // The worker read channels without the webhook, but it is there again: due again.
          expect(yield* deliveries.redirect(t, webhook, 1)).toBe("kept")
          expect(yield* stateOf(t, alert.id, webhook)).toEqual([
            "pending",
            1,
            "2026-03-01T08:00:03.000Z",
            null,
          ])
          // Changed behind the repository's back (as between a run's read and its write):
          // the subscription now has one webhook at another address.
          const second = yield* claimOne(t, "2026-03-01T08:00:03.000Z", 2_000)
          const elsewhere = { _tag: "Webhook", url: "https://hooks.example.com/new" }
          yield* channelsAre([elsewhere])
          expect(yield* deliveries.redirect(t, webhook, second.attempt)).toBe("moved")
          expect(yield* stateOf(t, alert.id, webhook)).toEqual([
            "dead",
            2,
            "2026-03-01T08:05:03.000Z",
            "channel removed from the subscription",
          ])
          const moved = (yield* deliveries.listForAlert(t, alert.id)).find(
            (d) => d.channel === "webhook:https://hooks.example.com/new",
          )
          expect([moved?.status, moved?.attempt, iso(moved?.nextAttemptAt)]).toEqual([
            "pending",
            0,
            "2026-03-01T08:00:05.000Z",
          ])
          expect(
            rowsOf(yield* deliveries.listAttempts(t, webhook)).map((r) => r.slice(0, 5)),
          ).toEqual([
            [
              1,
              "2026-03-01T08:00:00.000Z",
              "2026-03-01T08:00:03.000Z",
              "failed",
              "channel removed from the subscription",
            ],
            [
              2,
              "2026-03-01T08:00:03.000Z",
              "2026-03-01T08:00:05.000Z",
              "failed",
              "channel removed from the subscription",
            ],
          ])
          // A claim that no longer holds the delivery changes nothing.
          const count = (yield* deliveries.listForAlert(t, alert.id)).length
          yield* channelsAre([{ _tag: "Webhook", url: "https://hooks.example.com/other" }])
          expect(yield* deliveries.redirect(t, webhook, second.attempt)).toBe("stale")
          expect((yield* deliveries.listForAlert(t, alert.id)).length).toBe(count)
        }),
    )
  })
}
