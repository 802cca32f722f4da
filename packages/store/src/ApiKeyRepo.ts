/**
 * API keys: a key is `crmk_<prefix>_<secret>`. Only the prefix (to find the
 * row) and a SHA-256 hash of the whole key are kept; the key is shown once.
 * Keys are 256 random bits, so a fast hash is enough: there is nothing to
 * guess from a leaked hash.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto"
import * as Ports from "@crm-cost/domain/Ports"
import type * as Subscription from "@crm-cost/domain/Subscription"
import { DateTime, Effect, Layer, Option, Redacted, Schema } from "effect"
import * as Columns from "./Columns.js"
import { Db, orDie } from "./Database.js"
import { ensureTenant } from "./TenantRepo.js"

const decode = Schema.decodeUnknown(Ports.ApiKey)

const KEY_PATTERN = /^crmk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/

export const hashKey = (key: string): string => createHash("sha256").update(key).digest("hex")

export const fromRow = (row: Record<string, unknown>) =>
  decode({
    id: Columns.text(row.id),
    tenantId: Columns.text(row.tenant_id),
    name: Columns.text(row.name),
    prefix: Columns.text(row.prefix),
    createdAt: Columns.instant(row.created_at),
    ...(row.revoked_at === null || row.revoked_at === undefined
      ? {}
      : { revokedAt: Columns.instant(row.revoked_at) }),
  })

export const make = Effect.gen(function* () {
  const db = yield* Db
  const { sql, transaction } = db

  const issue = (tenantId: Subscription.TenantId, name: string) =>
    transaction(
      Effect.gen(function* () {
        yield* ensureTenant(tenantId)
        const prefix = randomBytes(8).toString("hex").slice(0, 12)
        const key = `crmk_${prefix}_${randomBytes(32).toString("base64url")}`
        const now = DateTime.formatIso(yield* DateTime.now)
        const rows = yield* sql`INSERT INTO api_keys ${sql.insert({
          tenant_id: tenantId,
          id: randomUUID(),
          name,
          prefix,
          key_hash: hashKey(key),
          created_at: now,
          revoked_at: null,
        })} RETURNING *`
        const apiKey = yield* fromRow(rows[0] ?? {})
        return { apiKey, secret: Redacted.make(key) }
      }),
    ).pipe(Effect.provideService(Db, db), orDie, Effect.withSpan("ApiKeyRepo.issue"))

  // The one lookup not scoped by tenant: the tenant is what it finds out.
  const authenticate = (secret: Redacted.Redacted) =>
    Effect.gen(function* () {
      const key = String(Redacted.value(secret))
      const match = KEY_PATTERN.exec(key)
      if (match === null) return Option.none()
      const rows = yield* sql`SELECT * FROM api_keys WHERE prefix = ${match[1] ?? ""}`
      const row = rows[0]
      if (row === undefined || row.revoked_at !== null) return Option.none()
      const expected = Buffer.from(Columns.text(row.key_hash), "hex")
      const actual = Buffer.from(hashKey(key), "hex")
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
        return Option.none()
      }
      return Option.some(yield* fromRow(row))
    }).pipe(orDie, Effect.withSpan("ApiKeyRepo.authenticate"))

  const list = (tenantId: Subscription.TenantId) =>
    sql`SELECT * FROM api_keys WHERE tenant_id = ${tenantId} ORDER BY created_at, id`.pipe(
      Effect.flatMap((rows) => Effect.forEach(rows, fromRow)),
      orDie,
      Effect.withSpan("ApiKeyRepo.list"),
    )

  const revoke = (tenantId: Subscription.TenantId, id: Ports.ApiKeyId) =>
    Effect.gen(function* () {
      const now = DateTime.formatIso(yield* DateTime.now)
      const rows = yield* sql`UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ${now})
        WHERE tenant_id = ${tenantId} AND id = ${id} RETURNING id`
      if (rows.length === 0) {
        return yield* new Ports.ApiKeyNotFound({ tenantId, apiKeyId: id })
      }
    }).pipe(orDie, Effect.withSpan("ApiKeyRepo.revoke"))

  return Ports.ApiKeyRepo.of({ issue, authenticate, list, revoke })
})

export const layer = Layer.effect(Ports.ApiKeyRepo, make)
