/**
 * The offers a tenant sees: the built-in catalog (loaded once per process)
 * and the tenant's own custom offers from the store. A custom offer never
 * shadows a built-in one: the API refuses a custom id the catalog uses.
 */
import * as BuiltIn from "@crm-cost/catalog/BuiltIn"
import type { Offer, OfferId } from "@crm-cost/domain/Offer"
import * as Ports from "@crm-cost/domain/Ports"
import type { TenantId } from "@crm-cost/domain/Subscription"
import { Context, Effect, Layer, Option } from "effect"

export type Origin = "built-in" | "custom"

export interface Located {
  readonly offer: Offer
  readonly origin: Origin
}

export class OfferCatalog extends Context.Tag("@crm-cost/api/OfferCatalog")<
  OfferCatalog,
  {
    readonly builtIn: ReadonlyArray<Offer>
    readonly builtInById: ReadonlyMap<string, Offer>
  }
>() {}

/** The built-in catalog, decoded once; a broken catalog is a defect of the build. */
export const layer = Layer.effect(
  OfferCatalog,
  Effect.map(Effect.orDie(BuiltIn.offers), (offers) =>
    OfferCatalog.of({ builtIn: offers, builtInById: new Map(offers.map((o) => [o.id, o])) }),
  ),
)

/** An offer by id for a tenant: built-in first, then the tenant's own. */
export const find = (tenantId: TenantId, id: OfferId) =>
  Effect.gen(function* () {
    const catalog = yield* OfferCatalog
    const builtIn = catalog.builtInById.get(id)
    if (builtIn !== undefined) return Option.some<Located>({ offer: builtIn, origin: "built-in" })
    const repo = yield* Ports.OfferRepo
    const custom = yield* repo.get(tenantId, id)
    return Option.map(custom, (offer): Located => ({ offer, origin: "custom" }))
  })

/** Every offer a tenant sees, built-in then custom. */
export const all = (tenantId: TenantId) =>
  Effect.gen(function* () {
    const catalog = yield* OfferCatalog
    const repo = yield* Ports.OfferRepo
    const custom = yield* repo.list(tenantId)
    return [
      ...catalog.builtIn.map((offer): Located => ({ offer, origin: "built-in" })),
      ...custom.map((offer): Located => ({ offer, origin: "custom" })),
    ]
  })
