import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { AnnualOnlyBilling } from "../../src/HiddenFees/AnnualOnlyBilling.js"
import * as Messages from "../../src/Messages.js"
import { offer, profile, termBook } from "../fixtures.js"

const seat = { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "100", per: "month" } }

describe("AnnualOnlyBilling", () => {
  it.effect("shows the year paid in advance at signing, adding nothing over the horizon", () =>
    Effect.gen(function* () {
      const annual = offer({ terms: [{ months: 12 }], components: [seat] })
      const [f, ...rest] = yield* AnnualOnlyBilling.run(
        annual,
        profile({ seats: 10, horizonMonths: 24 }),
      )
      expect(rest).toEqual([])
      expect(f?.money?.toString()).toBe("0.00 USD")
      expect(f?.severity).toBe("warning")
      // 10 seats × 100 × 12, paid in month 1
      expect(f && Messages.render(f.message, "en")).toContain("$12,000.00 is paid in advance")
      expect(f && Messages.render(f.message, "zh-CN")).toContain("只能按年购买")
    }),
  )

  it.effect("stays silent when a monthly term is sold", () =>
    Effect.gen(function* () {
      expect(yield* AnnualOnlyBilling.run(termBook, profile({ horizonMonths: 12 }))).toEqual([])
    }),
  )
})
