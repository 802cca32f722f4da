import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { TaxNotIncluded } from "../../src/HiddenFees/TaxNotIncluded.js"
import * as Messages from "../../src/Messages.js"
import { offer, perUser, profile } from "../fixtures.js"

const cnyPlan = (tax: Record<string, unknown>) =>
  offer({
    currency: "CNY",
    components: [
      { _tag: "Platform", id: "plan", name: "专业版", price: { amount: "100.05", per: "month" } },
      { _tag: "Tax", id: "vat", name: "增值税", ...tax },
    ],
  })

describe("TaxNotIncluded", () => {
  it.effect("prices the tax on top: 13 % of 6,000 = 780", () =>
    Effect.gen(function* () {
      const [f, ...rest] = yield* TaxNotIncluded.run(perUser, profile({ tax: { rate: "0.13" } }))
      expect(rest).toEqual([])
      expect(f?.money?.toString()).toBe("780.00 USD")
      expect(f?.severity).toBe("info")
    }),
  )

  it.effect("rounds tax per line as the engine does: net 100.05 CNY, VAT 13 % → 13.01", () =>
    Effect.gen(function* () {
      const [f] = yield* TaxNotIncluded.run(
        cnyPlan({ mode: "exclusive", rate: "0.13" }),
        profile({ horizonMonths: 1 }),
      )
      expect(f?.money?.toString()).toBe("13.01 CNY")
      expect(f?.componentId).toBe("vat")
      expect(f && Messages.render(f.message, "zh-CN")).toContain("¥13.01")
    }),
  )

  it.effect("asks for the rate when the offer excludes tax without saying how much", () =>
    Effect.gen(function* () {
      const [f] = yield* TaxNotIncluded.run(cnyPlan({ mode: "exclusive" }), profile({}))
      expect(f?.quoteRequired).toBe(true)
      expect(f?.money).toBeUndefined()
    }),
  )

  it.effect("stays silent when tax is included or nothing is known of it", () =>
    Effect.gen(function* () {
      expect(
        yield* TaxNotIncluded.run(cnyPlan({ mode: "inclusive", rate: "0.13" }), profile({})),
      ).toEqual([])
      expect(yield* TaxNotIncluded.run(perUser, profile({}))).toEqual([])
    }),
  )
})
