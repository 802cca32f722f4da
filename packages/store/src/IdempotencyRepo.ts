/** Idempotency keys of API requests: the first answer to a key is the answer. */
import * as Ports from "@crm-cost/domain/Ports"
import type * as Subscription from "@crm-cost/domain/Subscription"
import { DateTime, Effect, Layer, Option, Schema } from "effect"
import * as Columns from "./Columns.js"
import { Db, orDie } from "./Database.js"

const decode = Schema.decodeUnknown(Ports.IdempotencyRecord)

export const fromRow = (row: Record<string, unknown>) =>
  decode({
    tenantId: Columns.text(row.tenant_id),
    key: Columns.text(row.idempotency_key),
    requestHash: Columns.text(row.request_hash),
    status: Columns.int(row.status),
    response: Columns.json(row.response),
    createdAt: Columns.instant(row.created_at),
  })

export const make = Effect.gen(function* () {
  const { sql, transaction, dialect } = yield* Db
  const write = Columns.writer(dialect)

  const findRow = (tenantId: Subscription.TenantId, key: string) =>
    sql`SELECT * FROM idempotency_keys WHERE tenant_id = ${tenantId} AND idempotency_key = ${key}`.pipe(
      Effect.flatMap((rows) =>
        rows[0] === undefined ? Effect.succeedNone : Effect.asSome(fromRow(rows[0])),
      ),
    )

  const find = (tenantId: Subscription.TenantId, key: string) =>
    findRow(tenantId, key).pipe(orDie, Effect.withSpan("IdempotencyRepo.find"))

  const save = (record: Ports.IdempotencyRecord) =>
    transaction(
      Effect.gen(function* () {
        yield* sql`INSERT INTO idempotency_keys ${sql.insert({
          tenant_id: record.tenantId,
          idempotency_key: record.key,
          request_hash: record.requestHash,
          status: record.status,
          response: write.json(record.response ?? null),
          created_at: DateTime.formatIso(record.createdAt),
        })} ON CONFLICT (tenant_id, idempotency_key) DO NOTHING`
        const kept = yield* findRow(record.tenantId, record.key)
        return Option.getOrElse(kept, () => record)
      }),
    ).pipe(orDie, Effect.withSpan("IdempotencyRepo.save"))

  return Ports.IdempotencyRepo.of({ find, save })
})

export const layer = Layer.effect(Ports.IdempotencyRepo, make)
