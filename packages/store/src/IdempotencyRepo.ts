/**
 * Idempotency keys of API requests: the first answer to a key is the answer.
 * A request reserves its key first (a row with status 0), so two copies of
 * the API never both act on one key; the row then keeps the answer, or goes
 * when the request failed.
 */
import { randomUUID } from "node:crypto"
import * as Ports from "@crm-cost/domain/Ports"
import type * as Subscription from "@crm-cost/domain/Subscription"
import { DateTime, Effect, Layer, Option, Schema } from "effect"
import * as Columns from "./Columns.js"
import { Db, orDie } from "./Database.js"

const decode = Schema.decodeUnknown(Ports.IdempotencyRecord)

/** The status of a reserved key's row: no HTTP status, no answer yet. */
const reserved = 0

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
    findRow(tenantId, key).pipe(
      Effect.map(Option.filter((record) => record.status !== reserved)),
      orDie,
      Effect.withSpan("IdempotencyRepo.find"),
    )

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

  // A reserved row's response names its holder: {"reservation": <uuid>}.
  const holder = (reservation: string) => write.json({ reservation })

  const reserve = (options: {
    readonly tenantId: Subscription.TenantId
    readonly key: string
    readonly requestHash: string
    readonly now: DateTime.Utc
    readonly staleBefore: DateTime.Utc
  }) =>
    transaction(
      Effect.gen(function* () {
        const { tenantId, key, requestHash } = options
        const now = DateTime.formatIso(options.now)
        const reservation = randomUUID()
        const inserted = yield* sql`INSERT INTO idempotency_keys ${sql.insert({
          tenant_id: tenantId,
          idempotency_key: key,
          request_hash: requestHash,
          status: reserved,
          response: holder(reservation),
          created_at: now,
        })} ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING idempotency_key`
        if (inserted.length > 0) return { _tag: "Reserved", reservation } as const
        const found = yield* findRow(tenantId, key)
        if (Option.isNone(found)) return { _tag: "InProgress", requestHash } as const
        const record = found.value
        if (record.status !== reserved) return { _tag: "Answered", record } as const
        // A reservation never answered since before `staleBefore`: its holder died.
        const takenOver = DateTime.lessThan(record.createdAt, options.staleBefore)
          ? yield* sql`UPDATE idempotency_keys SET request_hash = ${requestHash},
                response = ${holder(reservation)}, created_at = ${now}
              WHERE tenant_id = ${tenantId} AND idempotency_key = ${key} AND status = ${reserved}
                AND created_at = ${DateTime.formatIso(record.createdAt)}
              RETURNING idempotency_key`
          : []
        return takenOver.length > 0
          ? ({ _tag: "Reserved", reservation } as const)
          : ({ _tag: "InProgress", requestHash: record.requestHash } as const)
      }),
    ).pipe(orDie, Effect.withSpan("IdempotencyRepo.reserve"))

  const complete = (record: Ports.IdempotencyRecord, reservation: string) =>
    sql`UPDATE idempotency_keys SET status = ${record.status},
        response = ${write.json(record.response ?? null)}
      WHERE tenant_id = ${record.tenantId} AND idempotency_key = ${record.key}
        AND status = ${reserved} AND response = ${holder(reservation)}
      RETURNING idempotency_key`.pipe(
      Effect.map((rows) => rows.length > 0),
      orDie,
      Effect.withSpan("IdempotencyRepo.complete"),
    )

  const release = (tenantId: Subscription.TenantId, key: string, reservation: string) =>
    sql`DELETE FROM idempotency_keys
      WHERE tenant_id = ${tenantId} AND idempotency_key = ${key}
        AND status = ${reserved} AND response = ${holder(reservation)}`.pipe(
      Effect.asVoid,
      orDie,
      Effect.withSpan("IdempotencyRepo.release"),
    )

  return Ports.IdempotencyRepo.of({ find, save, reserve, complete, release })
})

export const layer = Layer.effect(Ports.IdempotencyRepo, make)
