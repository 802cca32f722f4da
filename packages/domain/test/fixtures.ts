/** Offers and profiles as wire data, decoded with the domain's schemas. */
import { Schema } from "effect"
import { Offer } from "../src/Offer.js"
import { Profile } from "../src/Profile.js"

export const offer = (wire: Record<string, unknown>): Offer =>
  Schema.decodeUnknownSync(Offer)({
    id: "test-offer",
    vendor: "Test",
    name: "Test offer",
    currency: "USD",
    source: { source: "test" },
    asOf: "2026-11-01",
    components: [],
    ...wire,
  })

export const profile = (wire: Record<string, unknown>): Profile =>
  Schema.decodeUnknownSync(Profile)({
    seats: 10,
    horizonMonths: 12,
    startDate: "2026-01-01",
    ...wire,
  })

/** The source's five example offers. */
export const perUser = offer({
  id: "example-per-user",
  components: [
    { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "50", per: "month" } },
  ],
})

export const perModule = offer({
  id: "example-per-module",
  components: [
    {
      _tag: "Module",
      id: "sales",
      name: "Sales",
      module: "sales",
      price: { amount: "200", per: "month" },
    },
    {
      _tag: "Module",
      id: "service",
      name: "Service",
      module: "service",
      price: { amount: "150", per: "month" },
    },
    {
      _tag: "Module",
      id: "marketing",
      name: "Marketing",
      module: "marketing",
      price: { amount: "100", per: "month" },
    },
  ],
})

export const termBook = offer({
  id: "example-per-term",
  terms: [{ months: 1 }, { months: 3 }, { months: 12 }],
  components: [
    {
      _tag: "Platform",
      id: "plan",
      name: "Plan",
      price: {
        amount: "500",
        per: "month",
        byTerm: [
          { months: 1, amount: "500", per: "term" },
          { months: 3, amount: "1400", per: "term" },
          { months: 12, amount: "5200", per: "term" },
        ],
      },
    },
  ],
})

export const customProject = offer({
  id: "example-custom",
  components: [
    {
      _tag: "OneTime",
      id: "project",
      name: "Custom project",
      kind: "custom-development",
      amount: "50000",
      milestones: [
        { name: "Kick-off", month: 0, share: "0.3" },
        { name: "Delivery", month: 3, share: "0.4" },
        { name: "Acceptance", month: 5, share: "0.3" },
      ],
    },
  ],
})

export const openSource = offer({
  id: "example-open-source",
  components: [
    {
      _tag: "SelfHosting",
      id: "hosting",
      name: "Self-hosting",
      infrastructurePerMonth: "100",
      adminHoursPerMonth: "4",
      upgradeHoursPerYear: "16",
    },
  ],
})
