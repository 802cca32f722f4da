/**
 * Vtiger CRM One editions (USD), reference §2.9, transcribed verbatim from
 * vtiger.com/pricing (vtiger-ae 2026-10-07). The page has a yearly/monthly
 * toggle ("save up to 34%") and the transcription does not say which was
 * shown; the reference assumes yearly, so only the annual term is offered.
 * Single-app users (cheaper) are not modelled: a plan has one seat price.
 */
import type { OfferWire } from "../OfferWire.js"
import { evidence } from "../Sources.js"

type Quota = { metric: string; units: string; per: "account" | "month"; hard?: boolean }

const edition = (
  id: string,
  name: string,
  amount: string,
  options: {
    maxSeats?: number
    quotas?: ReadonlyArray<Quota>
    singleApp?: string
  },
): OfferWire => ({
  id,
  vendor: "Vtiger",
  name,
  currency: "USD",
  description: `Prices assumed yearly-displayed (the source does not say). At least one Standard user.${
    options.singleApp === undefined ? "" : ` Single-app users $${options.singleApp} (not modelled).`
  }`,
  terms: [{ months: 12 }],
  includes: { modules: ["sales", "service", "marketing"] },
  components: [
    {
      _tag: "PerSeat",
      id: "seat",
      name: "Standard user",
      price: { amount, per: "month" },
      evidence: evidence(
        "vtiger-ae",
        amount === "0" ? "high" : "medium",
        amount === "0" ? "free plan" : "billing period assumed annual",
      ),
    },
  ],
  limits: {
    ...(options.maxSeats === undefined ? {} : { maxSeats: options.maxSeats }),
    quotas: options.quotas ?? [],
  },
  source: evidence("vtiger-ae", "medium"),
  asOf: "2026-10-07",
})

export const pilot = edition("vt-pilot", "Vtiger One Pilot", "0", {
  maxSeats: 10,
  quotas: [
    { metric: "records", units: "3000", per: "account" },
    { metric: "emails", units: "1000", per: "month" },
    { metric: "storage-gb", units: "3", per: "account" },
  ],
})
export const growth = edition("vt-growth", "Vtiger One Growth", "12", {
  maxSeats: 15,
  quotas: [
    { metric: "records", units: "100000", per: "account" },
    { metric: "emails", units: "5000", per: "month" },
  ],
})
export const professional = edition("vt-professional", "Vtiger One Professional", "30", {
  quotas: [{ metric: "emails", units: "20000", per: "month" }],
  singleApp: "20",
})
export const enterprise = edition("vt-enterprise", "Vtiger One Enterprise", "42", {
  singleApp: "30",
})
export const ai = edition("vt-ai", "Vtiger One AI", "50", { singleApp: "38" })

export const offers: ReadonlyArray<OfferWire> = [pilot, growth, professional, enterprise, ai]
