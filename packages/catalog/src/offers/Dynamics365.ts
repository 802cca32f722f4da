/**
 * Microsoft Dynamics 365 Sales (USD), reference §2.6. The first app of a
 * user is bought at the base price, a further app for the same user at the
 * attach price. Dataverse capacity is pooled per tenant: a default plus
 * accruals per licence, and paid add-on capacity above it. Monthly-term (NCE)
 * prices are 1.2 × the annual list.
 */
import type { ComponentWire, OfferWire } from "../OfferWire.js"
import { evidence, referenceDate } from "../Sources.js"

/**
 * Conflict: one advisory claims 10 GB of database capacity per licence;
 * d365-storage gives ~250 MB per licence on a 10 GB tenant default, which the
 * reference calls the right reading. Taken: d365-storage.
 * Schema gap: usage prices cannot vary by term, so the monthly-term capacity
 * prices (48 / 2.40 / 12 per GB) are not used.
 */
const storage: ReadonlyArray<ComponentWire> = [
  {
    _tag: "Usage",
    id: "dataverse-database",
    name: "Dataverse database capacity",
    metric: "data-storage-gb",
    measure: "peak",
    included: { units: "10", perSeat: "0.25" },
    pricing: { _tag: "Package", size: "1", price: "40" },
    evidence: evidence(
      "d365-dbaddon",
      "high",
      "$40/GB/month, minimum 1 unit ($480 a year); 10 GB per tenant + ~250 MB per licence included (d365-storage, low)",
    ),
  },
  {
    _tag: "Usage",
    id: "dataverse-file",
    name: "Dataverse file capacity",
    metric: "file-storage-gb",
    measure: "peak",
    included: { units: "20", perSeat: "2" },
    pricing: { _tag: "Package", size: "1", price: "2" },
    evidence: evidence(
      "d365-invoice",
      "medium",
      "$2/GB/month; 20 GB per tenant + ~2 GB per licence included (d365-storage)",
    ),
  },
  {
    _tag: "Usage",
    id: "dataverse-log",
    name: "Dataverse log capacity",
    metric: "log-storage-gb",
    measure: "peak",
    included: { units: "2" },
    pricing: { _tag: "Package", size: "1", price: "10" },
    evidence: evidence("d365-invoice", "medium", "$10/GB/month; 2 GB per tenant included"),
  },
]

const extras: ReadonlyArray<ComponentWire> = [
  {
    _tag: "Usage",
    id: "copilot-credits",
    name: "Copilot Studio credits",
    metric: "copilot-credits",
    measure: "sum",
    pricing: { _tag: "Package", size: "25000", price: "200" },
    evidence: evidence("neocrm-value", "medium", "$200 per 25,000 credits"),
  },
  {
    _tag: "AddOn",
    id: "customer-insights",
    name: "Customer Insights",
    price: { amount: "1700", per: "month" },
    requiredFor: ["customer-insights"],
    evidence: evidence("neocrm-value", "medium", "per tenant per month"),
  },
]

const base = {
  vendor: "Microsoft",
  currency: "USD",
  description:
    "Annual subscription (NCE). Dataverse capacity pooled per tenant; going over blocks environment create/copy/restore.",
} as const

export const salesProfessional: OfferWire = {
  ...base,
  id: "d365-sales-pro",
  name: "Dynamics 365 Sales Professional",
  terms: [{ months: 12 }],
  includes: { modules: ["sales"] },
  components: [
    {
      _tag: "PerSeat",
      id: "seat",
      name: "Sales Professional licence",
      price: { amount: "65", per: "month" },
      evidence: evidence("neocrm-value", "high", "d365-negotiation agrees"),
    },
    ...storage,
    ...extras,
  ],
  source: evidence("neocrm-value", "high"),
  asOf: referenceDate,
}

export const salesEnterprise: OfferWire = {
  ...base,
  id: "d365-sales-ent",
  name: "Dynamics 365 Sales Enterprise",
  description: `${base.description} Customer Service Enterprise for the same users at the attach price.`,
  terms: [{ months: 12 }, { months: 1 }],
  includes: { modules: ["sales"] },
  components: [
    {
      _tag: "PerSeat",
      id: "seat",
      name: "Sales Enterprise licence",
      price: {
        amount: "105",
        per: "month",
        byTerm: [
          { months: 12, amount: "105", per: "month" },
          { months: 1, amount: "126", per: "month" },
        ],
      },
      evidence: evidence(
        "neocrm-value",
        "high",
        "$105 annual (d365-negotiation agrees); $126 on a monthly NCE term = 1.2 × (d365-invoice, medium)",
      ),
    },
    {
      // The attach price applies because every user already holds the base
      // Sales Enterprise licence; bought alone, CS Enterprise is $105.
      _tag: "Module",
      id: "customer-service-attach",
      name: "Customer Service Enterprise (attach)",
      module: "service",
      perSeat: true,
      price: { amount: "30", per: "month" },
      evidence: evidence(
        "d365-negotiation",
        "low",
        "attach ~$20–30; the source's own example uses $30 (Sales + CS ≈ $135 instead of $210)",
      ),
    },
    ...storage,
    ...extras,
  ],
  source: evidence("neocrm-value", "high"),
  asOf: referenceDate,
}

/** Conflict: an older advisory gives 95/135; taken neocrm-value's 150, the 2026 figure. */
export const salesPremium: OfferWire = {
  ...base,
  id: "d365-sales-premium",
  name: "Dynamics 365 Sales Premium",
  terms: [{ months: 12 }],
  includes: { modules: ["sales"] },
  components: [
    {
      _tag: "PerSeat",
      id: "seat",
      name: "Sales Premium licence",
      price: { amount: "150", per: "month" },
      evidence: evidence("neocrm-value", "medium", "an older advisory gives 95/135"),
    },
    ...storage,
    ...extras,
  ],
  source: evidence("neocrm-value", "medium"),
  asOf: referenceDate,
}

export const offers: ReadonlyArray<OfferWire> = [salesProfessional, salesEnterprise, salesPremium]
