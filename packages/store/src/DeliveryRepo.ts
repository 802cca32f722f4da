/** Deliveries of outbox alerts to channels, leased to one worker at a time. */
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

  const markSent = (tenantId: Subscription.TenantId, id: Ports.DeliveryId) =>
    Effect.gen(function* () {
      const now = yield* nowIso
      const rows = yield* sql`UPDATE deliveries
        SET status = 'sent', last_error = NULL, updated_at = ${now}
        WHERE tenant_id = ${tenantId} AND id = ${id} RETURNING id`
      if (rows.length === 0) return yield* notFound(tenantId, id)
    }).pipe(orDie, Effect.withSpan("DeliveryRepo.markSent"))

  const markFailed = (
    tenantId: Subscription.TenantId,
    id: Ports.DeliveryId,
    failure: { readonly error: string; readonly retryAt: Option.Option<Date> },
  ) =>
    Effect.gen(function* () {
      const now = yield* nowIso
      const status = Option.isSome(failure.retryAt) ? "pending" : "dead"
      const next = Option.match(failure.retryAt, {
        onNone: () => now,
        onSome: (d) => d.toISOString(),
      })
      const rows = yield* sql`UPDATE deliveries
        SET status = ${status}, last_error = ${failure.error},
            next_attempt_at = ${next}, updated_at = ${now}
        WHERE tenant_id = ${tenantId} AND id = ${id} AND status <> 'sent' RETURNING id`
      if (rows.length === 0) return yield* notFound(tenantId, id)
    }).pipe(orDie, Effect.withSpan("DeliveryRepo.markFailed"))

  const listForAlert = (tenantId: Subscription.TenantId, alertId: Subscription.AlertId) =>
    sql`SELECT * FROM deliveries WHERE tenant_id = ${tenantId} AND alert_id = ${alertId}
      ORDER BY channel`.pipe(
      Effect.flatMap((rows) => Effect.forEach(rows, fromRow)),
      orDie,
      Effect.withSpan("DeliveryRepo.listForAlert"),
    )

  return Ports.DeliveryRepo.of({ claimDue, markSent, markFailed, listForAlert })
})

export const layer = Layer.effect(Ports.DeliveryRepo, make)
