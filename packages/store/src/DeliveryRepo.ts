/** Deliveries of outbox alerts to channels, leased to one worker at a time, and their attempts. */
import * as Ports from "@crm-cost/domain/Ports"
import * as Subscription from "@crm-cost/domain/Subscription"
import { DateTime, Effect, Either, Layer, Option, Schema } from "effect"
import * as Columns from "./Columns.js"
import { Db, orDie } from "./Database.js"

const decode = Schema.decodeUnknown(Ports.Delivery)
/**
 * A subscription's channels document, decoded by the domain's schema once per
 * distinct text (see `Columns.document`): where its deliveries go.
 */
export const channelsOf = Columns.document("channels", Schema.Array(Subscription.AlertChannel))

let lastMs = 0
let sequence = 0
/**
 * A delivery id: a UUID version 7 (RFC 9562), milliseconds first, then a
 * counter within the millisecond, then random bits. Deliveries written in a
 * run sort after the ones before, so their primary key grows at its end
 * instead of everywhere.
 */
export const timeOrderedId = (): string => {
  const now = Date.now()
  if (now > lastMs) {
    lastMs = now
    sequence = 0
  } else if (++sequence > 0xfff) {
    lastMs++
    sequence = 0
  }
  const ms = lastMs.toString(16).padStart(12, "0")
  const random = crypto.randomUUID()
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${sequence.toString(16).padStart(3, "0")}-${random.slice(19)}`
}

/** Why a delivery was given up without an attempt: its channel left the subscription. */
export const channelRemoved = "channel removed from the subscription"

/**
 * Gives each of `alertIds` a pending delivery on each channel of `keys`,
 * unless it has one there; one given up because its channel was removed
 * (`channelRemoved`) is pending again, not before the lease it may still be
 * under (a send in flight is not doubled), in the caller's transaction.
 */
const deliverOn = (
  tenantId: Subscription.TenantId,
  alertIds: ReadonlyArray<string>,
  keys: ReadonlyArray<string>,
  now: string,
) =>
  Effect.flatMap(Db, ({ sql }) =>
    alertIds.length === 0
      ? Effect.void
      : sql`INSERT INTO deliveries ${sql.insert(
          alertIds.flatMap((alertId) =>
            keys.map((channel) => ({
              tenant_id: tenantId,
              id: timeOrderedId(),
              alert_id: alertId,
              channel,
              attempt: 0,
              status: "pending",
              next_attempt_at: now,
              last_error: null,
              updated_at: now,
            })),
          ),
        )}
        ON CONFLICT (tenant_id, alert_id, channel) DO UPDATE
          SET status = 'pending', last_error = NULL, updated_at = ${now},
            next_attempt_at = CASE WHEN deliveries.next_attempt_at > excluded.next_attempt_at
              THEN deliveries.next_attempt_at ELSE excluded.next_attempt_at END
          WHERE deliveries.status = 'dead' AND deliveries.last_error = ${channelRemoved}`.pipe(
          Effect.asVoid,
        ),
  )

/**
 * Sends a subscription's unsent alerts to the channels it has now (keys of
 * `Subscription.deliveryChannelKeys`), in the caller's transaction: for each
 * alert with a delivery still pending or claimed, a delivery on a channel the
 * subscription no longer has is given up (dead, `channelRemoved`) and each
 * channel it has gets one (`deliverOn`). An alert sent everywhere, or given up
 * after its retries, is left alone. Returns how many alerts were unsent.
 */
export const followChannels = (
  tenantId: Subscription.TenantId,
  subscriptionId: Subscription.SubscriptionId,
  keys: ReadonlyArray<string>,
  now: string,
) =>
  Effect.gen(function* () {
    const { sql } = yield* Db
    const ofSubscription = sql`alert_id IN (SELECT id FROM alerts
      WHERE tenant_id = ${tenantId} AND subscription_id = ${subscriptionId})`
    const unsent = yield* sql`SELECT DISTINCT alert_id FROM deliveries
      WHERE tenant_id = ${tenantId} AND status IN ('pending', 'sending') AND ${ofSubscription}`
    const alertIds = unsent.map((r) => Columns.text(r.alert_id))
    if (alertIds.length === 0) return 0
    yield* sql`UPDATE deliveries
      SET status = 'dead', last_error = ${channelRemoved}, updated_at = ${now}
      WHERE tenant_id = ${tenantId} AND status IN ('pending', 'sending')
        AND NOT ${sql.in("channel", [...keys])} AND ${ofSubscription}`
    yield* deliverOn(tenantId, alertIds, keys, now)
    return alertIds.length
  })

export const fromRow = (row: Record<string, unknown>) =>
  decode({
    id: Columns.text(row.id),
    tenantId: Columns.text(row.tenant_id),
    alertId: Columns.text(row.alert_id),
    channel: Columns.text(row.channel),
    attempt: Columns.int(row.attempt),
    status: Columns.text(row.status),
    nextAttemptAt: Columns.instant(row.next_attempt_at),
    ...(row.last_error === null || row.last_error === undefined
      ? {}
      : { lastError: Columns.text(row.last_error) }),
  })

const decodeAttempt = Schema.decodeUnknown(Ports.DeliveryAttempt)

const isNull = (v: unknown): v is null | undefined => v === null || v === undefined

export const attemptFromRow = (row: Record<string, unknown>) =>
  decodeAttempt({
    tenantId: Columns.text(row.tenant_id),
    deliveryId: Columns.text(row.delivery_id),
    attempt: Columns.int(row.attempt),
    ...(isNull(row.claimed_at) ? {} : { claimedAt: Columns.instant(row.claimed_at) }),
    finishedAt: Columns.instant(row.finished_at),
    outcome: Columns.text(row.outcome),
    ...(isNull(row.error) ? {} : { error: Columns.text(row.error) }),
    ...(isNull(row.retry_at) ? {} : { retryAt: Columns.instant(row.retry_at) }),
  })

export const make = Effect.gen(function* () {
  const db = yield* Db
  const { sql, transaction, dialect } = db
  const nowIso = Effect.map(DateTime.now, DateTime.formatIso)

  const claimDue = (
    tenantId: Subscription.TenantId,
    options: { readonly now: Date; readonly leaseUntil: Date; readonly limit: number },
  ) => {
    const now = options.now.toISOString()
    // PostgreSQL: copies of the worker skip rows another copy is claiming.
    // SQLite: the write transaction already admits one claimer at a time.
    const lock = dialect === "pg" ? sql.literal("FOR UPDATE SKIP LOCKED") : sql.literal("")
    return transaction(
      sql`UPDATE deliveries
        SET status = 'sending', attempt = attempt + 1,
            next_attempt_at = ${options.leaseUntil.toISOString()}, updated_at = ${now}
        WHERE tenant_id = ${tenantId} AND id IN (
          SELECT id FROM deliveries
          WHERE tenant_id = ${tenantId} AND status IN ('pending', 'sending')
            AND next_attempt_at <= ${now}
          ORDER BY next_attempt_at, id
          LIMIT ${options.limit} ${lock}
        )
        RETURNING *`,
    ).pipe(
      Effect.flatMap((rows) => Effect.forEach(rows, fromRow)),
      Effect.map((ds) => [...ds].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))),
      orDie,
      Effect.withSpan("DeliveryRepo.claimDue"),
    )
  }

  const notFound = (tenantId: Subscription.TenantId, deliveryId: Ports.DeliveryId) =>
    new Ports.DeliveryNotFound({ tenantId, deliveryId })

  /**
   * Where the delivery stands, its row locked until the transaction ends on
   * PostgreSQL (SQLite's write transaction already holds the lock), so the
   * attempt kept and the update agree with it. Fails when the delivery is gone.
   * `claimedAt` is when claim `attempt` took the delivery, while that claim
   * still holds it (a claimed row's `updated_at`); once claimed again, that
   * instant is gone.
   */
  const lockDelivery = (tenantId: Subscription.TenantId, id: Ports.DeliveryId, attempt: number) => {
    const lock = dialect === "pg" ? sql.literal("FOR UPDATE") : sql.literal("")
    return sql`SELECT status, attempt, updated_at FROM deliveries
      WHERE tenant_id = ${tenantId} AND id = ${id} ${lock}`.pipe(
      Effect.flatMap(([row]) => {
        if (row === undefined) return Effect.fail(notFound(tenantId, id))
        const status = Columns.text(row.status)
        const held = status === "sending" && Columns.int(row.attempt) === attempt
        return Effect.succeed({
          status,
          held,
          claimedAt: held ? Columns.instant(row.updated_at) : null,
        })
      }),
    )
  }

  /** Keeps an attempt; one already kept under its number stays as first written. */
  const keepAttempt = (
    tenantId: Subscription.TenantId,
    id: Ports.DeliveryId,
    attempt: {
      readonly attempt: number
      readonly claimedAt: string | null
      readonly finishedAt: string
      readonly outcome: Ports.DeliveryOutcome
      readonly error: string | null
      readonly retryAt: string | null
    },
  ) =>
    sql`INSERT INTO delivery_attempts
        (tenant_id, delivery_id, attempt, claimed_at, finished_at, outcome, error, retry_at)
      VALUES (${tenantId}, ${id}, ${attempt.attempt}, ${attempt.claimedAt}, ${attempt.finishedAt},
        ${attempt.outcome}, ${attempt.error}, ${attempt.retryAt})
      ON CONFLICT (tenant_id, delivery_id, attempt) DO NOTHING`

  /**
   * Ends attempt `attempt` now with `outcome`: locks the delivery and keeps
   * the attempt (a retry instant only when this claim holds the delivery).
   * Returns where the delivery stands, and now.
   */
  const endAttempt = (
    tenantId: Subscription.TenantId,
    id: Ports.DeliveryId,
    attempt: number,
    outcome: Ports.DeliveryOutcome,
    error: string | null,
    retryAt: string | null = null,
  ) =>
    Effect.gen(function* () {
      const row = yield* lockDelivery(tenantId, id, attempt)
      const now = yield* nowIso
      yield* keepAttempt(tenantId, id, {
        attempt,
        claimedAt: row.claimedAt,
        finishedAt: now,
        outcome,
        error,
        retryAt: row.held ? retryAt : null,
      })
      return { status: row.status, held: row.held, now }
    })

  // A late success still sends the delivery, whichever claim holds it now and
  // even when it was given up (dead): the message went out, and sending it
  // again would repeat it.
  const markSent = (tenantId: Subscription.TenantId, id: Ports.DeliveryId, attempt: number) =>
    transaction(
      Effect.gen(function* () {
        const { status, now } = yield* endAttempt(tenantId, id, attempt, "sent", null)
        if (status === "sent") return
        yield* sql`UPDATE deliveries
          SET status = 'sent', last_error = NULL, updated_at = ${now}
          WHERE tenant_id = ${tenantId} AND id = ${id}`
      }),
    ).pipe(orDie, Effect.withSpan("DeliveryRepo.markSent"))

  // Only the claim that holds the delivery decides its state on a failure. A
  // worker whose lease ran out and was claimed again keeps its attempt only,
  // with no retry: it scheduled none.
  const markFailed = (
    tenantId: Subscription.TenantId,
    id: Ports.DeliveryId,
    attempt: number,
    failure: { readonly error: string; readonly retryAt: Option.Option<Date> },
  ) =>
    transaction(
      Effect.gen(function* () {
        const retryAt = Option.map(failure.retryAt, (d) => d.toISOString())
        const { held, now } = yield* endAttempt(
          tenantId,
          id,
          attempt,
          "failed",
          failure.error,
          Option.getOrNull(retryAt),
        )
        if (!held) return
        yield* sql`UPDATE deliveries
          SET status = ${Option.isSome(retryAt) ? "pending" : "dead"}, last_error = ${failure.error},
              next_attempt_at = ${Option.getOrElse(retryAt, () => now)}, updated_at = ${now}
          WHERE tenant_id = ${tenantId} AND id = ${id}`
      }),
    ).pipe(orDie, Effect.withSpan("DeliveryRepo.markFailed"))

  // The attempt found the channel gone from what the worker read. The channels are read
  // again here, the subscription's row first (PostgreSQL: shared lock, the order an update
  // of the subscription takes its rows in), so a change committing meanwhile is seen.
  const redirect = (tenantId: Subscription.TenantId, id: Ports.DeliveryId, attempt: number) =>
    transaction(
      Effect.gen(function* () {
        const lockSubscription = dialect === "pg" ? sql.literal("FOR SHARE OF s") : sql.literal("")
        const [current] = yield* sql`SELECT d.channel, d.alert_id, s.channels FROM deliveries d
          JOIN alerts a ON a.tenant_id = d.tenant_id AND a.id = d.alert_id
          JOIN subscriptions s ON s.tenant_id = a.tenant_id AND s.id = a.subscription_id
          WHERE d.tenant_id = ${tenantId} AND d.id = ${id} ${lockSubscription}`
        const { held, now } = yield* endAttempt(tenantId, id, attempt, "failed", channelRemoved)
        if (current === undefined || !held) return "stale" as const
        const channels = channelsOf(current.channels)
        const keys = Either.isRight(channels)
          ? Subscription.deliveryChannelKeys(channels.right)
          : undefined
        // Unreadable channels, or the channel is back: the delivery is due again as it is.
        if (keys === undefined || keys.includes(Columns.text(current.channel))) {
          yield* sql`UPDATE deliveries SET status = 'pending', next_attempt_at = ${now},
              updated_at = ${now}
            WHERE tenant_id = ${tenantId} AND id = ${id}`
          return "kept" as const
        }
        yield* sql`UPDATE deliveries
          SET status = 'dead', last_error = ${channelRemoved}, updated_at = ${now}
          WHERE tenant_id = ${tenantId} AND id = ${id}`
        yield* deliverOn(tenantId, [Columns.text(current.alert_id)], keys, now)
        return "moved" as const
      }),
    ).pipe(Effect.provideService(Db, db), orDie, Effect.withSpan("DeliveryRepo.redirect"))

  const listForAlert = (tenantId: Subscription.TenantId, alertId: Subscription.AlertId) =>
    sql`SELECT * FROM deliveries WHERE tenant_id = ${tenantId} AND alert_id = ${alertId}
      ORDER BY channel`.pipe(
      Effect.flatMap((rows) => Effect.forEach(rows, fromRow)),
      orDie,
      Effect.withSpan("DeliveryRepo.listForAlert"),
    )

  const listAttempts = (tenantId: Subscription.TenantId, deliveryId: Ports.DeliveryId) =>
    sql`SELECT * FROM delivery_attempts
      WHERE tenant_id = ${tenantId} AND delivery_id = ${deliveryId}
      ORDER BY attempt`.pipe(
      Effect.flatMap((rows) => Effect.forEach(rows, attemptFromRow)),
      orDie,
      Effect.withSpan("DeliveryRepo.listAttempts"),
    )

  return Ports.DeliveryRepo.of({
    claimDue,
    markSent,
    markFailed,
    redirect,
    listForAlert,
    listAttempts,
  })
})

export const layer = Layer.effect(Ports.DeliveryRepo, make)
