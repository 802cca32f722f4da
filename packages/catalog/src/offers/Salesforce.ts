/**
 * Salesforce Sales Cloud (USD), reference §2.1. Pro Suite and above are
 * annual only (cash up front); Starter is the same price monthly or annually.
 * On 2026-09-03 Core/Advanced/Max replaced Enterprise/Unlimited/Agentforce 1
 * for new buyers; the older editions stay here as `legacy` for renewals.
 *
 * Not modelled: the "~7% default renewal escalator" (sf-redress-2026, low
 * confidence, negotiable) — it is an advisory's anchor, not a contract term,
 * so it would move every Salesforce total on weak evidence; it is named in
 * the descriptions instead.
 */
import type { ComponentWire, OfferWire } from "../OfferWire.js"
import { evidence } from "../Sources.js"

const annualOnly = [{ months: 12 }] as const
const escalatorNote =
  "Advisories cite a ~7% default renewal escalator (negotiable, low confidence; not modelled)."

const seat = (amount: string, source: "sf-ae-plans" | "sf-2026-editions", note?: string) =>
  ({
    _tag: "PerSeat",
    id: "seat",
    name: "User licence",
    price: { amount, per: "month" },
    evidence: evidence(source, source === "sf-ae-plans" ? "high" : "medium", note),
  }) as const satisfies ComponentWire

const apiAddOn: ComponentWire = {
  _tag: "AddOn",
  id: "api",
  name: "Web Services API add-on",
  kind: "integration",
  price: { amount: "25", per: "month" },
  perSeat: true,
  requiredFor: ["api"],
  evidence: evidence("sf-ae-plans", "medium", "Web Services API – Additional $25 USD/user/month"),
}

/**
 * Data storage. Conflict: sf-storage (2025-06) gives 10 GB/org + 20 MB/user
 * for Pro/Enterprise and + 120 MB/user for Unlimited; sf-cta-storage
 * (community, 2023) gives 120 MB/user with no edition split. Taken:
 * sf-storage — newer, and it splits by edition. 1 GB is taken as 1,000 MB.
 */
const dataStorage = (perSeatGb: string, confidence: "medium" | "low"): ComponentWire => ({
  _tag: "Usage",
  id: "data-storage",
  name: "Data storage overage",
  metric: "data-storage-gb",
  measure: "peak",
  included: { units: "10", perSeat: perSeatGb },
  pricing: { _tag: "Package", size: "0.5", price: "125" },
  evidence: evidence(
    "sf-storage",
    confidence,
    `10 GB per org + ${perSeatGb} GB per user included; $125/month per 500 MB over`,
  ),
})

const fileStorage: ComponentWire = {
  _tag: "Usage",
  id: "file-storage",
  name: "File storage overage",
  metric: "file-storage-gb",
  measure: "peak",
  included: { units: "10", perSeat: "2" },
  pricing: { _tag: "PerUnit", unitPrice: "5" },
  evidence: evidence("sf-storage", "low", "10 GB per org + 2 GB per user; about $5/GB/month over"),
}

const premier: ComponentWire = {
  _tag: "Percentage",
  id: "premier-success",
  name: "Premier Success Plan",
  rate: "0.30",
  base: ["licence"],
  mandatory: false,
  evidence: evidence("sf-premier", "low", "list anchor 30% of net licence; negotiated 20–30%"),
}

const signature: ComponentWire = {
  _tag: "Percentage",
  id: "signature-success",
  name: "Signature Success Plan",
  rate: "0.35",
  base: ["licence"],
  mandatory: false,
  evidence: evidence("sf-signature", "low", "30–40% of net licence; midpoint taken"),
}

const salesEngagement: ComponentWire = {
  _tag: "AddOn",
  id: "sales-engagement",
  name: "Sales Engagement",
  price: { amount: "50", per: "month" },
  perSeat: true,
  requiredFor: ["sales-engagement"],
  evidence: evidence("crm-plan-gates", "medium"),
}

const flexCredits = (included: string): ComponentWire => ({
  _tag: "Usage",
  id: "flex-credits",
  name: "Agentforce Flex Credits",
  metric: "flex-credits",
  period: "year",
  measure: "sum",
  included: { units: included },
  pricing: { _tag: "Package", size: "100000", price: "500" },
  evidence: evidence(
    "sf-flex",
    "medium",
    `${included} credits/org/year included (sf-2026-editions); $500 per 100,000 credits, no rollover; a standard action uses 20 credits`,
  ),
})

const base = {
  vendor: "Salesforce",
  currency: "USD",
  trialDays: 30,
} as const

export const starterSuite: OfferWire = {
  ...base,
  id: "sf-starter-suite",
  name: "Sales Cloud Starter Suite",
  description: "Monthly or annual at the same price. API access is a paid add-on.",
  terms: [{ months: 1 }, { months: 12 }],
  includes: { modules: ["sales"] },
  components: [seat("25", "sf-ae-plans", "same price monthly or annual"), apiAddOn],
  source: evidence("sf-ae-plans", "high"),
  asOf: "2026-08-13",
}

export const proSuite: OfferWire = {
  ...base,
  id: "sf-pro-suite",
  name: "Sales Cloud Pro Suite",
  description: `Annual only ($1,200 per seat up front). API access is a paid add-on. ${escalatorNote}`,
  terms: annualOnly,
  includes: { modules: ["sales"] },
  components: [seat("100", "sf-ae-plans", "annual only"), apiAddOn],
  source: evidence("sf-ae-plans", "high"),
  asOf: "2026-08-13",
}

export const enterprise: OfferWire = {
  ...base,
  id: "sf-enterprise",
  name: "Sales Cloud Enterprise (legacy)",
  status: "legacy",
  description: `Legacy from 2026-09-03 (list 150 → 165 in Aug 2023 → 175 in Aug 2025). API included; Premier/Signature support as % of net licence. ${escalatorNote}`,
  terms: annualOnly,
  includes: { modules: ["sales"], integrations: ["api"] },
  components: [
    seat("175", "sf-ae-plans", "was 150, then 165 (Aug 2023), 175 since Aug 2025"),
    dataStorage("0.02", "medium"),
    fileStorage,
    premier,
    signature,
    salesEngagement,
  ],
  source: evidence("sf-ae-plans", "high"),
  asOf: "2026-08-13",
}

export const unlimited: OfferWire = {
  ...base,
  id: "sf-unlimited",
  name: "Sales Cloud Unlimited (legacy)",
  status: "legacy",
  description: `Legacy from 2026-09-03 (was 330). Includes Premier Success and a Full sandbox. ${escalatorNote}`,
  terms: annualOnly,
  includes: { modules: ["sales"], integrations: ["api"] },
  components: [
    seat("350", "sf-ae-plans", "was 330 until Aug 2025; includes Premier Success and Full sandbox"),
    dataStorage("0.12", "low"),
    fileStorage,
    signature,
  ],
  source: evidence("sf-ae-plans", "high"),
  asOf: "2026-08-13",
}

export const agentforce1: OfferWire = {
  ...base,
  id: "sf-agentforce1-sales",
  name: "Agentforce 1 Sales (legacy)",
  status: "legacy",
  description: `Legacy from 2026-09-03 (was 500). Data Cloud, Slack and unmetered employee agents. ${escalatorNote}`,
  terms: annualOnly,
  includes: { modules: ["sales"], integrations: ["api"] },
  components: [seat("550", "sf-ae-plans", "was 500 until Aug 2025")],
  source: evidence("sf-ae-plans", "high"),
  asOf: "2026-08-13",
}

export const core: OfferWire = {
  ...base,
  id: "sf-core",
  name: "Sales Cloud Core (2026 edition)",
  description: `Replaces Enterprise from 2026-09-03. Bundles Slack Business+, Tableau Next, security and (per secondary sources) Premier Success; 500k Flex Credits per org per year. ${escalatorNote}`,
  terms: annualOnly,
  includes: { modules: ["sales"], integrations: ["api"] },
  components: [seat("195", "sf-2026-editions", "annual only"), flexCredits("500000")],
  source: evidence("sf-2026-editions", "medium"),
  asOf: "2026-09-03",
}

export const advanced: OfferWire = {
  ...base,
  id: "sf-advanced",
  name: "Sales Cloud Advanced (2026 edition)",
  description: `Sales Engagement bundled; 1M Flex Credits per org per year. ${escalatorNote}`,
  terms: annualOnly,
  includes: { modules: ["sales", "sales-engagement"], integrations: ["api"] },
  components: [seat("395", "sf-2026-editions", "annual only"), flexCredits("1000000")],
  source: evidence("sf-2026-editions", "medium"),
  asOf: "2026-09-03",
}

export const max: OfferWire = {
  ...base,
  id: "sf-max",
  name: "Sales Cloud Max (2026 edition)",
  description: `2.75M Flex Credits per org per year. ${escalatorNote}`,
  terms: annualOnly,
  includes: { modules: ["sales"], integrations: ["api"] },
  components: [seat("550", "sf-2026-editions", "annual only"), flexCredits("2750000")],
  source: evidence("sf-2026-editions", "medium"),
  asOf: "2026-09-03",
}

export const offers: ReadonlyArray<OfferWire> = [
  starterSuite,
  proSuite,
  enterprise,
  unlimited,
  agentforce1,
  core,
  advanced,
  max,
]
