/** Usage snapshots in SQL. */
import * as Ports from "@crm-cost/domain/Ports"
import * as Subscription from "@crm-cost/domain/Subscription"
import { DateTime, Effect, Layer, Schema } from "effect"
import * as Columns from "./Columns.js"
import { Db, orDie } from "./Database.js"

const decode = Schema.decodeUnknown(Subscription.UsageSnapshot)
const encode = Schema.encode(Subscription.UsageSnapshot)

export const fromRow = (row: Record<string, unknown>) =>
  decode({
    id: Columns.text(row.id),
    tenantId: Columns.text(row.tenant_id),
    subscriptionId: Columns.text(row.subscription_id),
    takenAt: Columns.instant(row.taken_at),
    seatsAssigned: Columns.int(row.seats_assigned),
    metrics: Columns.json(row.metrics),
  })

/** Fails with SubscriptionNotFound unless the tenant holds the subscription. */
export const ensureSubscription = (
  tenantId: Subscription.TenantId,
  subscriptionId: Subscription.SubscriptionId,
) =>
  Effect.flatMap(Db, ({ sql }) =>
    Effect.flatMap(
      sql`SELECT id FROM subscriptions WHERE tenant_id = ${tenantId} AND id = ${subscriptionId}`,
      (rows) =>
        rows.length === 0
          ? Effect.fail(new Subscription.SubscriptionNotFound({ tenantId, subscriptionId }))
          : Effect.void,
    ),
  )

export const make = Effect.gen(function* () {
  const db = yield* Db
  const { sql, transaction, dialect } = db
  const write = Columns.writer(dialect)

  const record = (snapshot: Subscription.UsageSnapshot) =>
    transaction(
      Effect.gen(function* () {
        yield* ensureSubscription(snapshot.tenantId, snapshot.subscriptionId)
        const w = yield* encode(snapshot)
        yield* sql`INSERT INTO usage_snapshots ${sql.insert({
          tenant_id: w.tenantId,
          id: w.id,
          subscription_id: w.subscriptionId,
          taken_at: DateTime.formatIso(snapshot.takenAt),
          seats_assigned: w.seatsAssigned,
          metrics: write.json(w.metrics ?? {}),
        })}`
      }),
    ).pipe(Effect.provideService(Db, db), orDie, Effect.withSpan("UsageRepo.record"))

  const list = (tenantId: Subscription.TenantId, subscriptionId: Subscription.SubscriptionId) =>
    sql`SELECT * FROM usage_snapshots
      WHERE tenant_id = ${tenantId} AND subscription_id = ${subscriptionId}
      ORDER BY taken_at, id`.pipe(
      Effect.flatMap((rows) => Effect.forEach(rows, fromRow)),
      orDie,
      Effect.withSpan("UsageRepo.list"),
    )

  return Ports.UsageRepo.of({ record, list })
})

export const layer = Layer.effect(Ports.UsageRepo, make)
