/**
 * Freshsales / Freshworks CRM (USD), reference §2.5. Seat reductions take
 * effect only at the end of the paid cycle. Monthly prices of Pro and
 * Enterprise were not found, so those plans offer only the annual term here.
 * The Free plan is left out: its seat limit is not in the reference.
 */
import type { ComponentWire, OfferWire } from "../OfferWire.js"
import { evidence } from "../Sources.js"

const freddy: ComponentWire = {
  _tag: "Usage",
  id: "freddy-sessions",
  name: "Freddy AI sessions",
  metric: "freddy-sessions",
  period: "month",
  measure: "sum",
  pricing: { _tag: "Package", size: "1000", price: "100" },
  evidence: evidence(
    "fresh-freddy",
    "medium",
    "minimum packs $100/1,000 monthly ($300/3,000 quarterly, $1,200/12,000 yearly); sessions expire each cycle; packs auto-renew",
  ),
}

const base = {
  vendor: "Freshworks",
  currency: "USD",
  trialDays: 21,
  seatReductions: "at-renewal",
} as const

const contactsNote =
  "Contact caps are from the Freshworks Suite (crm-plan-gates), not re-confirmed."

export const growth: OfferWire = {
  ...base,
  id: "fs-growth",
  name: "Freshsales Growth",
  description: contactsNote,
  terms: [{ months: 1 }, { months: 12 }],
  includes: { modules: ["sales"] },
  components: [
    {
      _tag: "PerSeat",
      id: "seat",
      name: "User licence",
      price: {
        amount: "11",
        per: "month",
        byTerm: [
          { months: 1, amount: "11", per: "month" },
          { months: 12, amount: "9", per: "month" },
        ],
      },
      evidence: evidence("crm-plan-gates", "high", "$9/month billed annually, $11 monthly"),
    },
    freddy,
  ],
  limits: { quotas: [{ metric: "contacts", units: "1000", per: "account" }] },
  source: evidence("crm-plan-gates", "high"),
  asOf: "2026-09-27",
}

export const pro: OfferWire = {
  ...base,
  id: "fs-pro",
  name: "Freshsales Pro",
  description: `${contactsNote} API limit 2,000 calls per hour (not modelled).`,
  terms: [{ months: 12 }],
  includes: { modules: ["sales"] },
  components: [
    {
      _tag: "PerSeat",
      id: "seat",
      name: "User licence",
      price: { amount: "39", per: "month" },
      evidence: evidence("neocrm-value", "medium", "billed annually (crm-plan-gates agrees)"),
    },
    freddy,
  ],
  limits: { quotas: [{ metric: "contacts", units: "3000", per: "account" }] },
  source: evidence("crm-plan-gates", "medium"),
  asOf: "2026-09-27",
}

export const enterprise: OfferWire = {
  ...base,
  id: "fs-enterprise",
  name: "Freshsales Enterprise",
  terms: [{ months: 12 }],
  includes: { modules: ["sales"] },
  components: [
    {
      _tag: "PerSeat",
      id: "seat",
      name: "User licence",
      price: { amount: "59", per: "month" },
      evidence: evidence("neocrm-value", "medium", "billed annually (crm-plan-gates agrees)"),
    },
    freddy,
  ],
  source: evidence("crm-plan-gates", "medium"),
  asOf: "2026-09-27",
}

export const offers: ReadonlyArray<OfferWire> = [growth, pro, enterprise]
