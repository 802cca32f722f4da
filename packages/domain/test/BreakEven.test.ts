import { describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck as fc } from "effect"

import * as BreakEven from "../src/BreakEven.js"
import type { Offer } from "../src/Offer.js"
import type { Profile } from "../src/Profile.js"
import * as Quote from "../src/Quote.js"
import { customProject, offer, perUser, profile, termBook } from "./fixtures.js"

/** The reference: a full quote at every seat count, and where the cheaper side changes. */
const bruteForce = (a: Offer, b: Offer, need: Profile, from: number, to: number) =>
  Effect.gen(function* () {
    const currency = yield* BreakEven.comparisonCurrency([a, b], need)
    const price = (o: Offer, n: number) =>
      Quote.make(o, BreakEven.withSeats(need, n)).pipe(
        Effect.flatMap((q) => BreakEven.comparableTotal(q, currency)),
        Effect.map((m) => m.amount),
        Effect.catchTag("SeatLimitExceeded", () => Effect.succeed(undefined)),
      )
    const sides: Array<BreakEven.Side> = []
    // Which of the pair a quote prices at each seat count.
    const sold: Array<{ a: boolean; b: boolean }> = []
    for (let n = from; n <= to; n++) {
      const ca = yield* price(a, n)
      const cb = yield* price(b, n)
      sold.push({ a: ca !== undefined, b: cb !== undefined })
      sides.push(
        ca === undefined
          ? cb === undefined
            ? "neither"
            : "b"
          : cb === undefined
            ? "a"
            : ca.lt(cb)
              ? "a"
              : ca.gt(cb)
                ? "b"
                : "equal",
      )
    }
    const crossings: Array<Omit<BreakEven.SeatCrossing, "cause">> = []
    for (let k = 1; k < sides.length; k++) {
      const before = sides[k - 1]
      const after = sides[k]
      const was = sold[k - 1]
      const is = sold[k]
      if (before === undefined || after === undefined || was === undefined || is === undefined)
        continue
      const dropped = (["a", "b"] as const).filter((side) => was[side] && !is[side])
      if (before !== after) crossings.push({ seats: from + k, before, after, dropped })
    }
    return { start: sides[0], crossings }
  })

const money = (min: number, max: number) =>
  fc.integer({ min, max }).map((cents) => (cents / 100).toFixed(2))

/** Offers built from the pricing features that make cost step or bend with seats. */
const generatedOffer = (id: string) =>
  fc
    .record({
      seatPrice: money(0, 12000),
      per: fc.constantFrom("month", "year"),
      minSeats: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
      bundles: fc.option(
        fc.uniqueArray(fc.integer({ min: 1, max: 2500 }), { minLength: 1, maxLength: 6 }),
        { nil: undefined },
      ),
      maxSeats: fc.option(fc.integer({ min: 100, max: 3000 }), { nil: undefined }),
      platform: fc.option(money(0, 200000), { nil: undefined }),
      moduleSeat: fc.option(money(1, 3000), { nil: undefined }),
      usage: fc.option(
        fc.record({
          perSeat: fc.integer({ min: 1, max: 20 }),
          pricing: fc.oneof(
            fc.record({
              _tag: fc.constant("Graduated" as const),
              tiers: fc.tuple(money(1, 500), money(0, 300), fc.option(money(0, 5000))),
            }),
            fc.record({
              _tag: fc.constant("Volume" as const),
              tiers: fc.tuple(money(1, 500), money(0, 300), fc.option(money(0, 5000))),
            }),
            fc.record({
              _tag: fc.constant("Package" as const),
              tiers: fc.tuple(money(100, 50000), money(1, 20000), fc.constant(null)),
            }),
          ),
          minimum: fc.option(money(0, 20000), { nil: undefined }),
        }),
        { nil: undefined },
      ),
      terms: fc.subarray([1, 3, 12], { minLength: 1 }),
      annualDiscount: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
      support: fc.option(fc.integer({ min: 1, max: 25 }), { nil: undefined }),
      promotion: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
      onboarding: fc.option(money(0, 500000), { nil: undefined }),
      uplift: fc.option(fc.integer({ min: 1, max: 15 }), { nil: undefined }),
      currency: fc.constantFrom("USD", "EUR"),
      secondSeat: fc.option(
        fc.record({ price: money(0, 5000), minSeats: fc.integer({ min: 1, max: 900 }) }),
        { nil: undefined },
      ),
    })
    .map((g) => {
      const components: Array<Record<string, unknown>> = [
        {
          _tag: "PerSeat",
          id: "seat",
          name: "User",
          price: { amount: g.seatPrice, per: g.per },
          ...(g.minSeats === undefined ? {} : { minSeats: g.minSeats }),
          ...(g.bundles === undefined ? {} : { bundles: [...g.bundles].sort((x, y) => x - y) }),
          ...(g.maxSeats === undefined ? {} : { maxSeats: g.maxSeats }),
        },
      ]
      if (g.secondSeat !== undefined)
        components.push({
          _tag: "PerSeat",
          id: "service-seat",
          name: "Service user",
          price: { amount: g.secondSeat.price, per: "month" },
          minSeats: g.secondSeat.minSeats,
        })
      if (g.platform !== undefined)
        components.push({
          _tag: "Platform",
          id: "platform",
          name: "Platform",
          price: { amount: g.platform, per: "year" },
        })
      components.push({
        _tag: "Module",
        id: "sales",
        name: "Sales",
        module: "sales",
        perSeat: g.moduleSeat !== undefined,
        price: { amount: g.moduleSeat ?? "99", per: "month" },
      })
      if (g.usage !== undefined) {
        const [x, y, z] = g.usage.pricing.tiers
        components.push({
          _tag: "Usage",
          id: "storage",
          name: "Storage",
          metric: "storage-gb",
          measure: "peak",
          included: { perSeat: String(g.usage.perSeat) },
          pricing:
            g.usage.pricing._tag === "Package"
              ? { _tag: "Package", size: x, price: y }
              : {
                  _tag: g.usage.pricing._tag,
                  tiers: [
                    { upTo: "500", unitPrice: x, ...(z ? { flatFee: z } : {}) },
                    { upTo: "3000", unitPrice: y },
                    { unitPrice: "0.5", flatFee: "10" },
                  ],
                },
          ...(g.usage.minimum === undefined ? {} : { minimumCommitment: g.usage.minimum }),
        })
      }
      if (g.support !== undefined)
        components.push({
          _tag: "Percentage",
          id: "support",
          name: "Support",
          rate: String(g.support / 100),
          base: ["licence", "modules"],
        })
      if (g.promotion !== undefined)
        components.push({
          _tag: "Promotion",
          id: "promo",
          name: "Launch offer",
          percentOff: "0.25",
          months: g.promotion,
        })
      if (g.uplift !== undefined)
        components.push({
          _tag: "RenewalUplift",
          id: "uplift",
          name: "Renewal uplift",
          rate: String(g.uplift / 100),
        })
      if (g.onboarding !== undefined)
        components.push({
          _tag: "OneTime",
          id: "onboarding",
          name: "Onboarding",
          kind: "onboarding",
          amount: g.onboarding,
        })
      return offer({
        id,
        currency: g.currency,
        terms: g.terms.map((months) =>
          months === 12 && g.annualDiscount !== undefined
            ? { months, discount: String(g.annualDiscount / 100) }
            : { months },
        ),
        components,
      })
    })

const generatedProfile = fc
  .record({
    horizon: fc.integer({ min: 1, max: 24 }),
    storage: fc.integer({ min: 0, max: 30000 }),
    growth: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    tax: fc.option(fc.constantFrom("0.06", "0.13"), { nil: undefined }),
  })
  .map((g) =>
    profile({
      horizonMonths: g.horizon,
      currency: "USD",
      fx: { asOf: "2026-11-01", rates: [{ from: "EUR", to: "USD", rate: "1.0837" }] },
      modules: ["sales"],
      usage: [
        {
          metric: "storage-gb",
          perMonth: String(g.storage),
          ...(g.growth === undefined ? {} : { monthlyGrowth: String(g.growth / 100) }),
        },
      ],
      ...(g.tax === undefined ? {} : { tax: { rate: g.tax } }),
    }),
  )

describe("BreakEven", () => {
  it.effect("finds the seat count at which per-seat pricing overtakes a flat plan", () =>
    Effect.gen(function* () {
      // 50/seat/month vs 500/month flat: equal at 10 seats, flat cheaper from 11.
      const r = yield* BreakEven.between(
        perUser,
        termBook,
        profile({ horizonMonths: 1, terms: [1] }),
        { from: 1, to: 50 },
      )
      expect(r.start).toBe("a")
      expect(r.crossings).toEqual([
        { seats: 10, before: "a", after: "equal", cause: "price", dropped: [] },
        { seats: 11, before: "equal", after: "b", cause: "price", dropped: [] },
      ])
    }),
  )

  it.effect("reports where a plan maximum makes the other offer the only one left", () =>
    Effect.gen(function* () {
      const capped = offer({
        id: "capped",
        components: [
          {
            _tag: "PerSeat",
            id: "seat",
            name: "User",
            price: { amount: "10", per: "month" },
            maxSeats: 25,
          },
        ],
      })
      const r = yield* BreakEven.between(capped, perUser, profile({}), { from: 1, to: 40 })
      expect(r.start).toBe("a")
      expect(r.crossings).toEqual([
        { seats: 26, before: "a", after: "b", cause: "seat-limit", dropped: ["a"] },
      ])
    }),
  )

  it.effect(
    "names only the plan that stops selling when the other's maximum is below the range",
    () =>
      Effect.gen(function* () {
        const capped = (id: string, price: string, maxSeats: number) =>
          offer({
            id,
            components: [
              {
                _tag: "PerSeat",
                id: "seat",
                name: "User",
                price: { amount: price, per: "month" },
                maxSeats,
              },
            ],
          })
        // "a" sells up to 5 seats, never in 10..30; "b" up to 20.
        const r = yield* BreakEven.between(
          capped("a", "10", 5),
          capped("b", "12", 20),
          profile({}),
          {
            from: 10,
            to: 30,
          },
        )
        expect(r.start).toBe("b")
        expect(r.crossings).toEqual([
          { seats: 21, before: "b", after: "neither", cause: "seat-limit", dropped: ["b"] },
        ])
      }),
  )

  it.effect("finds every crossing of seat bundles against per-seat pricing", () =>
    Effect.gen(function* () {
      const bundled = offer({
        id: "bundled",
        components: [
          {
            _tag: "PerSeat",
            id: "seat",
            name: "User",
            price: { amount: "40", per: "month" },
            bundles: [5, 10, 20],
          },
        ],
      })
      const need = profile({ horizonMonths: 1 })
      const r = yield* BreakEven.between(bundled, perUser, need, { from: 1, to: 30 })
      const reference = yield* bruteForce(bundled, perUser, need, 1, 30)
      expect(r.start).toBe(reference.start)
      expect(r.crossings.map(({ cause: _, ...c }) => c)).toEqual(reference.crossings)
      // 5 seats bundled: 200 vs 250; 11 seats: 400 (bundle of 20) vs 550; 6 seats: 400 vs 300.
      expect(r.crossings.length).toBeGreaterThan(2)
    }),
  )

  it.effect.prop(
    "finds every seat crossing a quote-by-quote sweep over 1..2000 finds, and no other",
    [generatedOffer("a"), generatedOffer("b"), generatedProfile],
    ([a, b, need]) =>
      Effect.gen(function* () {
        const report = yield* BreakEven.seats([a, b], need)
        const r = report.pairs[0]
        const reference = yield* bruteForce(a, b, need, 1, 2000)
        expect({ start: r?.start, crossings: r?.crossings.map(({ cause: _, ...c }) => c) }).toEqual(
          reference,
        )
        // Solved, not swept: a handful of quotes check the model and settle near-ties.
        expect(report.quotesPriced).toBeLessThan(400)
      }),
    { timeout: 120_000, fastCheck: { numRuns: 8 } },
  )

  it.effect("dates the month in which a project's cumulative cost falls below a subscription", () =>
    Effect.gen(function* () {
      const need = profile({ seats: 100, horizonMonths: 24 })
      const project = yield* Quote.make(customProject, need)
      const subscription = yield* Quote.make(perUser, need)
      // 5,000 a month against 15,000 / 20,000 / 15,000 in months 1, 4 and 6.
      const r = yield* BreakEven.months(subscription, project, "USD")
      expect(r.start).toBe("a")
      expect(r.crossings).toEqual([
        { month: 2, before: "a", after: "equal" },
        { month: 3, before: "equal", after: "a" },
        { month: 9, before: "a", after: "equal" },
        { month: 10, before: "equal", after: "b" },
      ])
    }),
  )

  it.effect("refuses to compare offers in two currencies without a profile currency", () =>
    Effect.gen(function* () {
      const cny = offer({ id: "cny", currency: "CNY", components: [] })
      const error = yield* Effect.flip(BreakEven.between(perUser, cny, profile({})))
      expect(error._tag).toBe("IncomparableCurrencies")
    }),
  )
})
