/**
 * HubSpot (USD), reference §2.2. Seat model since 2024-03-05: Sales/Service
 * Seats unlock a hub's Professional/Enterprise features, with no seat
 * minimums (hs-seats-faq). Professional and Enterprise hubs need an annual
 * commitment and charge a one-time onboarding fee per hub.
 */
import { Money } from "@crm-cost/domain"
import type { ComponentWire, OfferWire } from "../OfferWire.js"
import { evidence, referenceDate } from "../Sources.js"

const credits = (included: string): ComponentWire => ({
  _tag: "Usage",
  id: "credits",
  name: "HubSpot credits",
  metric: "hubspot-credits",
  period: "month",
  measure: "sum",
  included: { units: included },
  pricing: { _tag: "Package", size: "1000", price: "10" },
  evidence: evidence(
    "hs-partner-catalog",
    "medium",
    `${included} credits/month included; extra $10 per 1,000 ($9 paid annually per neocrm-value); no rollover`,
  ),
})

const onboarding = (amount: string, confidence: "high" | "medium"): ComponentWire => ({
  _tag: "OneTime",
  id: "onboarding",
  name: "Required onboarding",
  kind: "onboarding",
  amount,
  mandatory: true,
  evidence: evidence("hs-partner-catalog", confidence, "charged per Professional/Enterprise hub"),
})

/**
 * Hub seats. Schema gap: Professional seats cost $100/month on an annual
 * commitment paid monthly, or $90 paid annually up front (saaspare-2026);
 * both are 12-month terms and a term can carry only one price, so the
 * high-confidence commitment price is taken.
 */
const hubSeat = (amount: string, confidence: "high" | "medium", note: string): ComponentWire => ({
  _tag: "PerSeat",
  id: "seat",
  name: "Sales/Service Seat",
  price: { amount, per: "month" },
  evidence: evidence("hs-partner-catalog", confidence, note),
})

/**
 * Marketing Hub contact blocks: contacts above those included are bought in
 * blocks whose price steps down as the count grows, and HubSpot auto-upgrades
 * to the next block. Each block is a graduated tier with a flat fee, so a
 * partly used block is paid in full. The first, empty tier keeps the base-fee
 * rule (a first tier's flat fee is charged at zero) from billing a block
 * nobody uses. Above the last listed step the price is taken per contact.
 */
type TierWire = { readonly upTo?: string; readonly unitPrice: string; readonly flatFee?: string }

const contactBlocks = (
  included: number,
  blockSize: number,
  steps: ReadonlyArray<{ upTo: number; pricePerBlock: string }>,
  thenPerBlock: string,
): readonly [TierWire, ...Array<TierWire>] => {
  const blocks: Array<TierWire> = []
  let end = 0
  for (const step of steps) {
    while (end + blockSize + included <= step.upTo) {
      end += blockSize
      blocks.push({ upTo: String(end), unitPrice: "0", flatFee: step.pricePerBlock })
    }
  }
  const perContact = new Money.Decimal(thenPerBlock).dividedBy(blockSize).toFixed()
  return [{ upTo: "0", unitPrice: "0" }, ...blocks, { unitPrice: perContact }]
}

const base = { vendor: "HubSpot", currency: "USD", trialDays: 14 } as const
const annual = [{ months: 12 }] as const

export const starter: OfferWire = {
  ...base,
  id: "hs-starter",
  name: "Starter (one hub, Smart CRM)",
  description:
    "Same seat price for any Starter hub; each further Starter hub is priced again. Month-to-month allowed.",
  terms: [{ months: 1 }, { months: 12 }],
  includes: { modules: ["sales"] },
  components: [
    {
      // Conflict: $20/seat/month monthly (hs-partner-catalog, high) against $7
      // billed annually (saaspare-2026, also crm-plan-gates and neocrm-value).
      // The partner catalog states only the monthly rate, so both are taken,
      // each for its own term; the $7 is marked low: a 186% monthly premium is
      // implausible and the reference says "verify".
      _tag: "PerSeat",
      id: "seat",
      name: "Starter seat",
      price: {
        amount: "20",
        per: "month",
        byTerm: [
          { months: 1, amount: "20", per: "month" },
          { months: 12, amount: "7", per: "month" },
        ],
      },
      evidence: evidence(
        "hs-partner-catalog",
        "high",
        "$20 monthly; $7 billed annually per saaspare-2026 (low: unusually far below monthly, verify)",
      ),
    },
    {
      _tag: "Usage",
      id: "marketing-contacts",
      name: "Marketing contacts",
      metric: "marketing-contacts",
      measure: "peak",
      included: { units: "1000" },
      pricing: { _tag: "Package", size: "1000", price: "50" },
      evidence: evidence(
        "hs-partner-catalog",
        "medium",
        "1,000 included; extra $50 per 1,000 up to 3,000, then $45 and $40 at bounds the source does not give: $50 taken throughout (may overstate above 3,000)",
      ),
    },
    credits("500"),
  ],
  source: evidence("hs-partner-catalog", "high"),
  asOf: referenceDate,
}

export const salesPro: OfferWire = {
  ...base,
  id: "hs-sales-pro",
  name: "Sales Hub Professional",
  description:
    "Annual commitment payable monthly ($90/seat when paid annually up front). $1,500 onboarding required.",
  terms: annual,
  includes: { modules: ["sales"] },
  components: [
    hubSeat("100", "high", "annual commitment, payable monthly; $90 paid annually (saaspare-2026)"),
    onboarding("1500", "high"),
    credits("3000"),
  ],
  source: evidence("hs-partner-catalog", "high"),
  asOf: referenceDate,
}

export const salesEnterprise: OfferWire = {
  ...base,
  id: "hs-sales-ent",
  name: "Sales Hub Enterprise",
  description: "Billed annually. $3,500 onboarding required.",
  terms: annual,
  includes: { modules: ["sales"] },
  components: [
    hubSeat("150", "high", "billed annually"),
    onboarding("3500", "high"),
    credits("5000"),
  ],
  source: evidence("hs-partner-catalog", "high"),
  asOf: referenceDate,
}

export const servicePro: OfferWire = {
  ...base,
  id: "hs-service-pro",
  name: "Service Hub Professional",
  description: "Same seat prices and onboarding fees as Sales Hub. $1,500 onboarding required.",
  terms: annual,
  includes: { modules: ["service"] },
  components: [
    hubSeat("100", "medium", "'same seat prices and onboarding fees as Sales Hub'"),
    onboarding("1500", "medium"),
    credits("3000"),
  ],
  source: evidence("hs-partner-catalog", "medium"),
  asOf: referenceDate,
}

export const serviceEnterprise: OfferWire = {
  ...base,
  id: "hs-service-ent",
  name: "Service Hub Enterprise",
  description: "Same seat prices and onboarding fees as Sales Hub. $3,500 onboarding required.",
  terms: annual,
  includes: { modules: ["service"] },
  components: [
    hubSeat("150", "medium", "'same seat prices and onboarding fees as Sales Hub'"),
    onboarding("3500", "medium"),
    credits("5000"),
  ],
  source: evidence("hs-partner-catalog", "medium"),
  asOf: referenceDate,
}

/**
 * The $890 platform includes 3 Core Seats; extra seats are $50. Schema gap:
 * a PerSeat cannot include seats, so the platform is split into 740 plus
 * 50 × max(seats, 3) — the same money for any seat count.
 */
export const marketingPro: OfferWire = {
  ...base,
  id: "hs-mkt-pro",
  name: "Marketing Hub Professional",
  description:
    "$890/month platform with 3 Core Seats and 2,000 marketing contacts; extra Core Seat $50/month; contacts in 5,000 blocks with auto-upgrade. $3,000 onboarding required.",
  terms: annual,
  includes: { modules: ["marketing"] },
  components: [
    {
      _tag: "Platform",
      id: "platform",
      name: "Marketing Hub Professional platform (less 3 included Core Seats)",
      price: { amount: "740", per: "month" },
      evidence: evidence(
        "hs-partner-catalog",
        "high",
        "$890/month including 3 Core Seats, shown as 740 + 3 × $50 seat lines",
      ),
    },
    {
      _tag: "PerSeat",
      id: "core-seat",
      name: "Core Seat",
      price: { amount: "50", per: "month" },
      minSeats: 3,
      evidence: evidence(
        "hs-partner-catalog",
        "medium",
        "extra Core Seat $50/month; the 3 included are the minimum",
      ),
    },
    {
      _tag: "Usage",
      id: "marketing-contacts",
      name: "Marketing contact blocks",
      metric: "marketing-contacts",
      measure: "peak",
      included: { units: "2000" },
      pricing: {
        _tag: "Graduated",
        tiers: contactBlocks(
          2000,
          5000,
          [
            { upTo: 22000, pricePerBlock: "250" },
            { upTo: 42000, pricePerBlock: "225" },
            { upTo: 62000, pricePerBlock: "200" },
            { upTo: 82000, pricePerBlock: "175" },
          ],
          "150",
        ),
      },
      evidence: evidence(
        "hs-partner-catalog",
        "medium",
        "5,000-contact blocks: $250 up to 22,000, $225 to 42,000, $200 to 62,000, $175 to 82,000, $150 above (pro rata per contact above 82,000); auto-upgrade per hs-contacts-billing",
      ),
    },
    onboarding("3000", "high"),
  ],
  source: evidence("hs-partner-catalog", "high"),
  asOf: referenceDate,
}

/** As Marketing Pro: 3,600 with 5 Core Seats = 3,225 + 75 × max(seats, 5). */
export const marketingEnterprise: OfferWire = {
  ...base,
  id: "hs-mkt-ent",
  name: "Marketing Hub Enterprise",
  description:
    "$3,600/month platform with 5 Core Seats and 10,000 marketing contacts; extra Core Seat $75/month; contacts in 10,000 blocks from $100. $7,000 onboarding required.",
  terms: annual,
  includes: { modules: ["marketing"] },
  components: [
    {
      _tag: "Platform",
      id: "platform",
      name: "Marketing Hub Enterprise platform (less 5 included Core Seats)",
      price: { amount: "3225", per: "month" },
      evidence: evidence(
        "hs-partner-catalog",
        "high",
        "$3,600/month including 5 Core Seats, shown as 3,225 + 5 × $75 seat lines",
      ),
    },
    {
      _tag: "PerSeat",
      id: "core-seat",
      name: "Core Seat",
      price: { amount: "75", per: "month" },
      minSeats: 5,
      evidence: evidence(
        "hs-partner-catalog",
        "medium",
        "extra Core Seat $75/month; the 5 included are the minimum",
      ),
    },
    {
      _tag: "Usage",
      id: "marketing-contacts",
      name: "Marketing contact blocks",
      metric: "marketing-contacts",
      measure: "peak",
      included: { units: "10000" },
      pricing: { _tag: "Package", size: "10000", price: "100" },
      evidence: evidence(
        "hs-partner-catalog",
        "low",
        "10,000-contact blocks 'from $100/block'; higher-volume steps unknown, $100 taken for every block",
      ),
    },
    onboarding("7000", "high"),
  ],
  source: evidence("hs-partner-catalog", "high"),
  asOf: referenceDate,
}

export const offers: ReadonlyArray<OfferWire> = [
  starter,
  salesPro,
  salesEnterprise,
  servicePro,
  serviceEnterprise,
  marketingPro,
  marketingEnterprise,
]
