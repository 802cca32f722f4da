/** Tenants in SQL. */
import * as Ports from "@crm-cost/domain/Ports"
import * as Subscription from "@crm-cost/domain/Subscription"
import { DateTime, Effect, Layer, Schema } from "effect"
import * as Columns from "./Columns.js"
import { Db, orDie } from "./Database.js"

const decodeTenant = Schema.decodeUnknown(Subscription.Tenant)

export const fromRow = (row: Record<string, unknown>) =>
  decodeTenant({
    id: Columns.text(row.id),
    name: Columns.text(row.name),
    createdAt: Columns.instant(row.created_at),
  })

export const make = Effect.gen(function* () {
  const { sql, transaction } = yield* Db

  const create = (tenant: Subscription.Tenant) =>
    transaction(
      Effect.gen(function* () {
        const rows = yield* sql`INSERT INTO tenants ${sql.insert({
          id: tenant.id,
          name: tenant.name,
          created_at: DateTime.formatIso(tenant.createdAt),
        })} ON CONFLICT (id) DO NOTHING RETURNING id`
        if (rows.length === 0) {
          return yield* new Subscription.TenantAlreadyExists({ tenantId: tenant.id })
        }
      }),
    ).pipe(orDie, Effect.withSpan("TenantRepo.create"))

  const get = (tenantId: Subscription.TenantId) =>
    sql`SELECT * FROM tenants WHERE id = ${tenantId}`.pipe(
      Effect.flatMap((rows) =>
        rows[0] === undefined ? Effect.succeedNone : Effect.asSome(fromRow(rows[0])),
      ),
      orDie,
      Effect.withSpan("TenantRepo.get"),
    )

  const list = sql`SELECT * FROM tenants ORDER BY id`.pipe(
    Effect.flatMap((rows) => Effect.forEach(rows, fromRow)),
    orDie,
    Effect.withSpan("TenantRepo.list"),
  )

  return Ports.TenantRepo.of({ create, get, list })
})

export const layer = Layer.effect(Ports.TenantRepo, make)

/** Fails with TenantNotFound unless the tenant exists (inside the caller's transaction). */
export const ensureTenant = (tenantId: Subscription.TenantId) =>
  Effect.flatMap(Db, ({ sql }) =>
    Effect.flatMap(sql`SELECT id FROM tenants WHERE id = ${tenantId}`, (rows) =>
      rows.length === 0 ? Effect.fail(new Subscription.TenantNotFound({ tenantId })) : Effect.void,
    ),
  )
