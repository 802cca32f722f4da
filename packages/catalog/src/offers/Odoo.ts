/**
 * Odoo Online (EUR), reference §2.8. One App Free: one app, unlimited users;
 * a second app, Studio, multi-company or the external API moves the database
 * to a paid plan (auto-upsell). Only active users are billed. Standard
 * (~€19.90, one low-confidence source) is left out; the upgrade trigger is
 * priced at Custom, the plan Studio, multi-company and the API require.
 */
import type { ComponentWire, OfferWire } from "../OfferWire.js"
import { evidence, referenceDate } from "../Sources.js"

const customPrice = {
  amount: "37.40",
  per: "month",
  byTerm: [
    { months: 1, amount: "37.40", per: "month" },
    { months: 12, amount: "29.90", per: "month" },
  ],
} as const

const customEvidence = evidence("odoo-custom", "high", "€29.90 billed yearly, €37.40 monthly")

const upgrade: ComponentWire = {
  _tag: "AddOn",
  id: "upgrade-to-custom",
  name: "Upgrade to the Custom plan (second app, Studio, multi-company or API)",
  price: customPrice,
  perSeat: true,
  requiredFor: ["service", "marketing", "studio", "multi-company", "external-api"],
  evidence: evidence(
    "odoo-docs",
    "high",
    "a second app, Studio, multi-company or the external API forces a paid plan; priced at Custom (odoo-custom: €29.90 yearly, €37.40 monthly); a second app alone might fit Standard (~€19.90, low)",
  ),
}

export const oneAppFree: OfferWire = {
  id: "odoo-one-app-free",
  vendor: "Odoo",
  name: "Odoo One App Free",
  currency: "EUR",
  description:
    "Free for unlimited users with one app (CRM here). Installing a second app, Studio, multi-company or needing the external API upgrades the database to a paid plan.",
  terms: [{ months: 1 }, { months: 12 }],
  includes: { modules: ["sales"] },
  components: [
    {
      _tag: "PerSeat",
      id: "seat",
      name: "User (one app)",
      price: { amount: "0", per: "month" },
      evidence: evidence("odoo-docs", "high", "free with one app"),
    },
    upgrade,
  ],
  source: evidence("odoo-docs", "high"),
  asOf: referenceDate,
}

export const custom: OfferWire = {
  id: "odoo-custom",
  vendor: "Odoo",
  name: "Odoo Custom",
  currency: "EUR",
  description:
    "All apps, Studio, multi-company and the external API. Only active users are billed; yearly upsells get a 30-day order.",
  terms: [{ months: 1 }, { months: 12 }],
  includes: {
    modules: ["sales", "service", "marketing", "studio", "multi-company"],
    integrations: ["external-api"],
  },
  components: [
    { _tag: "PerSeat", id: "seat", name: "User", price: customPrice, evidence: customEvidence },
  ],
  source: customEvidence,
  asOf: "2026-09-20",
}

export const offers: ReadonlyArray<OfferWire> = [oneAppFree, custom]
