/** Deliveries of outbox alerts to channels, leased to one worker at a time, and their attempts. */
import * as Ports from "@crm-cost/domain/Ports"
import type * as Subscription from "@crm-cost/domain/Subscription"
import { DateTime, Effect, Layer, Option, Schema } from "effect"
import * as Columns from "./Columns.js"
import { Db, orDie } from "./Database.js"

const decode = Schema.decodeUnknown(Ports.Delivery)

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
  const { sql, transaction, dialect } = yield* Db
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
   * Keeps the attempt the delivery row counts, with its outcome, before the
   * row changes: a claimed row's `updated_at` is when it was claimed. The
   * row is locked first on PostgreSQL (SQLite's write transaction already
   * is). An attempt already kept under that number (a worker whose lease
   * ran out, racing the one that claimed it next) stays as first written.
   */
  const keepAttempt = (
    tenantId: Subscription.TenantId,
    id: Ports.DeliveryId,
    attempt: {
      readonly finishedAt: string
      readonly outcome: Ports.DeliveryOutcome
      readonly error: string | null
      readonly retryAt: string | null
      readonly unlessSent: boolean
    },
  ) => {
    const lock = dialect === "pg" ? sql.literal("FOR UPDATE") : sql.literal("")
    const unlessSent = attempt.unlessSent ? sql`AND status <> 'sent'` : sql``
    return sql`INSERT INTO delivery_attempts
        (tenant_id, delivery_id, attempt, claimed_at, finished_at, outcome, error, retry_at)
      SELECT tenant_id, id, attempt, CASE WHEN status = 'sending' THEN updated_at END,
        ${attempt.finishedAt}, ${attempt.outcome}, ${attempt.error}, ${attempt.retryAt}
      FROM deliveries
      WHERE tenant_id = ${tenantId} AND id = ${id} ${unlessSent} ${lock}
      ON CONFLICT (tenant_id, delivery_id, attempt) DO NOTHING`
  }

  const markSent = (tenantId: Subscription.TenantId, id: Ports.DeliveryId) =>
    transaction(
      Effect.gen(function* () {
        const now = yield* nowIso
        yield* keepAttempt(tenantId, id, {
          finishedAt: now,
          outcome: "sent",
          error: null,
          retryAt: null,
          unlessSent: false,
        })
        const rows = yield* sql`UPDATE deliveries
          SET status = 'sent', last_error = NULL, updated_at = ${now}
          WHERE tenant_id = ${tenantId} AND id = ${id} RETURNING id`
        if (rows.length === 0) return yield* notFound(tenantId, id)
      }),
    ).pipe(orDie, Effect.withSpan("DeliveryRepo.markSent"))

  const markFailed = (
    tenantId: Subscription.TenantId,
    id: Ports.DeliveryId,
    failure: { readonly error: string; readonly retryAt: Option.Option<Date> },
  ) =>
    transaction(
      Effect.gen(function* () {
        const now = yield* nowIso
        const retryAt = Option.map(failure.retryAt, (d) => d.toISOString())
        const status = Option.isSome(retryAt) ? "pending" : "dead"
        yield* keepAttempt(tenantId, id, {
          finishedAt: now,
          outcome: "failed",
          error: failure.error,
          retryAt: Option.getOrNull(retryAt),
          unlessSent: true,
        })
        const rows = yield* sql`UPDATE deliveries
          SET status = ${status}, last_error = ${failure.error},
              next_attempt_at = ${Option.getOrElse(retryAt, () => now)}, updated_at = ${now}
          WHERE tenant_id = ${tenantId} AND id = ${id} AND status <> 'sent' RETURNING id`
        if (rows.length === 0) return yield* notFound(tenantId, id)
      }),
    ).pipe(orDie, Effect.withSpan("DeliveryRepo.markFailed"))

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

  return Ports.DeliveryRepo.of({ claimDue, markSent, markFailed, listForAlert, listAttempts })
})

export const layer = Layer.effect(Ports.DeliveryRepo, make)
