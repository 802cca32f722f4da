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
import * as Quote from "../src/Quote.js"

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

/** The reference for a pair: a full quote at every seat count, where the cheaper side changes. */
const bruteForce = (a: Offer, b: Offer) => {
  const price = (o: Offer, n: number) =>
    Effect.runSync(
      Quote.make(o, BreakEven.withSeats(profile, n)).pipe(
        Effect.map((q) => q.total.amount),
        Effect.catchTag("SeatLimitExceeded", () => Effect.succeed(undefined)),
      ),
    )
  const crossings: Array<string> = []
  let previous: string | undefined
  for (let n = 1; n <= SEATS; n++) {
    const ca = price(a, n)
    const cb = price(b, n)
    const side =
      ca === undefined
        ? cb === undefined
          ? "neither"
          : "b"
        : cb === undefined || ca.lt(cb)
          ? "a"
          : ca.gt(cb)
            ? "b"
            : "equal"
    if (previous !== undefined && side !== previous) crossings.push(`${n}:${side}`)
    previous = side
  }
  return crossings.join(" ")
}

// Spot-check the sweep against quote-by-quote sweeps of a few pairs (not timed).
const byId = new Map<string, Offer>(offers.map((o) => [o.id, o]))
let crossings = 0
for (const p of report.pairs) crossings += p.crossings.length
const crossed = report.pairs.filter((p) => p.crossings.length > 0)
const checked = [report.pairs[0], crossed[0], crossed[crossed.length >> 1], crossed.at(-1)]
for (const pair of checked) {
  const a = pair === undefined ? undefined : byId.get(pair.a)
  const b = pair === undefined ? undefined : byId.get(pair.b)
  if (pair === undefined || a === undefined || b === undefined) continue
  const solved = pair.crossings.map((c) => `${c.seats}:${c.after}`).join(" ")
  const swept = bruteForce(a, b)
  if (solved !== swept) {
    console.error(`breakeven-sweep: ${pair.a} × ${pair.b} solved [${solved}] but swept [${swept}]`)
    process.exit(1)
  }
}
console.log(
  `pairs=${report.pairs.length} crossings=${crossings} quotes=${report.quotesPriced} failed=${report.failed.length} (${checked.length} pairs checked against a quote-by-quote sweep)`,
)
console.log(`breakeven-sweep offers=${OFFERS} seats=${SEATS} seconds=${seconds.toFixed(3)}`)
