import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Quote from "../src/Quote.js"
import { offer, profile } from "./fixtures.js"

const seat = (price: string, extra: Record<string, unknown> = {}) => ({
  _tag: "PerSeat",
  id: "seat",
  name: "User",
  price: { amount: price, per: "month" },
  ...extra,
})

const total = (q: Quote.Quote) => q.total.toString()
const sumLines = (q: Quote.Quote) =>
  q.lines.reduce((acc, l) => acc.plus(l.amount.amount), q.total.amount.minus(q.total.amount))

describe("Quote semantics", () => {
  it.effect("bills the minimum seats when fewer are needed", () =>
    Effect.gen(function* () {
      const o = offer({ components: [seat("10", { minSeats: 5 })] })
      expect(total(yield* Quote.make(o, profile({ seats: 3, horizonMonths: 1 })))).toBe("50.00 USD")
      expect(total(yield* Quote.make(o, profile({ seats: 6, horizonMonths: 1 })))).toBe("60.00 USD")
    }),
  )

  it.effect("rounds seats up to the smallest bundle that holds them", () =>
    Effect.gen(function* () {
      const o = offer({ components: [seat("10", { minSeats: 3, bundles: [3, 5, 10, 15] })] })
      const months1 = (seats: number) => Quote.make(o, profile({ seats, horizonMonths: 1 }))
      expect(total(yield* months1(1))).toBe("30.00 USD")
      expect(total(yield* months1(5))).toBe("50.00 USD")
      expect(total(yield* months1(6))).toBe("100.00 USD")
      expect(total(yield* months1(11))).toBe("150.00 USD")
    }),
  )

  it.effect("fails with SeatLimitExceeded above the plan maximum, never caps silently", () =>
    Effect.gen(function* () {
      const o = offer({ components: [seat("10", { maxSeats: 10 })] })
      const error = yield* Effect.flip(
        Quote.make(o, profile({ seats: 8, growth: { _tag: "Schedule", seats: [8, 9, 11] } })),
      )
      expect(error._tag).toBe("SeatLimitExceeded")
      if (error._tag === "SeatLimitExceeded") {
        expect(error.seats).toBe(11)
        expect(error.month).toBe(2)
      }
    }),
  )

  it.effect("prorates mid-term seat additions by day to the term's end", () =>
    Effect.gen(function* () {
      const o = offer({ terms: [{ months: 12 }], components: [seat("50")] })
      // 10 seats from 2026-01-01, 15 from month 4 (2026-04-01): 275 of 365 days left.
      const q = yield* Quote.make(
        o,
        profile({ seats: 10, growth: { _tag: "Schedule", seats: [10, 10, 10, 15] } }),
      )
      const addition = q.lines.find((l) => l.basis.key === "basis.seatAddition")
      // 5 × 600 × 275 / 365 = 2260.2739…
      expect(addition?.amount.toString()).toBe("2260.27 USD")
      expect(addition?.paidInMonths).toEqual([3])
      expect(total(q)).toBe("8260.27 USD")
    }),
  )

  it.effect("counts the leap day when prorating", () =>
    Effect.gen(function* () {
      const o = offer({ terms: [{ months: 12 }], components: [seat("50")] })
      const q = yield* Quote.make(
        o,
        profile({
          seats: 1,
          startDate: "2028-01-01",
          growth: { _tag: "Schedule", seats: [1, 1, 2] },
        }),
      )
      const addition = q.lines.find((l) => l.basis.key === "basis.seatAddition")
      // 2028-03-01 → 2029-01-01 is 306 of 366 days: 600 × 306 / 366 = 501.6393…
      expect(addition?.amount.toString()).toBe("501.64 USD")
    }),
  )

  it.effect("takes seat reductions into account only at renewal", () =>
    Effect.gen(function* () {
      const o = offer({ terms: [{ months: 12 }], components: [seat("10")] })
      const shrinking = profile({
        seats: 10,
        horizonMonths: 24,
        growth: { _tag: "Schedule", seats: [10, 10, 4] },
      })
      const q = yield* Quote.make(o, shrinking)
      // First year: 10 seats paid upfront, no refund; second year: 4 seats.
      expect(q.lines.map((l) => l.amount.toString())).toEqual(["1200.00 USD", "480.00 USD"])
      expect(q.cashFlow[0]?.toString()).toBe("1200.00 USD")
      expect(q.cashFlow[12]?.toString()).toBe("480.00 USD")
    }),
  )

  it.effect("compounds the renewal uplift over several renewals", () =>
    Effect.gen(function* () {
      const o = offer({
        terms: [{ months: 1 }, { months: 12 }],
        components: [
          seat("100"),
          { _tag: "RenewalUplift", id: "uplift", name: "Uplift", rate: "0.1" },
        ],
      })
      const need = profile({ seats: 1, horizonMonths: 36 })
      // 1,200 + 1,320 + 1,452 whether paid monthly or annually.
      expect(total(yield* Quote.make(o, need, { termMonths: 12 }))).toBe("3972.00 USD")
      expect(total(yield* Quote.make(o, need, { termMonths: 1 }))).toBe("3972.00 USD")
      const three = yield* Quote.make(o, profile({ seats: 1, horizonMonths: 48 }), {
        termMonths: 12,
      })
      expect(three.lines.at(-1)?.amount.toString()).toBe("1597.20 USD")
    }),
  )

  it.effect("takes a promotion off the first months only", () =>
    Effect.gen(function* () {
      const o = offer({
        terms: [{ months: 1 }, { months: 12 }],
        components: [
          seat("50"),
          { _tag: "Promotion", id: "promo", name: "Launch offer", percentOff: "0.5", months: 3 },
        ],
      })
      const need = profile({ seats: 10, horizonMonths: 12 })
      const monthly = yield* Quote.make(o, need, { termMonths: 1 })
      expect(total(monthly)).toBe("5250.00 USD")
      expect(monthly.cashFlow.slice(0, 4).map(String)).toEqual([
        "250.00 USD",
        "250.00 USD",
        "250.00 USD",
        "500.00 USD",
      ])
      const annual = yield* Quote.make(o, need, { termMonths: 12 })
      expect(total(annual)).toBe("5250.00 USD")
      expect(annual.lines.map((l) => l.amount.toString())).toEqual(["5250.00 USD"])
      expect(annual.lines[0]?.basis.key).toBe("basis.promotedTerm")
    }),
  )

  it.effect("adds exclusive tax per line on the rounded net (100.05 CNY at 13% → 113.06)", () =>
    Effect.gen(function* () {
      const o = offer({
        currency: "CNY",
        components: [
          { _tag: "Platform", id: "plan", name: "Plan", price: { amount: "100.05", per: "month" } },
        ],
      })
      const q = yield* Quote.make(o, profile({ horizonMonths: 1, tax: { rate: "0.13" } }))
      expect(q.lines.map((l) => `${l.kind} ${l.amount}`)).toEqual([
        "charge 100.05 CNY",
        "tax 13.01 CNY",
      ])
      expect(q.lines[1]?.taxOf).toBe(q.lines[0]?.id)
      expect(q.net.toString()).toBe("100.05 CNY")
      expect(q.tax.toString()).toBe("13.01 CNY")
      expect(total(q)).toBe("113.06 CNY")
    }),
  )

  it.effect("splits inclusive tax out of the rounded gross", () =>
    Effect.gen(function* () {
      const o = offer({
        currency: "CNY",
        components: [
          { _tag: "Platform", id: "plan", name: "Plan", price: { amount: "113.06", per: "month" } },
          { _tag: "Tax", id: "vat", name: "VAT", mode: "inclusive", rate: "0.13" },
        ],
      })
      const q = yield* Quote.make(o, profile({ horizonMonths: 1 }))
      expect(q.tax.toString()).toBe("13.01 CNY")
      expect(q.net.toString()).toBe("100.05 CNY")
      expect(total(q)).toBe("113.06 CNY")
    }),
  )

  it.effect("rounds JPY to whole yen and KWD to fils, once per line", () =>
    Effect.gen(function* () {
      const yen = offer({ currency: "JPY", components: [seat("1234.5")] })
      const qy = yield* Quote.make(yen, profile({ seats: 1, horizonMonths: 1 }))
      expect(total(qy)).toBe("1235 JPY")
      const fils = offer({ currency: "KWD", components: [seat("3.3335")] })
      const qk = yield* Quote.make(fils, profile({ seats: 3, horizonMonths: 1 }))
      // 3 × 3.3335 = 10.0005 → 10.001, rounded once for the line, not per seat.
      expect(total(qk)).toBe("10.001 KWD")
      const even = offer({ rounding: "half-even", components: [seat("0.125")] })
      expect(total(yield* Quote.make(even, profile({ seats: 1, horizonMonths: 1 })))).toBe(
        "0.12 USD",
      )
    }),
  )

  it.effect("takes included units off before tiers and raises a period to its minimum", () =>
    Effect.gen(function* () {
      const o = offer({
        components: [
          seat("0"),
          {
            _tag: "Usage",
            id: "api",
            name: "API calls",
            metric: "api-calls",
            included: { units: "1000", perSeat: "100" },
            pricing: { _tag: "Package", size: "1000", price: "25" },
            minimumCommitment: "10",
          },
        ],
      })
      const month = (calls: string) =>
        Quote.make(
          o,
          profile({
            seats: 10,
            horizonMonths: 1,
            usage: [{ metric: "api-calls", perMonth: calls }],
          }),
        )
      expect(total(yield* month("2000"))).toBe("10.00 USD") // all included → minimum
      expect(total(yield* month("2001"))).toBe("25.00 USD") // 1 unit over → one package
      expect(total(yield* month("4000.5"))).toBe("75.00 USD") // 2000.5 over → 3 packages
    }),
  )

  it.effect("fails with typed errors for an unknown module, a term not sold, a missing rate", () =>
    Effect.gen(function* () {
      const o = offer({ terms: [{ months: 12 }], components: [seat("10")] })
      const unknown = yield* Effect.flip(Quote.make(o, profile({ modules: ["marketing"] })))
      expect(unknown._tag).toBe("UnknownModule")
      const term = yield* Effect.flip(Quote.make(o, profile({ terms: [1, 3] })))
      expect(term._tag).toBe("UnsupportedTerm")
      const fx = yield* Effect.flip(Quote.make(o, profile({ currency: "CNY" })))
      expect(fx._tag).toBe("MissingFxRate")
      const hosting = offer({
        components: [
          {
            _tag: "SelfHosting",
            id: "h",
            name: "Hosting",
            infrastructurePerMonth: "1",
            adminHoursPerMonth: "1",
            upgradeHoursPerYear: "0",
          },
        ],
      })
      expect((yield* Effect.flip(Quote.make(hosting, profile({}))))._tag).toBe("MissingLabourRate")
    }),
  )

  it.effect("converts with the caller's rate and keeps the original currency", () =>
    Effect.gen(function* () {
      const o = offer({ components: [seat("50")] })
      const q = yield* Quote.make(
        o,
        profile({
          seats: 10,
          horizonMonths: 12,
          currency: "CNY",
          fx: { asOf: "2026-11-20", rates: [{ from: "CNY", to: "USD", rate: "0.14" }] },
        }),
      )
      expect(total(q)).toBe("6000.00 USD")
      // 6000 ÷ 0.14 = 42857.142857… CNY
      expect(q.converted?.total.toString()).toBe("42857.14 CNY")
      expect(q.converted?.asOf).toBe("2026-11-20")
    }),
  )

  it.effect("discounts the cash flow to a net present value", () =>
    Effect.gen(function* () {
      const o = offer({ terms: [{ months: 12 }], components: [seat("1000", {})] })
      const q = yield* Quote.make(o, profile({ seats: 1, horizonMonths: 24, discountRate: "0.1" }))
      // 12,000 now + 12,000 in a year at 10 %: 12,000 + 10,909.0909…
      expect(q.npv?.toString()).toBe("22909.09 USD")
    }),
  )

  it.effect("lists quote-only parts as unpriced, never as a zero charge", () =>
    Effect.gen(function* () {
      const o = offer({
        components: [
          seat("10"),
          {
            _tag: "Unpriced",
            id: "api-pack",
            name: "API pack",
            category: "add-ons",
            reason: "sales quote only",
            requiredFor: ["erp"],
          },
        ],
      })
      const q = yield* Quote.make(o, profile({ integrations: ["erp"] }))
      expect(q.complete).toBe(false)
      expect(q.unpriced.map((u) => [u.componentId, u.neededFor])).toEqual([["api-pack", "erp"]])
      expect(q.lines.some((l) => l.componentId === "api-pack")).toBe(false)
      const without = yield* Quote.make(o, profile({}))
      expect(without.complete).toBe(true)
    }),
  )

  it.effect("shows unused prepaid months and accrues the prepaid amount over its months", () =>
    Effect.gen(function* () {
      const o = offer({ terms: [{ months: 12 }], components: [seat("10")] })
      const q = yield* Quote.make(o, profile({ seats: 1, horizonMonths: 4 }))
      expect(q.unusedPrepaidMonths).toBe(8)
      expect(q.cashFlow.length).toBe(12)
      expect(q.cashFlow[0]?.toString()).toBe("120.00 USD")
      expect(q.accrual.every((m) => m.toString() === "10.00 USD")).toBe(true)
      expect(sumLines(q).toFixed(2)).toBe("120.00")
    }),
  )

  it.effect("includes usage per billed seat, after the seat minimum", () =>
    Effect.gen(function* () {
      const o = offer({
        components: [
          seat("0", { minSeats: 10 }),
          {
            _tag: "Usage",
            id: "storage",
            name: "Storage",
            metric: "storage-gb",
            measure: "peak",
            included: { perSeat: "2" },
            pricing: { _tag: "PerUnit", unitPrice: "1" },
          },
        ],
      })
      // 3 seats are billed as 10, so 20 GB are included: 25 GB cost 5.
      const q = yield* Quote.make(
        o,
        profile({ seats: 3, horizonMonths: 1, usage: [{ metric: "storage-gb", perMonth: "25" }] }),
      )
      expect(total(q)).toBe("5.00 USD")
    }),
  )

  it.effect("refunds mid-term reductions by day only where the vendor says so", () =>
    Effect.gen(function* () {
      const need = profile({ seats: 10, growth: { _tag: "Schedule", seats: [10, 10, 10, 4] } })
      const refunding = offer({
        terms: [{ months: 12 }],
        seatReductions: "prorated-refund",
        components: [seat("50")],
      })
      const q = yield* Quote.make(refunding, need)
      const refund = q.lines.find((l) => l.basis.key === "basis.seatRefund")
      // 6 seats × 600 × 275 / 365 = 2712.3287… back
      expect(refund?.amount.toString()).toBe("-2712.33 USD")
      expect(total(q)).toBe("3287.67 USD")
      const keeping = offer({ terms: [{ months: 12 }], components: [seat("50")] })
      expect(total(yield* Quote.make(keeping, need))).toBe("6000.00 USD")
    }),
  )

  it.effect("links a percentage line to the line it is a percentage of", () =>
    Effect.gen(function* () {
      const o = offer({
        components: [
          seat("100"),
          { _tag: "Percentage", id: "support", name: "Premier", rate: "0.3", base: ["licence"] },
        ],
      })
      const q = yield* Quote.make(o, profile({ seats: 2, horizonMonths: 1 }))
      const support = q.lines.find((l) => l.componentId === "support")
      expect(support?.amount.toString()).toBe("60.00 USD")
      expect(support?.baseOf).toBe(q.lines.find((l) => l.componentId === "seat")?.id)
    }),
  )
})
