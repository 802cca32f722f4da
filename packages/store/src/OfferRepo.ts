/** A tenant's own offers, kept as the offer's encoded JSON and validated both ways. */
import * as Offer from "@crm-cost/domain/Offer"
import * as Ports from "@crm-cost/domain/Ports"
import type * as Subscription from "@crm-cost/domain/Subscription"
import { DateTime, Effect, Layer } from "effect"
import * as Columns from "./Columns.js"
import { Db, orDie } from "./Database.js"
import { ensureTenant } from "./TenantRepo.js"

export const fromRow = (row: Record<string, unknown>) => Offer.decode(Columns.json(row.offer))

export const make = Effect.gen(function* () {
  const db = yield* Db
  const { sql, transaction, dialect } = db
  const write = Columns.writer(dialect)

  const put = (tenantId: Subscription.TenantId, offer: Offer.Offer) =>
    transaction(
      Effect.gen(function* () {
        yield* ensureTenant(tenantId)
        const encoded = yield* Offer.encode(offer)
        const now = DateTime.formatIso(yield* DateTime.now)
        yield* sql`INSERT INTO custom_offers ${sql.insert({
          tenant_id: tenantId,
          id: offer.id,
          vendor: offer.vendor,
          name: offer.name,
          offer: write.json(encoded),
          updated_at: now,
        })} ON CONFLICT (tenant_id, id) DO UPDATE SET
          vendor = excluded.vendor, name = excluded.name,
          offer = excluded.offer, updated_at = excluded.updated_at`
      }),
    ).pipe(Effect.provideService(Db, db), orDie, Effect.withSpan("OfferRepo.put"))

  const get = (tenantId: Subscription.TenantId, id: Offer.OfferId) =>
    sql`SELECT offer FROM custom_offers WHERE tenant_id = ${tenantId} AND id = ${id}`.pipe(
      Effect.flatMap((rows) =>
        rows[0] === undefined ? Effect.succeedNone : Effect.asSome(fromRow(rows[0])),
      ),
      orDie,
      Effect.withSpan("OfferRepo.get"),
    )

  const list = (tenantId: Subscription.TenantId) =>
    sql`SELECT offer FROM custom_offers WHERE tenant_id = ${tenantId} ORDER BY id`.pipe(
      Effect.flatMap((rows) => Effect.forEach(rows, fromRow)),
      orDie,
      Effect.withSpan("OfferRepo.list"),
    )

  const remove = (tenantId: Subscription.TenantId, id: Offer.OfferId) =>
    sql`DELETE FROM custom_offers WHERE tenant_id = ${tenantId} AND id = ${id} RETURNING id`.pipe(
      Effect.map((rows) => rows.length > 0),
      orDie,
      Effect.withSpan("OfferRepo.remove"),
    )

  return Ports.OfferRepo.of({ put, get, list, remove })
})

export const layer = Layer.effect(Ports.OfferRepo, make)
