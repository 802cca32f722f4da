/**
 * Offers as wire data: plain JSON-shaped objects with decimal strings, exactly
 * what a user catalog file holds, decoded by the domain's `Offer` schema.
 */
import type { FeeComponent, Offer } from "@crm-cost/domain"

export type OfferWire = typeof Offer.Offer.Encoded
export type ComponentWire = typeof FeeComponent.FeeComponent.Encoded
