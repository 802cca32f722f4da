/**
 * Pipedrive (USD, VAT excluded), reference §2.4. Every seat of a company is
 * on the same plan; annual billing is prepaid and non-refundable; seats added
 * mid-term are prorated. Monthly prices of Growth, Premium and Ultimate were
 * not found, so those plans offer only the annual term here.
 */
import type { ComponentWire, OfferWire } from "../OfferWire.js"
import { evidence } from "../Sources.js"

/**
 * LeadBooster: $32.50/month billed annually (pd-ae 2026-09-20, "starting
 * from"); an older DE KB article gives $39/month billed monthly or $390 a
 * year. No conflict on the annual figure (12 × 32.50 = 390); the $39 is
 * taken for the monthly term.
 */
const leadBooster: ComponentWire = {
  _tag: "AddOn",
  id: "leadbooster",
  name: "LeadBooster",
  price: {
    amount: "32.50",
    per: "month",
    byTerm: [
      { months: 1, amount: "39", per: "month" },
      { months: 12, amount: "32.50", per: "month" },
    ],
  },
  requiredFor: ["leadbooster"],
  evidence: evidence(
    "pd-ae",
    "medium",
    "'starting from' $32.50/month billed annually, per company; $39 monthly per pd-leadbooster (DE); 10 Prospector credits/month that expire",
  ),
}

const campaigns: ComponentWire = {
  _tag: "Unpriced",
  id: "campaigns",
  name: "Campaigns",
  category: "add-ons",
  reason: "tiered by subscribed contacts; current prices not found (21-day trial, account review)",
  requiredFor: ["campaigns", "email-marketing"],
  evidence: evidence("pd-campaigns", "low"),
}

const caps = (perSeat: string) => ({
  quotas: [
    { metric: "leads-and-deals", units: perSeat, per: "seat" as const },
    { metric: "leads-and-deals", units: "300000", per: "account" as const },
  ],
})

const base = {
  vendor: "Pipedrive",
  currency: "USD",
  trialDays: 14,
  description:
    "All seats on one plan; annual billing prepaid and non-refundable; free implementation on plans over $400 a year. Leads+deals caps per seat (crm-plan-gates, pd-limits).",
} as const

const seat = (amount: string, source: "pd-verifier" | "pd-ae"): ComponentWire => ({
  _tag: "PerSeat",
  id: "seat",
  name: "Seat",
  price: { amount, per: "month" },
  evidence: evidence(source, "high", "billed annually"),
})

export const lite: OfferWire = {
  ...base,
  id: "pd-lite",
  name: "Pipedrive Lite",
  terms: [{ months: 1 }, { months: 12 }],
  includes: { modules: ["sales"] },
  components: [
    {
      _tag: "PerSeat",
      id: "seat",
      name: "Seat",
      price: {
        amount: "24",
        per: "month",
        byTerm: [
          { months: 1, amount: "24", per: "month" },
          { months: 12, amount: "14", per: "month" },
        ],
      },
      evidence: evidence(
        "pd-verifier",
        "high",
        "$14/month billed annually ($168/seat/year); $24 monthly per crm-plan-gates (medium)",
      ),
    },
    leadBooster,
    campaigns,
  ],
  limits: caps("2500"),
  source: evidence("pd-verifier", "high"),
  asOf: "2026-08-05",
}

export const growth: OfferWire = {
  ...base,
  id: "pd-growth",
  name: "Pipedrive Growth",
  terms: [{ months: 12 }],
  includes: { modules: ["sales"] },
  components: [seat("39", "pd-verifier"), leadBooster, campaigns],
  limits: caps("5000"),
  source: evidence("pd-verifier", "high"),
  asOf: "2026-08-05",
}

export const premium: OfferWire = {
  ...base,
  id: "pd-premium",
  name: "Pipedrive Premium",
  terms: [{ months: 12 }],
  includes: { modules: ["sales", "leadbooster"] },
  components: [seat("59", "pd-ae"), campaigns],
  limits: caps("15000"),
  source: evidence("pd-ae", "high"),
  asOf: "2026-09-20",
}

export const ultimate: OfferWire = {
  ...base,
  id: "pd-ultimate",
  name: "Pipedrive Ultimate",
  terms: [{ months: 12 }],
  includes: { modules: ["sales", "leadbooster"] },
  components: [seat("79", "pd-ae"), campaigns],
  limits: caps("20000"),
  source: evidence("pd-ae", "high"),
  asOf: "2026-09-20",
}

export const offers: ReadonlyArray<OfferWire> = [lite, growth, premium, ultimate]
