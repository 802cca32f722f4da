/**
 * SugarCRM (USD), reference §2.11: billed annually with a 15-user minimum
 * (sugar-ae); contractual uplift at renewal of 8% on a 1-year term, 6% on 2
 * years, 4% on 3+ years, capped at the current list (sugar-policy). Seats
 * cannot be decreased mid-term. Schema gaps: one uplift rate per offer, so
 * only the 1-year term (8%) is offered; the list cap and the 5% late-renewal
 * fee cannot be expressed.
 */
import type { OfferWire } from "../OfferWire.js"
import { evidence } from "../Sources.js"

const edition = (id: string, name: string, amount: string): OfferWire => ({
  id,
  vendor: "SugarCRM",
  name,
  currency: "USD",
  description:
    "Billed annually, 15-user minimum. Renewal uplift 8% (1-year term; 6% on 2-year, 4% on 3+-year), capped at list; 5% late-renewal fee; no mid-term seat decreases.",
  terms: [{ months: 12 }],
  includes: { modules: ["sales"] },
  seatReductions: "at-renewal",
  components: [
    {
      _tag: "PerSeat",
      id: "seat",
      name: "User licence",
      price: { amount, per: "month" },
      minSeats: 15,
      evidence: evidence("sugar-ae", "medium", "billed annually, 15-user minimum"),
    },
    {
      _tag: "RenewalUplift",
      id: "renewal-uplift",
      name: "Contractual renewal uplift",
      rate: "0.08",
      everyMonths: 12,
      evidence: evidence(
        "sugar-policy",
        "high",
        "8% on a 1-year term (6% on 2 years, 4% on 3+), capped at current list",
      ),
    },
  ],
  source: evidence("sugar-ae", "medium"),
  asOf: "2026-08-13",
})

export const standard = edition("sugar-standard", "SugarCRM Standard", "59")
export const advanced = edition("sugar-advanced", "SugarCRM Advanced", "85")
export const premier = edition("sugar-premier", "SugarCRM Premier", "135")

export const offers: ReadonlyArray<OfferWire> = [standard, advanced, premier]
