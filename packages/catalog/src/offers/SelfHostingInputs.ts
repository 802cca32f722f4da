/**
 * What running a self-hosted CRM costs: no vendor publishes it (reference
 * §2.9: "explicit user-supplied inputs"), so these are this catalog's
 * stated assumptions, the same nominal figures in every currency, marked low
 * confidence. Replace them with your own in a user catalog (same offer id),
 * or pass a labour rate in the profile, which wins over the one here.
 */
import type { ComponentWire } from "../OfferWire.js"
import { evidence } from "../Sources.js"

export const selfHosting = (currency: string, stack: string): ComponentWire => ({
  _tag: "SelfHosting",
  id: "self-hosting",
  name: `Self-hosting (${stack})`,
  infrastructurePerMonth: "100",
  adminHoursPerMonth: "4",
  upgradeHoursPerYear: "16",
  labourRate: "50",
  evidence: evidence(
    "catalog-assumption",
    "low",
    `assumed: 100 ${currency}/month hosting and backups, 4 admin hours/month, 16 upgrade hours/year at 50 ${currency}/hour`,
  ),
})

/** The open-source licence itself: zero is the published price, not a missing one. */
export const openSourceLicence = (
  source: "twenty-ae" | "suitecrm-terms" | "espocrm",
  licence: string,
): ComponentWire => ({
  _tag: "PerSeat",
  id: "licence",
  name: `Licence (${licence})`,
  price: { amount: "0", per: "month" },
  evidence: evidence(source, "high", `${licence}: no licence fee`),
})
