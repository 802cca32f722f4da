/** The alert outbox in SQL: an alert and its deliveries are written together, once per key. */
import * as Ports from "@crm-cost/domain/Ports"
import * as Subscription from "@crm-cost/domain/Subscription"
import { DateTime, Effect, Layer, Schema } from "effect"
import * as Columns from "./Columns.js"
import { Db, orDie } from "./Database.js"
import { timeOrderedId } from "./DeliveryRepo.js"
import { ensureSubscription } from "./UsageRepo.js"

const decode = Schema.decodeUnknown(Subscription.Alert)

export const fromRow = (row: Record<string, unknown>) =>
  decode({
    id: Columns.text(row.id),
    key: Columns.text(row.alert_key),
    tenantId: Columns.text(row.tenant_id),
    subscriptionId: Columns.text(row.subscription_id),
    kind: Columns.text(row.kind),
    decidedAt: Columns.instant(row.decided_at),
    payload: Columns.json(row.payload),
  })

export const make = Effect.gen(function* () {
  const db = yield* Db
  const { sql, transaction, dialect } = db
  const write = Columns.writer(dialect)

  const record = (alert: Subscription.Alert, channels: ReadonlyArray<Subscription.AlertChannel>) =>
    transaction(
      Effect.gen(function* () {
        yield* ensureSubscription(alert.tenantId, alert.subscriptionId)
        const decidedAt = DateTime.formatIso(alert.decidedAt)
        const inserted = yield* sql`INSERT INTO alerts ${sql.insert({
          tenant_id: alert.tenantId,
          id: alert.id,
          alert_key: alert.key,
          subscription_id: alert.subscriptionId,
          kind: alert.kind,
          decided_at: decidedAt,
          payload: write.json(alert.payload),
        })} ON CONFLICT (tenant_id, alert_key) DO NOTHING RETURNING id`
        if (inserted.length === 0) return false
        yield* sql`INSERT INTO deliveries ${sql.insert(
          Subscription.deliveryChannelKeys(channels).map((channel) => ({
            tenant_id: alert.tenantId,
            id: timeOrderedId(),
            alert_id: alert.id,
            channel,
            attempt: 0,
            status: "pending",
            next_attempt_at: decidedAt,
            last_error: null,
            updated_at: decidedAt,
          })),
        )}`
        return true
      }),
    ).pipe(Effect.provideService(Db, db), orDie, Effect.withSpan("AlertOutbox.record"))

  const get = (tenantId: Subscription.TenantId, key: Subscription.AlertKey) =>
    sql`SELECT * FROM alerts WHERE tenant_id = ${tenantId} AND alert_key = ${key}`.pipe(
      Effect.flatMap((rows) =>
        rows[0] === undefined ? Effect.succeedNone : Effect.asSome(fromRow(rows[0])),
      ),
      orDie,
      Effect.withSpan("AlertOutbox.get"),
    )

  const list = (tenantId: Subscription.TenantId, subscriptionId: Subscription.SubscriptionId) =>
    sql`SELECT * FROM alerts WHERE tenant_id = ${tenantId} AND subscription_id = ${subscriptionId}
      ORDER BY decided_at, id`.pipe(
      Effect.flatMap((rows) => Effect.forEach(rows, fromRow)),
      orDie,
      Effect.withSpan("AlertOutbox.list"),
    )

  return Ports.AlertOutbox.of({ record, get, list })
})

export const layer = Layer.effect(Ports.AlertOutbox, make)
