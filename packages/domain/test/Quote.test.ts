import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Quote from "../src/Quote.js"
import { customProject, openSource, perModule, perUser, profile, termBook } from "./fixtures.js"

const amounts = (q: Quote.Quote) => q.cashFlow.map((m) => m.amount.toFixed(2))

describe("Quote", () => {
  it.effect("prices 10 users × 50 USD/user/month at 500 a month", () =>
    Effect.gen(function* () {
      const q = yield* Quote.make(perUser, profile({ seats: 10, horizonMonths: 1 }))
      expect(q.total.toString()).toBe("500.00 USD")
      const year = yield* Quote.make(perUser, profile({ seats: 10, horizonMonths: 12 }))
      expect(year.total.toString()).toBe("6000.00 USD")
      expect(amounts(year).every((a) => a === "500.00")).toBe(true)
      expect(year.costPerSeatMonth?.toString()).toBe("50.00 USD")
    }),
  )

  it.effect("charges only the modules bought: sales + service = 350 a month", () =>
    Effect.gen(function* () {
      const q = yield* Quote.make(
        perModule,
        profile({ modules: ["sales", "service"], horizonMonths: 1 }),
      )
      expect(q.total.toString()).toBe("350.00 USD")
      expect(q.lines.map((l) => l.componentId)).toEqual(["sales", "service"])
    }),
  )

  it.effect("covers a 4-month need with 2,000 monthly, 2,800 quarterly, 5,200 annually", () =>
    Effect.gen(function* () {
      const need = profile({ horizonMonths: 4 })
      const [monthly, quarterly, annual] = yield* Quote.allTerms(termBook, need)
      expect(monthly?.total.toString()).toBe("2000.00 USD")
      expect(quarterly?.total.toString()).toBe("2800.00 USD")
      expect(quarterly?.unusedPrepaidMonths).toBe(2)
      expect(annual?.total.toString()).toBe("5200.00 USD")
      expect(annual?.unusedPrepaidMonths).toBe(8)
      const cheapest = yield* Quote.make(termBook, need)
      expect(cheapest.termMonths).toBe(1)
    }),
  )

  it.effect("covers a 12-month need with 6,000 / 5,600 / 5,200 and picks annual", () =>
    Effect.gen(function* () {
      const need = profile({ horizonMonths: 12 })
      const quotes = yield* Quote.allTerms(termBook, need)
      expect(quotes.map((q) => q.total.amount.toFixed(2))).toEqual([
        "6000.00",
        "5600.00",
        "5200.00",
      ])
      expect((yield* Quote.make(termBook, need)).termMonths).toBe(12)
    }),
  )

  it.effect("pays a 50,000 custom project by its milestones", () =>
    Effect.gen(function* () {
      const q = yield* Quote.make(customProject, profile({ horizonMonths: 6 }))
      expect(q.total.toString()).toBe("50000.00 USD")
      expect(amounts(q)).toEqual(["15000.00", "0.00", "0.00", "20000.00", "0.00", "15000.00"])
      expect(q.totalsByCategory["one-time"].toString()).toBe("50000.00 USD")
    }),
  )

  it.effect("costs a free open-source offer exactly its self-hosting", () =>
    Effect.gen(function* () {
      const q = yield* Quote.make(
        openSource,
        profile({ horizonMonths: 24, labourRate: { amount: "50", currency: "USD" } }),
      )
      // 100 × 24 infrastructure + 4 h × 50 × 24 administration + 16 h × 50 × 2 upgrades
      expect(q.total.toString()).toBe("8800.00 USD")
      expect(q.totalsByCategory.licence.toString()).toBe("0.00 USD")
      expect(q.totalsByCategory["self-hosting"].toString()).toBe("8800.00 USD")
    }),
  )
})
