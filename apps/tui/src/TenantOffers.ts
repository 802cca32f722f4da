/**
 * The offers the tenant defined itself, kept in the store (as the API's
 * custom offers). Read once the first frame is drawn, never before it.
 */
import type { Offer } from "@crm-cost/domain/Offer"
import * as Ports from "@crm-cost/domain/Ports"
import type { Tenant } from "@crm-cost/domain/Subscription"
import { Context, Effect, Layer } from "effect"
import { type StoreUnavailable, TenantStore } from "./TenantStore.js"

export interface Custom {
  /** The tenant the offers belong to; undefined when no tenant is known. */
  readonly tenant: Tenant | undefined
  readonly offers: ReadonlyArray<Offer>
}

export interface TenantOffers {
  readonly list: Effect.Effect<Custom, StoreUnavailable>
}

export const TenantOffers = Context.GenericTag<TenantOffers>("@crm-cost/tui/TenantOffers")

export const layer = Layer.effect(
  TenantOffers,
  Effect.map(TenantStore, (store) => ({
    list: Effect.flatMap(store.tenant, (choice) =>
      choice._tag === "Chosen"
        ? store.use(
            Effect.flatMap(Ports.OfferRepo, (repo) => repo.list(choice.tenant.id)).pipe(
              Effect.map((offers): Custom => ({ tenant: choice.tenant, offers })),
            ),
          )
        : Effect.succeed<Custom>({ tenant: undefined, offers: [] }),
    ),
  })),
)
