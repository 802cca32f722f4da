/**
 * One run of the worker: decide every alert due as of now and write it to
 * the outbox in the transaction that decides it, then deliver what the
 * outbox holds, with retries and exponential backoff.
 */
import { createHash } from "node:crypto"
import * as Alerts from "@crm-cost/domain/Alerts"
import * as Messages from "@crm-cost/domain/Messages"
import * as Ports from "@crm-cost/domain/Ports"
import type * as Renewal from "@crm-cost/domain/Renewal"
import * as Subscription from "@crm-cost/domain/Subscription"
import type * as WS from "@crm-cost/store/WorkerStore"
import { WorkerStore } from "@crm-cost/store/WorkerStore"
import { Clock, Data, Duration, Effect, Either, Fiber, Option } from "effect"
import { Channels, DeliveryFailed, type Outgoing } from "./Channels.js"
import { WorkerConfig } from "./WorkerConfig.js"

/**
 * A deterministic alert id: the same key always gets the same row id. It
 * starts with the subscription id, so a run, which decides subscriptions in
 * id order, appends to the outbox's indexes instead of writing all over them;
 * a subscription id too long to leave room for the hash gets the hash alone.
 */
export const alertId = (
  tenantId: string,
  subscriptionId: string,
  key: string,
): Subscription.AlertId => {
  const hash = createHash("sha256").update(`${tenantId}\n${key}`).digest("hex")
  return Subscription.AlertId.make(
    subscriptionId.length <= 100 ? `${subscriptionId}.${hash.slice(0, 24)}` : hash.slice(0, 40),
    true,
  )
}

export interface DecideSummary {
  readonly subscriptions: number
  readonly decided: number
  readonly recorded: number
  readonly renewed: number
}

// Channel lists are shared per distinct stored document: their keys are worked out once.
const channelKeys = new WeakMap<ReadonlyArray<Subscription.AlertChannel>, ReadonlyArray<string>>()
const channelsOf = (channels: ReadonlyArray<Subscription.AlertChannel>): ReadonlyArray<string> => {
  let keys = channelKeys.get(channels)
  if (keys === undefined) {
    keys = Subscription.deliveryChannelKeys(channels)
    channelKeys.set(channels, keys)
  }
  return keys
}

/**
 * Decides one tenant's alerts a page at a time; each page commits with its
 * alerts. Reminder offsets: a subscription's own, else the tenant's setting,
 * else the worker's configuration for the tenant, else the product default.
 */
export const decideTenant = (tenant: Subscription.Tenant, now: Date) =>
  Effect.gen(function* () {
    const store = yield* WorkerStore
    const config = yield* WorkerConfig
    const tenantId = tenant.id
    const tenantOffsets =
      tenant.reminderOffsets ??
      config.reminderOffsets.get(tenantId) ??
      config.reminderOffsets.get("*")
    const options: Alerts.DecideOptions = {
      now,
      catchUpDays: config.catchUpDays,
      ...(tenantOffsets === undefined ? {} : { tenantOffsets }),
    }
    const snapshotsSince = new Date(now.getTime() - Duration.toMillis(config.snapshotHorizon))
    const total = { subscriptions: 0, decided: 0, recorded: 0, renewed: 0 }
    const scan = (after: Option.Option<string>) =>
      store.scanPage(tenantId, { after, limit: config.pageSize, snapshotsSince })
    // A page is read before its transaction, which only decides and writes. On
    // PostgreSQL the next page is read on another connection meanwhile, so the server
    // reads while this process decides; SQLite reads in-process, one thing at a time.
    const prefetch = store.dialect === "pg"
    let next: Fiber.Fiber<ReadonlyArray<WS.Scanned>> | undefined
    let after = Option.none<string>()
    for (;;) {
      const scanned = next === undefined ? yield* scan(after) : yield* Fiber.join(next)
      const last = scanned[scanned.length - 1]
      const more = last !== undefined && scanned.length >= config.pageSize
      if (more) after = Option.some(last.subscription.id)
      // Scoped to this tenant's run: a page that fails takes its prefetch down with it.
      next = more && prefetch ? yield* Effect.forkScoped(scan(after)) : undefined
      const page = yield* store.transaction(
        Effect.gen(function* () {
          const due: Array<readonly [Renewal.Contract, Alerts.DecidedAlert]> = []
          const rolls: Array<readonly [Renewal.Contract, Subscription.Subscription]> = []
          for (const { subscription, snapshots } of scanned) {
            const decision = Alerts.decide(subscription, snapshots, options)
            for (const a of decision.alerts) due.push([subscription, a])
            if (decision.renewed !== undefined) rolls.push([subscription, decision.renewed])
          }
          // Most alerts due were decided by an earlier run: one look-up for the page skips them.
          const known =
            due.length === 0
              ? new Set<string>()
              : yield* store.knownKeys(
                  tenantId,
                  due.map(([, a]) => a.key),
                )
          const entries: Array<WS.OutboxEntry> = []
          for (const [subscription, a] of due) {
            if (known.has(a.key)) continue
            entries.push({
              id: alertId(tenantId, subscription.id, a.key),
              key: a.key,
              tenantId,
              subscriptionId: subscription.id,
              kind: a.kind,
              decidedAt: now,
              payload: a.facts,
              channels: channelsOf(subscription.channels),
            })
          }
          const recorded = yield* store.recordAll(entries)
          let renewed = 0
          for (const [previous, rolled] of rolls) {
            if (yield* store.saveRoll(previous, rolled)) renewed++
          }
          return { decided: due.length, recorded, renewed }
        }),
      )
      total.subscriptions += scanned.length
      total.decided += page.decided
      total.recorded += page.recorded
      total.renewed += page.renewed
      if (!more) break
    }
    return total satisfies DecideSummary
  }).pipe(
    Effect.scoped,
    Effect.withSpan("Worker.decideTenant", { attributes: { tenantId: tenant.id } }),
  )

/**
 * Decides every tenant's alerts as of now, unless another worker is deciding
 * (PostgreSQL); none when this worker stood aside.
 */
export const decideAll = Effect.gen(function* () {
  const store = yield* WorkerStore
  const tenants = yield* Ports.TenantRepo
  const now = new Date(yield* Clock.currentTimeMillis)
  return yield* store.exclusiveRun(
    Effect.gen(function* () {
      const total = { subscriptions: 0, decided: 0, recorded: 0, renewed: 0 }
      for (const tenant of yield* tenants.list) {
        const s = yield* decideTenant(tenant, now)
        total.subscriptions += s.subscriptions
        total.decided += s.decided
        total.recorded += s.recorded
        total.renewed += s.renewed
      }
      yield* Effect.logInfo(
        `decided: ${total.subscriptions} subscriptions, ${total.recorded} new alerts (${total.decided} due), ${total.renewed} auto-renewed`,
      )
      return total satisfies DecideSummary
    }),
  )
}).pipe(Effect.withSpan("Worker.decideAll"))

/** The delay before retry `attempt + 1`: base × 2^(attempt − 1), capped. */
export const backoff = (
  attempt: number,
  base: Duration.Duration,
  max: Duration.Duration,
): Duration.Duration =>
  Duration.min(Duration.times(base, 2 ** Math.max(0, Math.min(attempt - 1, 30))), max)

export interface DeliverSummary {
  readonly sent: number
  readonly failed: number
}

/** A claimed delivery names a channel its subscription no longer has. */
class ChannelRemoved extends Data.TaggedError("ChannelRemoved") {}

/**
 * Sends one tenant's due deliveries, a claimed batch at a time, until none is
 * due, in the tenant's language: its setting, else the worker's configuration.
 */
export const deliverTenant = (tenant: Subscription.Tenant) =>
  Effect.gen(function* () {
    const tenantId = tenant.id
    const config = yield* WorkerConfig
    const deliveries = yield* Ports.DeliveryRepo
    const store = yield* WorkerStore
    const channels = yield* Channels
    const locale = tenant.locale ?? config.locales.get(tenantId) ?? config.defaultLocale
    const total = { sent: 0, failed: 0 }
    for (;;) {
      const nowMs = yield* Clock.currentTimeMillis
      const claimed = yield* deliveries.claimDue(tenantId, {
        now: new Date(nowMs),
        leaseUntil: new Date(nowMs + Duration.toMillis(config.lease)),
        limit: config.deliveryBatch,
      })
      if (claimed.length === 0) break
      const alerts = yield* store.alertsByIds(
        tenantId,
        claimed.map((d) => d.alertId),
      )
      yield* Effect.forEach(
        claimed,
        (delivery) =>
          Effect.gen(function* () {
            const alert = alerts.get(delivery.alertId)
            const attempt = Effect.gen(function* () {
              if (alert === undefined) {
                return yield* new DeliveryFailed({
                  channel: delivery.channel,
                  reason: "alert is gone",
                })
              }
              if (Either.isLeft(alert.channels)) {
                return yield* new DeliveryFailed({
                  channel: delivery.channel,
                  reason: `the subscription's channels cannot be read: ${alert.channels.left}`,
                })
              }
              // Changing a subscription's channels moves its unsent deliveries to the new
              // ones (SubscriptionRepo.update). One written or claimed meanwhile (the run
              // read the subscription before the change) is not sent to an address the
              // subscription no longer has: it is moved to the channels it has now.
              const channel = Subscription.channelOfKey(alert.channels.right, delivery.channel)
              if (channel === undefined) return yield* new ChannelRemoved()
              const facts = yield* Alerts.decodeFacts(alert.payload).pipe(
                Effect.mapError(
                  (e) => new DeliveryFailed({ channel: delivery.channel, reason: e.message }),
                ),
              )
              const { subject, body } = Alerts.messages(facts)
              const outgoing: Outgoing = {
                tenantId,
                key: alert.key,
                alertId: alert.id,
                kind: alert.kind,
                subscriptionId: alert.subscriptionId,
                decidedAt: alert.decidedAt,
                attempt: delivery.attempt,
                locale,
                subject: Messages.render(subject, locale),
                text: Messages.render(body, locale),
                facts: alert.payload,
              }
              yield* channels.send(channel, outgoing)
            })
            // Removing a subscription removes its deliveries, claimed ones too: the
            // outcome of an attempt at one is reported, not kept, and the run goes on.
            const unlessGone =
              (outcome: string) => (mark: Effect.Effect<void, Ports.DeliveryNotFound>) =>
                Effect.catchTag(mark, "DeliveryNotFound", () =>
                  Effect.logInfo(
                    `delivery ${delivery.id} of ${alert?.key ?? delivery.alertId} is gone (its subscription was removed): attempt ${delivery.attempt} ${outcome}, not kept`,
                  ),
                )
            yield* attempt.pipe(
              Effect.matchEffect({
                onSuccess: () =>
                  Effect.zipRight(
                    deliveries
                      .markSent(tenantId, delivery.id, delivery.attempt)
                      .pipe(unlessGone("sent")),
                    Effect.sync(() => {
                      total.sent++
                    }),
                  ),
                onFailure: (error) =>
                  error._tag === "ChannelRemoved"
                    ? deliveries.redirect(tenantId, delivery.id, delivery.attempt).pipe(
                        Effect.flatMap((outcome) =>
                          Effect.logInfo(
                            `delivery ${delivery.id} of ${alert?.key ?? delivery.alertId}: the subscription no longer had ${delivery.channel}; ${
                              outcome === "moved"
                                ? "moved to the channels it has now"
                                : outcome === "kept"
                                  ? "it is back (or unreadable): due again"
                                  : "another claim holds it"
                            }`,
                          ),
                        ),
                        unlessGone("moved"),
                      )
                    : Effect.gen(function* () {
                        total.failed++
                        const now = yield* Clock.currentTimeMillis
                        const retryAt =
                          delivery.attempt >= config.maxAttempts
                            ? Option.none<Date>()
                            : Option.some(
                                new Date(
                                  now +
                                    Duration.toMillis(
                                      backoff(delivery.attempt, config.retryBase, config.retryMax),
                                    ),
                                ),
                              )
                        yield* Effect.logWarning(
                          `delivery ${delivery.id} of ${alert?.key ?? delivery.alertId} failed (attempt ${delivery.attempt}): ${error.message}; ${Option.match(
                            retryAt,
                            {
                              onNone: () => "giving up",
                              onSome: (d) => `retry at ${d.toISOString()}`,
                            },
                          )}`,
                        )
                        yield* deliveries
                          .markFailed(tenantId, delivery.id, delivery.attempt, {
                            error: error.message,
                            retryAt,
                          })
                          .pipe(unlessGone("failed"))
                      }),
              }),
            )
          }),
        { concurrency: config.deliveryConcurrency, discard: true },
      )
    }
    return total satisfies DeliverSummary
  }).pipe(Effect.withSpan("Worker.deliverTenant", { attributes: { tenantId: tenant.id } }))

/** Delivers every tenant's due deliveries. Copies of the worker claim disjoint rows. */
export const deliverAll = Effect.gen(function* () {
  const tenants = yield* Ports.TenantRepo
  const total = { sent: 0, failed: 0 }
  for (const tenant of yield* tenants.list) {
    const s = yield* deliverTenant(tenant)
    total.sent += s.sent
    total.failed += s.failed
  }
  if (total.sent + total.failed > 0) {
    yield* Effect.logInfo(`delivered: ${total.sent} sent, ${total.failed} failed attempts`)
  }
  return total satisfies DeliverSummary
}).pipe(Effect.withSpan("Worker.deliverAll"))

/** One full run: decide, then deliver. */
export const runOnce = Effect.gen(function* () {
  const decided = yield* decideAll
  const delivered = yield* deliverAll
  return { decided, delivered }
})
