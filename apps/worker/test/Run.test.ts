import * as Calendar from "@crm-cost/domain/Calendar"
import * as Ports from "@crm-cost/domain/Ports"
import { AlertKey, Subscription, SubscriptionId, TenantId } from "@crm-cost/domain/Subscription"
import * as Database from "@crm-cost/store/Database"
import * as Store from "@crm-cost/store/Store"
import * as WorkerStore from "@crm-cost/store/WorkerStore"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { ConfigProvider, DateTime, Effect, Layer, Logger, Option, TestClock } from "effect"
import { Channels, DeliveryFailed } from "../src/Channels.js"
import * as Run from "../src/Run.js"
import * as Worker from "../src/Worker.js"
import * as WorkerConfig from "../src/WorkerConfig.js"
import {
  type Engine,
  postgres,
  type Receiver,
  receiver,
  seed,
  smtpServer,
  sqlite,
} from "./support.js"

const SECRET = "s3cret-for-tests"

const layerFor = (engine: Engine, env: Record<string, string>) =>
  Worker.services.pipe(
    Layer.provideMerge(Store.layerOn(engine.db())),
    Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))),
    Layer.orDie,
  )

const day = (iso: string) => Date.parse(`${iso}T09:00:00Z`)

/**
 * Channels that remove subscription sub-00000 of `tenant` while sending
 * (every send waits for the removal), then fail on a webhook and send
 * anything else.
 */
const removingWhileSending = (tenant: TenantId) =>
  Layer.effect(
    Channels,
    Effect.gen(function* () {
      const subs = yield* Ports.SubscriptionRepo
      const remove = yield* Effect.cached(
        Effect.orDie(subs.remove(tenant, SubscriptionId.make("sub-00000"))),
      )
      return Channels.of({
        send: (channel) =>
          Effect.zipRight(
            remove,
            channel._tag === "Webhook"
              ? Effect.fail(new DeliveryFailed({ channel: "webhook", reason: "HTTP 503" }))
              : Effect.void,
          ),
      })
    }),
  )

const pg = await postgres()

describe("Worker run", () => {
  let hook: Receiver
  let mail: Awaited<ReturnType<typeof smtpServer>>
  beforeAll(async () => {
    hook = await receiver(SECRET)
    mail = await smtpServer()
  })
  afterAll(async () => {
    await hook.close()
    await mail.close()
    await pg?.cleanup()
  })

  for (const engine of pg === undefined ? [sqlite()] : [sqlite(), pg]) {
    it.effect(
      `reports a delivery whose subscription was removed while it was being sent, and goes on (${engine.name})`,
      () => {
        const tenant = TenantId.make("delta")
        const logged: Array<string> = []
        const capture = Logger.make(({ logLevel, message }) => {
          logged.push(
            `${logLevel.label} ${Array.isArray(message) ? message.join(" ") : String(message)}`,
          )
        })
        const layer = Layer.mergeAll(removingWhileSending(tenant), WorkerStore.layer).pipe(
          Layer.provideMerge(WorkerConfig.layer),
          Layer.provideMerge(Store.layerOn(engine.db())),
          Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map()))),
          Layer.orDie,
        )
        return Effect.gen(function* () {
          const today = Calendar.unsafeMake("2026-06-01")
          yield* TestClock.setTime(day(today))
          yield* seed("delta", 1, {
            today,
            deadlineIn: 7,
            offsets: [7],
            channels: [{ _tag: "Webhook", url: "http://127.0.0.1:9/hook" }, { _tag: "Log" }],
          })
          const result = yield* Run.runOnce
          expect(Option.map(result.decided, (d) => d.recorded)).toEqual(Option.some(1))
          // The log channel's message went out; the webhook's attempt failed.
          expect(result.delivered).toEqual({ sent: 1, failed: 1 })
          const gone = logged.filter((l) => l.includes("is gone (its subscription was removed)"))
          expect(gone.map((l) => l.split(" ")[0]).sort()).toEqual(["INFO", "INFO"])
          expect(gone.map((l) => l.match(/attempt 1 (sent|failed)/)?.[1]).sort()).toEqual([
            "failed",
            "sent",
          ])
          const key = AlertKey.make("sub-00000/notice-reminder/2025-08-01/7")
          expect(yield* (yield* Ports.AlertOutbox).get(tenant, key)).toEqual(Option.none())
          expect(yield* Run.deliverAll).toEqual({ sent: 0, failed: 0 })
        }).pipe(
          Effect.provide(layer),
          Effect.provide(Logger.add(capture)),
          Effect.ensuring(engine === pg ? Effect.void : Effect.promise(engine.cleanup)),
        )
      },
    )
  }

  it.effect(
    "sends a reminder to a signed webhook, an SMTP mailbox in the tenant's language, and the log",
    () => {
      const engine = sqlite()
      const env = {
        WEBHOOK_SECRETS: `acme=${SECRET}`,
        WORKER_LOCALES: "acme=zh-CN",
        SMTP_HOST: "127.0.0.1",
        SMTP_PORT: String(mail.port),
        SMTP_FROM: "alerts@crm-cost.test",
      }
      return Effect.gen(function* () {
        const today = Calendar.unsafeMake("2026-03-10")
        yield* TestClock.setTime(day(today))
        yield* seed("acme", 1, {
          today,
          deadlineIn: 7,
          offsets: [7],
          channels: [
            { _tag: "Webhook", url: hook.url },
            { _tag: "Email", to: ["ops@acme.test"] },
            { _tag: "Log" },
          ],
        })
        const result = yield* Run.runOnce
        expect(Option.map(result.decided, (d) => d.recorded)).toEqual(Option.some(1))
        expect(result.delivered).toEqual({ sent: 3, failed: 0 })
        const key = "sub-00000/notice-reminder/2025-05-10/7"
        expect(hook.seen.get(key)).toBe(1)
        expect(hook.badSignatures()).toBe(0)
        const body = hook.bodies.find((b) => b.key === key)
        expect(body?.subject).toContain("通知截止日")
        expect(mail.mails).toHaveLength(1)
        expect(mail.mails[0]?.to).toEqual(["ops@acme.test"])
        expect(mail.mails[0]?.subject).toContain("通知截止日")
        expect(mail.mails[0]?.raw).toContain("X-Alert-Key:")
        // A second run decides nothing new and sends nothing again.
        const again = yield* Run.runOnce
        expect(Option.map(again.decided, (d) => d.recorded)).toEqual(Option.some(0))
        expect(again.delivered).toEqual({ sent: 0, failed: 0 })
        expect(mail.mails).toHaveLength(1)
      }).pipe(
        Effect.provide(layerFor(engine, env)),
        Effect.ensuring(Effect.promise(engine.cleanup)),
      )
    },
  )

  it.effect("retries a failing webhook with exponential backoff, recording each attempt", () => {
    const engine = sqlite()
    const env = { WEBHOOK_SECRETS: `beta=${SECRET}`, WORKER_RETRY_BASE_MS: "60000" }
    return Effect.gen(function* () {
      const today = Calendar.unsafeMake("2026-04-01")
      yield* TestClock.setTime(day(today))
      yield* seed("beta", 1, {
        today,
        deadlineIn: 7,
        offsets: [7],
        channels: [{ _tag: "Webhook", url: hook.url }],
      })
      const outbox = yield* Ports.AlertOutbox
      const deliveries = yield* Ports.DeliveryRepo
      const key = AlertKey.make("sub-00000/notice-reminder/2025-06-01/7")
      const delivery = Effect.gen(function* () {
        const alert = yield* Effect.flatten(outbox.get(TenantId.make("beta"), key))
        const [d] = yield* deliveries.listForAlert(TenantId.make("beta"), alert.id)
        return d
      })
      hook.failNext(2)
      expect((yield* Run.runOnce).delivered).toEqual({ sent: 0, failed: 1 })
      expect((yield* delivery)?.attempt).toBe(1)
      expect((yield* delivery)?.lastError).toContain("HTTP 500")
      // Not before its time: 1 minute after the first failure.
      expect((yield* Run.deliverAll).sent + (yield* Run.deliverAll).failed).toBe(0)
      yield* TestClock.adjust("60 seconds")
      expect(yield* Run.deliverAll).toEqual({ sent: 0, failed: 1 })
      // The second retry waits twice as long: 2 minutes.
      yield* TestClock.adjust("60 seconds")
      expect(yield* Run.deliverAll).toEqual({ sent: 0, failed: 0 })
      yield* TestClock.adjust("60 seconds")
      expect(yield* Run.deliverAll).toEqual({ sent: 1, failed: 0 })
      const done = yield* delivery
      expect([done?.status, done?.attempt]).toEqual(["sent", 3])
      expect(hook.seen.get(key)).toBe(1)
      if (done === undefined) return yield* Effect.dieMessage("no delivery")
      const attempts = yield* deliveries.listAttempts(TenantId.make("beta"), done.id)
      const iso = (d: DateTime.Utc | undefined) => (d === undefined ? null : DateTime.formatIso(d))
      expect(
        attempts.map((a) => [a.attempt, a.outcome, iso(a.finishedAt), iso(a.retryAt)]),
      ).toEqual([
        [1, "failed", "2026-04-01T09:00:00.000Z", "2026-04-01T09:01:00.000Z"],
        [2, "failed", "2026-04-01T09:01:00.000Z", "2026-04-01T09:03:00.000Z"],
        [3, "sent", "2026-04-01T09:03:00.000Z", null],
      ])
      expect(attempts.map((a) => a.error?.includes("HTTP 500") ?? null)).toEqual([true, true, null])
    }).pipe(Effect.provide(layerFor(engine, env)), Effect.ensuring(Effect.promise(engine.cleanup)))
  })

  it.effect(
    "catches up: after 10 days without a run, one run sends each reminder due in them, once",
    () => {
      const engine = sqlite()
      const env = { WEBHOOK_SECRETS: `gamma=${SECRET}` }
      return Effect.gen(function* () {
        const today = Calendar.unsafeMake("2026-05-01")
        yield* TestClock.setTime(day(today))
        // Notice deadline 11 May; reminders due 2, 5, 8, 10 and 11 May.
        yield* seed("gamma", 3, {
          today,
          deadlineIn: 10,
          offsets: [9, 6, 3, 1, 0],
          channels: [{ _tag: "Webhook", url: hook.url }],
        })
        const first = yield* Run.runOnce
        expect(Option.map(first.decided, (d) => d.recorded)).toEqual(Option.some(0))
        yield* TestClock.adjust("10 days")
        const late = yield* Run.runOnce
        expect(Option.map(late.decided, (d) => d.recorded)).toEqual(Option.some(15))
        expect(late.delivered).toEqual({ sent: 15, failed: 0 })
        const keys = [...hook.seen.keys()].filter((k) => k.startsWith("sub-00001/"))
        expect(keys.sort()).toEqual(
          ["0", "1", "3", "6", "9"].map((o) => `sub-00001/notice-reminder/2025-07-01/${o}`).sort(),
        )
        for (const k of keys) expect(hook.seen.get(k)).toBe(1)
        const again = yield* Run.runOnce
        expect(Option.map(again.decided, (d) => d.recorded)).toEqual(Option.some(0))
      }).pipe(
        Effect.provide(layerFor(engine, env)),
        Effect.ensuring(Effect.promise(engine.cleanup)),
      )
    },
  )
  it.effect(
    "sends to the channels a subscription has now: a reminder decided for a removed webhook goes to its successor",
    () => {
      const engine = sqlite()
      const env = { WEBHOOK_SECRETS: `epsilon=${SECRET}` }
      return Effect.gen(function* () {
        const today = Calendar.unsafeMake("2026-07-01")
        yield* TestClock.setTime(day(today))
        const tenant = TenantId.make("epsilon")
        const old = "http://127.0.0.1:9/retired-hook"
        yield* seed("epsilon", 1, {
          today,
          deadlineIn: 7,
          offsets: [7],
          channels: [{ _tag: "Webhook", url: old }],
        })
        expect(Option.map(yield* Run.decideAll, (d) => d.recorded)).toEqual(Option.some(1))
        // Before anything was sent, the owner replaces the webhook.
        const subs = yield* Ports.SubscriptionRepo
        const sub = yield* Effect.flatten(subs.get(tenant, SubscriptionId.make("sub-00000")))
        yield* subs.update(
          new Subscription({ ...sub, channels: [{ _tag: "Webhook", url: hook.url }] }),
        )
        expect(yield* Run.deliverAll).toEqual({ sent: 1, failed: 0 })
        const key = AlertKey.make("sub-00000/notice-reminder/2025-09-01/7")
        expect(hook.seen.get(key)).toBe(1)
        const alert = yield* Effect.flatten((yield* Ports.AlertOutbox).get(tenant, key))
        const deliveries = yield* Ports.DeliveryRepo
        const rows = yield* deliveries.listForAlert(tenant, alert.id)
        expect(rows.map((d) => [d.channel, d.status, d.attempt])).toEqual([
          [`webhook:${hook.url}`, "sent", 1],
          [`webhook:${old}`, "dead", 0],
        ])
        expect(yield* Run.deliverAll).toEqual({ sent: 0, failed: 0 })
      }).pipe(
        Effect.provide(layerFor(engine, env)),
        Effect.ensuring(Effect.promise(engine.cleanup)),
      )
    },
  )

  it.effect(
    "does not send to an empty list when a subscription's channels cannot be read: it retries, naming the fault",
    () => {
      const engine = sqlite()
      return Effect.gen(function* () {
        const today = Calendar.unsafeMake("2026-08-01")
        yield* TestClock.setTime(day(today))
        const tenant = TenantId.make("zeta")
        yield* seed("zeta", 1, {
          today,
          deadlineIn: 7,
          offsets: [7],
          channels: [{ _tag: "Webhook", url: hook.url }],
        })
        expect(Option.map(yield* Run.decideAll, (d) => d.recorded)).toEqual(Option.some(1))
        // A document no version of the product writes (a hand edit, say).
        const { sql } = yield* Database.Db
        yield* Effect.orDie(
          sql`UPDATE subscriptions SET channels = '[{"_tag":"Pigeon"}]' WHERE tenant_id = ${tenant}`,
        )
        expect(yield* Run.deliverAll).toEqual({ sent: 0, failed: 1 })
        const key = AlertKey.make("sub-00000/notice-reminder/2025-10-01/7")
        const alert = yield* Effect.flatten((yield* Ports.AlertOutbox).get(tenant, key))
        const [d] = yield* (yield* Ports.DeliveryRepo).listForAlert(tenant, alert.id)
        expect([d?.status, d?.attempt]).toEqual(["pending", 1])
        expect(d?.lastError).toContain("the subscription's channels cannot be read")
        expect(d?.lastError).toContain("Pigeon")
        expect(hook.seen.get(key)).toBeUndefined()
      }).pipe(Effect.provide(layerFor(engine, {})), Effect.ensuring(Effect.promise(engine.cleanup)))
    },
  )
  it.effect(
    "writes in the tenant's own language and reminds at its own offsets, before the worker's configuration",
    () => {
      const engine = sqlite()
      const env = {
        WEBHOOK_SECRETS: `eta=${SECRET}`,
        WORKER_LOCALES: "eta=en",
        WORKER_REMINDER_OFFSETS: "eta=30/7",
      }
      return Effect.gen(function* () {
        const today = Calendar.unsafeMake("2026-09-01")
        yield* TestClock.setTime(day(today))
        const tenant = TenantId.make("eta")
        // The subscription states no offsets of its own (the product default).
        yield* seed("eta", 1, {
          today,
          deadlineIn: 7,
          offsets: [90, 60, 30, 7, 1],
          channels: [{ _tag: "Webhook", url: hook.url }],
        })
        yield* (yield* Ports.TenantRepo).update(tenant, { locale: "zh-CN", reminderOffsets: [7] })
        const run = yield* Run.runOnce
        // [7]: today's reminder only; the configuration's 30/7 would add the one of 23 days ago.
        expect(Option.map(run.decided, (d) => d.recorded)).toEqual(Option.some(1))
        expect(run.delivered).toEqual({ sent: 1, failed: 0 })
        const key = "sub-00000/notice-reminder/2025-11-01/7"
        expect(hook.seen.get(key)).toBe(1)
        expect(hook.bodies.find((b) => b.key === key)?.subject).toContain("通知截止日")
      }).pipe(
        Effect.provide(layerFor(engine, env)),
        Effect.ensuring(Effect.promise(engine.cleanup)),
      )
    },
  )
  for (const [i, engine] of (pg === undefined ? [sqlite()] : [sqlite(), pg]).entries()) {
    it.effect(
      `moves an alert decided for a channel its subscription lost meanwhile to the channel it has now (${engine.name})`,
      () => {
        const env = { WEBHOOK_SECRETS: `theta${i}=${SECRET}` }
        return Effect.gen(function* () {
          const today = Calendar.unsafeMake(`2026-10-0${i + 1}`)
          yield* TestClock.setTime(day(today))
          const tenant = TenantId.make(`theta${i}`)
          yield* seed(`theta${i}`, 1, {
            today,
            deadlineIn: 7,
            offsets: [7],
            channels: [{ _tag: "Webhook", url: "http://127.0.0.1:9/retired-hook" }],
          })
          expect(Option.map(yield* Run.decideAll, (d) => d.recorded)).toEqual(Option.some(1))
          // The subscription changed after the run read it and before it wrote the alert:
          // no unsent delivery existed then for the update to move.
          const { sql } = yield* Database.Db
          const channels = JSON.stringify([{ _tag: "Webhook", url: hook.url }])
          yield* Effect.orDie(
            sql.unsafe(
              `UPDATE subscriptions SET channels = '${channels}' WHERE tenant_id = '${tenant}'`,
            ),
          )
          expect(yield* Run.deliverAll).toEqual({ sent: 1, failed: 0 })
          const key = AlertKey.make(`sub-00000/notice-reminder/2025-12-0${i + 1}/7`)
          expect(hook.seen.get(key)).toBe(1)
          const alert = yield* Effect.flatten((yield* Ports.AlertOutbox).get(tenant, key))
          const deliveries = yield* Ports.DeliveryRepo
          const rows = yield* deliveries.listForAlert(tenant, alert.id)
          expect(rows.map((d) => [d.channel, d.status, d.attempt, d.lastError ?? null])).toEqual([
            [`webhook:${hook.url}`, "sent", 1, null],
            [
              "webhook:http://127.0.0.1:9/retired-hook",
              "dead",
              1,
              "channel removed from the subscription",
            ],
          ])
          expect(yield* Run.deliverAll).toEqual({ sent: 0, failed: 0 })
        }).pipe(
          Effect.provide(layerFor(engine, env)),
          Effect.ensuring(engine === pg ? Effect.void : Effect.promise(engine.cleanup)),
        )
      },
    )
  }
})
