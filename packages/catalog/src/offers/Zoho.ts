/**
 * Zoho CRM (USD), reference §2.3. Licences are billed whether users are active
 * or not (zoho-faq). Daily API credits (50,000 + 250/500/1,000/2,000 per user)
 * are not modelled: a quota cannot be per day. The Free edition (≤3 users) is
 * left out: the standard 10-seat profile cannot use it.
 */
import type { ComponentWire, OfferWire } from "../OfferWire.js"
import { evidence, referenceDate } from "../Sources.js"

const paidSupport: ComponentWire = {
  _tag: "Unpriced",
  id: "premium-support",
  name: "Premium or Enterprise support",
  category: "support",
  reason: "Classic support is included; Premium and Enterprise support are paid, price not found",
  requiredFor: ["premium-support"],
  evidence: evidence("zoho-faq", "high"),
}

const base = { vendor: "Zoho", currency: "USD", trialDays: 15 } as const
const note =
  "Licences are billed whether users are active or not. Record and storage caps are a dataset transcription (crm-plan-gates), unverified."

export const standard: OfferWire = {
  ...base,
  id: "zoho-standard",
  name: "Zoho CRM Standard",
  description: note,
  terms: [{ months: 1 }, { months: 12 }],
  includes: { modules: ["sales"] },
  components: [
    {
      _tag: "PerSeat",
      id: "seat",
      name: "User licence",
      price: {
        amount: "20",
        per: "month",
        byTerm: [
          { months: 1, amount: "20", per: "month" },
          { months: 12, amount: "14", per: "month" },
        ],
      },
      evidence: evidence("zoho-prisbok", "high", "$20 monthly, $14/month billed annually"),
    },
    paidSupport,
  ],
  limits: { quotas: [{ metric: "records", units: "100000", per: "account" }] },
  source: evidence("zoho-prisbok", "high"),
  asOf: "2026-08-05",
}

const annualEdition = (id: string, name: string, amount: string, storageGb: string): OfferWire => ({
  ...base,
  id,
  name,
  description: `${note} Monthly billing exists but its price was not found, so only the annual term is offered.`,
  terms: [{ months: 12 }],
  includes: { modules: ["sales"] },
  components: [
    {
      _tag: "PerSeat",
      id: "seat",
      name: "User licence",
      price: { amount, per: "month" },
      evidence: evidence("neocrm-value", "medium", "billed annually"),
    },
    paidSupport,
  ],
  limits: { quotas: [{ metric: "storage-gb", units: storageGb, per: "account" }] },
  source: evidence("neocrm-value", "medium"),
  asOf: referenceDate,
})

export const professional = annualEdition("zoho-professional", "Zoho CRM Professional", "23", "10")
export const enterprise = annualEdition("zoho-enterprise", "Zoho CRM Enterprise", "40", "10")
export const ultimate = annualEdition("zoho-ultimate", "Zoho CRM Ultimate", "52", "30")

export const offers: ReadonlyArray<OfferWire> = [standard, professional, enterprise, ultimate]
