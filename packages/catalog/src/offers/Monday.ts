/**
 * monday CRM (USD), reference §2.7. Minimum 3 seats; sold per group of seats
 * (a team of 8 buys the 10-seat option). Only the 3 and 10 groups are
 * verified, so those are the bundles here and larger teams are billed as
 * counted. Above 40 seats the price is a custom quote: the list price stops
 * at 40 (maxSeats), so a larger need is an error that says so, not a guess.
 * Ultimate (quote only) is left out.
 */
import type { OfferWire } from "../OfferWire.js"
import { evidence, type SourceId } from "../Sources.js"

const plan = (
  id: string,
  name: string,
  monthly: string,
  annual: string,
  source: SourceId,
  confidence: "high" | "medium",
  asOf: string,
  quotas: ReadonlyArray<{ metric: string; units: string; per: "account" | "month" }>,
): OfferWire => ({
  id,
  vendor: "monday.com",
  name,
  currency: "USD",
  description:
    "Minimum 3 seats, sold in seat groups (8 users buy 10); above 40 seats by custom quote. Yearly plans refundable within 30 days.",
  terms: [{ months: 1 }, { months: 12 }],
  includes: { modules: ["sales"] },
  trialDays: 14,
  components: [
    {
      _tag: "PerSeat",
      id: "seat",
      name: "Seat",
      price: {
        amount: monthly,
        per: "month",
        byTerm: [
          { months: 1, amount: monthly, per: "month" },
          { months: 12, amount: annual, per: "month" },
        ],
      },
      minSeats: 3,
      bundles: [3, 10],
      maxSeats: 40,
      evidence: evidence(
        source,
        confidence,
        `$${annual}/seat/month billed annually, $${monthly} monthly; min 3 seats; seat groups 3 and 10 verified (monday-buckets), others unknown; over 40 seats by quote`,
      ),
    },
  ],
  limits: { quotas },
  source: evidence(source, confidence),
  asOf,
})

export const basic = plan(
  "mon-basic",
  "monday CRM Basic",
  "18",
  "12",
  "crm-plan-gates",
  "high",
  "2026-09-27",
  [{ metric: "contacts-and-deals", units: "1000", per: "account" }],
)
export const standard = plan(
  "mon-standard",
  "monday CRM Standard",
  "25",
  "17",
  "monday-hf",
  "medium",
  "2026-09-15",
  [
    { metric: "contacts-and-deals", units: "10000", per: "account" },
    { metric: "automation-actions", units: "250", per: "month" },
  ],
)
export const pro = plan(
  "mon-pro",
  "monday CRM Pro",
  "41",
  "28",
  "monday-hf",
  "medium",
  "2026-09-15",
  [
    { metric: "contacts-and-deals", units: "100000", per: "account" },
    { metric: "automation-actions", units: "25000", per: "month" },
  ],
)

export const offers: ReadonlyArray<OfferWire> = [basic, standard, pro]
