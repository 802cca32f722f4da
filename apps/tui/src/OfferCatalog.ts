/**
 * The offers the TUI shows: the built-in catalog merged with the user's
 * catalog files, and the tenant's own offers from the store once read.
 */
import * as BuiltIn from "@crm-cost/catalog/BuiltIn"
import * as Catalog from "@crm-cost/catalog/Catalog"
import type { Offer } from "@crm-cost/domain/Offer"
import { Context, Effect, Layer } from "effect"
import { Settings } from "./Settings.js"

/** Where an offer comes from: the built-in catalog, a `--catalog` file, or the tenant's store. */
export type Origin = "built-in" | "file" | "tenant"

export interface OfferCatalog {
  readonly offers: ReadonlyArray<Offer>
  readonly origin: (id: string) => Origin
}

export const OfferCatalog = Context.GenericTag<OfferCatalog>("@crm-cost/tui/OfferCatalog")

export const fromCatalog = (catalog: Catalog.Catalog): OfferCatalog => ({
  offers: catalog.offers,
  origin: (id) => (catalog.origin.get(id) === BuiltIn.file ? "built-in" : "file"),
})

/**
 * The catalog with the tenant's offers after it. As in the API, a tenant's
 * offer never shadows one the catalog already has under its id.
 */
export const withTenant = (catalog: OfferCatalog, custom: ReadonlyArray<Offer>): OfferCatalog => {
  const known = new Set<string>(catalog.offers.map((o) => o.id))
  const added = custom.filter((o) => !known.has(o.id))
  if (added.length === 0) return catalog
  const tenant = new Set<string>(added.map((o) => o.id))
  return {
    offers: [...catalog.offers, ...added],
    origin: (id) => (tenant.has(id) ? "tenant" : catalog.origin(id)),
  }
}

export const layer = Layer.effect(
  OfferCatalog,
  Effect.flatMap(Settings, (s) => Effect.map(Catalog.load(s.catalogs), fromCatalog)),
)
