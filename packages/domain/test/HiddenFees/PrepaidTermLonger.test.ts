import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { PrepaidTermLonger } from "../../src/HiddenFees/PrepaidTermLonger.js"
import * as Messages from "../../src/Messages.js"
import { offer, perUser, profile, termBook } from "../fixtures.js"

const annualOnly = offer({
  terms: [{ months: 12 }],
  components: [
    { _tag: "Platform", id: "plan", name: "Plan", price: { amount: "5200", per: "year" } },
    { _tag: "OneTime", id: "setup", name: "Setup", kind: "onboarding", amount: "999" },
  ],
})

describe("PrepaidTermLonger", () => {
  it.effect("charges the prepaid months past a 10-month need as the accrual splits them", () =>
    Effect.gen(function* () {
      const [f, ...rest] = yield* PrepaidTermLonger.run(annualOnly, profile({ horizonMonths: 10 }))
      expect(rest).toEqual([])
      // 5,200 over 12 months: 433.34 × 4 then 433.33 × 8; months 11 and 12 are 433.33 each.
      expect(f?.money?.toString()).toBe("866.66 USD")
      expect(f?.severity).toBe("warning")
      expect(f && Messages.render(f.message, "en")).toContain("2 months beyond your 10-month need")
    }),
  )

  it.effect(
    "is only informative when the longer term is still the cheapest (11 months → annual)",
    () =>
      Effect.gen(function* () {
        // monthly 5,500, quarterly 5,600, annual 5,200: one unused month of the annual term
        const [f] = yield* PrepaidTermLonger.run(termBook, profile({ horizonMonths: 11 }))
        expect(f?.money?.toString()).toBe("433.33 USD")
        expect(f?.severity).toBe("info")
      }),
  )

  it.effect("stays silent when the terms fit the need", () =>
    Effect.gen(function* () {
      expect(yield* PrepaidTermLonger.run(termBook, profile({ horizonMonths: 4 }))).toEqual([])
      expect(yield* PrepaidTermLonger.run(annualOnly, profile({ horizonMonths: 24 }))).toEqual([])
      expect(yield* PrepaidTermLonger.run(perUser, profile({ horizonMonths: 7 }))).toEqual([])
    }),
  )
})
