/** The offers the TUI shows: the built-in catalog merged with the user's catalog files. */
import * as BuiltIn from "@crm-cost/catalog/BuiltIn"
import * as Catalog from "@crm-cost/catalog/Catalog"
import type { Offer } from "@crm-cost/domain/Offer"
import { Context, Effect, Layer } from "effect"
import { Settings } from "./Settings.js"

export interface OfferCatalog {
  readonly offers: ReadonlyArray<Offer>
  /** True for offers from the built-in catalog; false for the user's own. */
  readonly builtIn: (id: string) => boolean
}

export const OfferCatalog = Context.GenericTag<OfferCatalog>("@crm-cost/tui/OfferCatalog")

export const fromCatalog = (catalog: Catalog.Catalog): OfferCatalog => ({
  offers: catalog.offers,
  builtIn: (id) => catalog.origin.get(id) === BuiltIn.file,
})

export const layer = Layer.effect(
  OfferCatalog,
  Effect.flatMap(Settings, (s) => Effect.map(Catalog.load(s.catalogs), fromCatalog)),
)
