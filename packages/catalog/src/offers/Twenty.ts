/**
 * Twenty (USD), reference §2.9. Self-hosting is free (Docker Compose,
 * Postgres, Redis; ≥2 vCPU / 4 GB RAM suggested). Cloud prices are low
 * confidence: the only source (twenty-ae) is stamped "method: generated",
 * which the reference otherwise does not use as price evidence; they are kept
 * because nothing better exists, and marked so.
 */
import type { ComponentWire, OfferWire } from "../OfferWire.js"
import { evidence, referenceDate } from "../Sources.js"
import { openSourceLicence, selfHosting } from "./SelfHostingInputs.js"

const base = { vendor: "Twenty", currency: "USD", trialDays: 30 } as const

export const selfHosted: OfferWire = {
  ...base,
  id: "twenty-self",
  name: "Twenty self-hosted (open source)",
  description:
    "Free licence; you run Docker Compose with Postgres and Redis (≥2 vCPU / 4 GB RAM suggested). Hosting and staff time are explicit inputs.",
  includes: { modules: ["sales"] },
  components: [
    openSourceLicence("twenty-ae", "open source"),
    selfHosting("USD", "Docker Compose, Postgres, Redis"),
  ],
  source: evidence("twenty-ae", "medium"),
  asOf: referenceDate,
}

const cloudSeat = (monthly: string, annual: string): ComponentWire => ({
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
  evidence: evidence(
    "twenty-ae",
    "low",
    `$${monthly} monthly, $${annual} billed annually (25% off); source file is 'method: generated'`,
  ),
})

export const pro: OfferWire = {
  ...base,
  id: "twenty-pro",
  name: "Twenty Pro (cloud)",
  terms: [{ months: 1 }, { months: 12 }],
  includes: { modules: ["sales"] },
  components: [cloudSeat("9", "6.75")],
  source: evidence("twenty-ae", "low"),
  asOf: referenceDate,
}

export const organization: OfferWire = {
  ...base,
  id: "twenty-org",
  name: "Twenty Organization (cloud)",
  terms: [{ months: 1 }, { months: 12 }],
  includes: { modules: ["sales"] },
  components: [cloudSeat("19", "14.25")],
  source: evidence("twenty-ae", "low"),
  asOf: referenceDate,
}

export const offers: ReadonlyArray<OfferWire> = [selfHosted, pro, organization]
