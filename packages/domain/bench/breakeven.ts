/**
 * Break-even sweep: every pair of 100 generated offers (per-seat prices,
 * minimum seats, seat bundles, plan maximums, usage tiers with per-seat
 * allowances, flat fees, term books) over constant seat counts 1..1000.
 * Last line: `breakeven-sweep offers=100 seats=1000 seconds=<s>`.
 */
import { Effect, Schema } from "effect"
import * as BreakEven from "../src/BreakEven.js"
import { Offer } from "../src/Offer.js"
import { Profile } from "../src/Profile.js"

const OFFERS = 100
const SEATS = 1000

/** A small deterministic generator (LCG), so every run prices the same offers. */
const random = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}
const next = random(20261127)
const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
const chance = (p: number) => next() < p
const price = (min: number, max: number) => (int(min * 100, max * 100) / 100).toFixed(2)

const generated = (i: number): Offer => {
  const components: Array<Record<string, unknown>> = []
  const bundles = chance(0.3)
    ? [...new Set(Array.from({ length: int(1, 5) }, () => int(2, 1200)))].sort((a, b) => a - b)
    : undefined
  components.push({
    _tag: "PerSeat",
    id: "seat",
    name: "User",
    price: { amount: price(5, 150), per: chance(0.5) ? "month" : "year" },
    ...(chance(0.4) ? { minSeats: int(2, 300) } : {}),
    ...(bundles === undefined ? {} : { bundles }),
    ...(chance(0.15) ? { maxSeats: int(200, 1500) } : {}),
  })
  if (chance(0.6))
    components.push({
      _tag: "Platform",
      id: "platform",
      name: "Platform",
      price: { amount: price(0, 5000), per: "month" },
    })
  if (chance(0.5))
    components.push({
      _tag: "Usage",
      id: "storage",
      name: "Storage",
      metric: "storage-gb",
      measure: "peak",
      included: { perSeat: String(int(1, 10)) },
      pricing: {
        _tag: chance(0.5) ? "Graduated" : "Volume",
        tiers: [
          { upTo: String(int(100, 1000)), unitPrice: price(1, 10), flatFee: price(0, 100) },
          { upTo: "5000", unitPrice: price(0.5, 5) },
          { unitPrice: price(0.1, 1) },
        ],
      },
      ...(chance(0.3) ? { minimumCommitment: price(10, 500) } : {}),
    })
  if (chance(0.4))
    components.push({
      _tag: "OneTime",
      id: "onboarding",
      name: "Onboarding",
      kind: "onboarding",
      amount: price(500, 50000),
    })
  if (chance(0.3))
    components.push({
      _tag: "Percentage",
      id: "support",
      name: "Support",
      rate: "0.2",
      base: ["licence"],
    })
  const terms = chance(0.5)
    ? [{ months: 1 }, { months: 12, discount: String(int(5, 25) / 100) }]
    : [{ months: 1 }]
  return Schema.decodeUnknownSync(Offer)({
    id: `offer-${i}`,
    vendor: `Vendor ${i}`,
    name: "Plan",
    currency: "USD",
    source: { source: "bench" },
    asOf: "2026-11-01",
    terms,
    components,
  })
}

const offers = Array.from({ length: OFFERS }, (_, i) => generated(i))
const profile = Schema.decodeUnknownSync(Profile)({
  seats: 1,
  usage: [{ metric: "storage-gb", perMonth: "4000" }],
  horizonMonths: 36,
  startDate: "2026-01-01",
})

const sweep = () => Effect.runSync(BreakEven.seats(offers, profile, { from: 1, to: SEATS }))

const start = performance.now()
const report = sweep()
const seconds = (performance.now() - start) / 1000
let crossings = 0
for (const p of report.pairs) crossings += p.crossings.length
console.log(`pairs=${report.pairs.length} crossings=${crossings} failed=${report.failed.length}`)
console.log(`breakeven-sweep offers=${OFFERS} seats=${SEATS} seconds=${seconds.toFixed(3)}`)
