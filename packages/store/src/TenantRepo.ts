/** Tenants in SQL. */
import * as Ports from "@crm-cost/domain/Ports"
import * as Subscription from "@crm-cost/domain/Subscription"
import { DateTime, Effect, Layer, Schema } from "effect"
import * as Columns from "./Columns.js"
import { Db, orDie } from "./Database.js"

const decodeTenant = Schema.decodeUnknown(Subscription.Tenant)

const isNull = (v: unknown): v is null | undefined => v === null || v === undefined

export const fromRow = (row: Record<string, unknown>) =>
  decodeTenant({
    id: Columns.text(row.id),
    name: Columns.text(row.name),
    createdAt: Columns.instant(row.created_at),
    ...(isNull(row.locale) ? {} : { locale: Columns.text(row.locale) }),
    ...(isNull(row.reminder_offsets)
      ? {}
      : { reminderOffsets: Columns.json(row.reminder_offsets) }),
  })

export const make = Effect.gen(function* () {
  const { sql, transaction, dialect } = yield* Db
  const write = Columns.writer(dialect)

  /** The columns a tenant's settings are kept in; NULL where it has none. */
  const settings = (tenant: Subscription.Tenant) => ({
    locale: tenant.locale ?? null,
    reminder_offsets:
      tenant.reminderOffsets === undefined ? null : write.json(tenant.reminderOffsets),
  })

  const create = (tenant: Subscription.Tenant) =>
    transaction(
      Effect.gen(function* () {
        const rows = yield* sql`INSERT INTO tenants ${sql.insert({
          id: tenant.id,
          name: tenant.name,
          created_at: DateTime.formatIso(tenant.createdAt),
          ...settings(tenant),
        })} ON CONFLICT (id) DO NOTHING RETURNING id`
        if (rows.length === 0) {
          return yield* new Subscription.TenantAlreadyExists({ tenantId: tenant.id })
        }
      }),
    ).pipe(orDie, Effect.withSpan("TenantRepo.create"))

  // Only the fields given, in one statement: changes sent together both hold.
  const update = (tenantId: Subscription.TenantId, changes: Ports.TenantChanges) =>
    Effect.gen(function* () {
      const set: Record<string, unknown> = {}
      if (changes.name !== undefined) set.name = changes.name
      if (changes.locale !== undefined) set.locale = changes.locale
      if (changes.reminderOffsets !== undefined)
        set.reminder_offsets =
          changes.reminderOffsets === null ? null : write.json(changes.reminderOffsets)
      const rows =
        Object.keys(set).length === 0
          ? yield* sql`SELECT * FROM tenants WHERE id = ${tenantId}`
          : yield* sql`UPDATE tenants SET ${sql.update(set)} WHERE id = ${tenantId} RETURNING *`
      const [row] = rows
      if (row === undefined) return yield* new Subscription.TenantNotFound({ tenantId })
      return yield* fromRow(row)
    }).pipe(orDie, Effect.withSpan("TenantRepo.update"))

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

  return Ports.TenantRepo.of({ create, update, get, list })
})

export const layer = Layer.effect(Ports.TenantRepo, make)

/** Fails with TenantNotFound unless the tenant exists (inside the caller's transaction). */
export const ensureTenant = (tenantId: Subscription.TenantId) =>
  Effect.flatMap(Db, ({ sql }) =>
    Effect.flatMap(sql`SELECT id FROM tenants WHERE id = ${tenantId}`, (rows) =>
      rows.length === 0 ? Effect.fail(new Subscription.TenantNotFound({ tenantId })) : Effect.void,
    ),
  )
