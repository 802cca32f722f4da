/**
 * Quote engine throughput against a plain month-by-month decimal.js loop that
 * computes the same total for the same standard 36-month, six-component quote.
 * Last line: `quote-engine quotes_per_s=<n> naive_loop_per_s=<n> ratio=<engine/naive>`.
 */
import { Effect, Schema } from "effect"
import { Decimal } from "../src/Money.js"
import { Offer } from "../src/Offer.js"
import { Profile } from "../src/Profile.js"
import * as Quote from "../src/Quote.js"

const offer = Schema.decodeUnknownSync(Offer)({
  id: "bench-standard",
  vendor: "Bench",
  name: "Standard",
  currency: "USD",
  source: { source: "bench" },
  asOf: "2026-11-01",
  components: [
    { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "50", per: "month" } },
    {
      _tag: "Module",
      id: "sales",
      name: "Sales",
      module: "sales",
      perSeat: true,
      price: { amount: "10", per: "month" },
    },
    { _tag: "Platform", id: "platform", name: "Platform", price: { amount: "100", per: "month" } },
    {
      _tag: "Usage",
      id: "storage",
      name: "Storage",
      metric: "storage-gb",
      measure: "peak",
      included: { perSeat: "1" },
      pricing: {
        _tag: "Graduated",
        tiers: [{ upTo: "10", unitPrice: "5" }, { unitPrice: "3" }],
      },
    },
    { _tag: "Percentage", id: "support", name: "Support", rate: "0.2", base: ["licence"] },
    { _tag: "OneTime", id: "onboarding", name: "Onboarding", kind: "onboarding", amount: "2000" },
  ],
})

const profile = Schema.decodeUnknownSync(Profile)({
  seats: 25,
  growth: { _tag: "Rate", rate: "0.2", every: "year" },
  modules: ["sales"],
  usage: [{ metric: "storage-gb", perMonth: "60" }],
  horizonMonths: 36,
  startDate: "2026-01-01",
})

const engine = (): Decimal =>
  Effect.runSync(Quote.make(offer, profile, { termMonths: 1 })).total.amount

/** The same total, month by month, written plainly for comparison. */
const naive = (): Decimal => {
  let total = new Decimal(2000)
  const growth = new Decimal("1.2")
  for (let m = 0; m < 36; m++) {
    const seats = new Decimal(25).times(growth.pow(Math.floor(m / 12))).ceil()
    const licence = seats.times(50)
    total = total.plus(licence)
    total = total.plus(seats.times(10))
    total = total.plus(100)
    const billable = Decimal.max(0, new Decimal(60).minus(seats))
    const first = Decimal.min(billable, 10)
    const rest = Decimal.max(0, billable.minus(10))
    total = total.plus(first.times(5)).plus(rest.times(3))
    // Support is 20 % of the licence category: seats and the platform fee.
    total = total.plus(licence.plus(100).times("0.2").toDecimalPlaces(2))
  }
  return total.toDecimalPlaces(2)
}

const perSecond = (f: () => unknown, ms: number): number => {
  let n = 0
  const start = performance.now()
  let now = start
  while (now - start < ms) {
    for (let i = 0; i < 20; i++) f()
    n += 20
    now = performance.now()
  }
  return (n * 1000) / (now - start)
}

const expected = naive()
const actual = engine()
if (!expected.eq(actual)) {
  console.error(
    `quote-engine: totals differ: engine ${actual.toFixed(2)} vs naive ${expected.toFixed(2)}`,
  )
  process.exit(1)
}
console.log(`standard quote total: ${actual.toFixed(2)} USD (engine = naive loop)`)
// Warm up both, then alternate rounds so machine noise hits both alike.
perSecond(engine, 300)
perSecond(naive, 300)
const engineRates: Array<number> = []
const naiveRates: Array<number> = []
for (let round = 0; round < 5; round++) {
  engineRates.push(perSecond(engine, 400))
  naiveRates.push(perSecond(naive, 400))
}
const median = (xs: Array<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
const e = median(engineRates)
const n = median(naiveRates)
console.log(
  `quote-engine quotes_per_s=${Math.round(e)} naive_loop_per_s=${Math.round(n)} ratio=${(e / n).toFixed(2)}`,
)
