/**
 * The built-in catalog: the source's five examples and real vendors' offers,
 * each figure with its source, as-of date and confidence. Kept as wire data
 * and decoded by the domain's `Offer` schema, exactly as a user file is.
 */
import type { Offer } from "@crm-cost/domain"
import type { Effect } from "effect"
import type { CatalogInvalid } from "./CatalogError.js"
import type { OfferWire } from "./OfferWire.js"
import * as Dynamics365 from "./offers/Dynamics365.js"
import * as EspoCrm from "./offers/EspoCrm.js"
import * as Freshsales from "./offers/Freshsales.js"
import * as Fxiaoke from "./offers/Fxiaoke.js"
import * as HubSpot from "./offers/HubSpot.js"
import * as Monday from "./offers/Monday.js"
import * as Odoo from "./offers/Odoo.js"
import * as Pipedrive from "./offers/Pipedrive.js"
import * as Salesforce from "./offers/Salesforce.js"
import * as SourceExamples from "./offers/SourceExamples.js"
import * as SugarCrm from "./offers/SugarCrm.js"
import * as SuiteCrm from "./offers/SuiteCrm.js"
import * as Twenty from "./offers/Twenty.js"
import * as Vtiger from "./offers/Vtiger.js"
import * as Zoho from "./offers/Zoho.js"
import { decodeCatalog } from "./UserCatalog.js"

/** What error messages call the built-in catalog in place of a file name. */
export const file = "<built-in>"

/** The built-in offers as wire data, in catalog order. */
export const wire: ReadonlyArray<OfferWire> = [
  ...SourceExamples.offers,
  ...Salesforce.offers,
  ...HubSpot.offers,
  ...Zoho.offers,
  ...Pipedrive.offers,
  ...Freshsales.offers,
  ...Dynamics365.offers,
  ...Monday.offers,
  ...Odoo.offers,
  ...Vtiger.offers,
  ...Twenty.offers,
  ...SuiteCrm.offers,
  ...EspoCrm.offers,
  ...Fxiaoke.offers,
  ...SugarCrm.offers,
]

/** The built-in offers, decoded and validated (fails only if the data above is wrong). */
export const offers: Effect.Effect<ReadonlyArray<Offer.Offer>, CatalogInvalid> = decodeCatalog(
  file,
  { offers: wire },
)
