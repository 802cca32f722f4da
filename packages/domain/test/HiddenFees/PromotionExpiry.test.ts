import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { PromotionExpiry } from "../../src/HiddenFees/PromotionExpiry.js"
import * as Messages from "../../src/Messages.js"
import { offer, perUser, profile } from "../fixtures.js"

const seat = { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "50", per: "month" } }
const promoted = (months: number, terms: ReadonlyArray<{ months: number }> = [{ months: 1 }]) =>
  offer({
    terms,
    components: [
      seat,
      { _tag: "Promotion", id: "intro", name: "Intro offer", percentOff: "0.2", months },
    ],
  })

describe("PromotionExpiry", () => {
  it.effect("prices the full price after a 3-month 20 % promotion: 9 × 500 × 20 % = 900", () =>
    Effect.gen(function* () {
      const [f, ...rest] = yield* PromotionExpiry.run(promoted(3), profile({ seats: 10 }))
      expect(rest).toEqual([])
      expect(f?.money?.toString()).toBe("900.00 USD")
      expect(f?.componentId).toBe("intro")
      expect(f && Messages.render(f.message, "zh-CN")).toContain("只在前 3 个月有效")
    }),
  )

  it.effect("prices it on an annual term too", () =>
    Effect.gen(function* () {
      // 6,000 a year; the promotion covers 3 of 12 months: the other 9 × 500 × 20 %
      const [f] = yield* PromotionExpiry.run(promoted(3, [{ months: 12 }]), profile({ seats: 10 }))
      expect(f?.money?.toString()).toBe("900.00 USD")
    }),
  )

  it.effect("stays silent when the promotion lasts the horizon", () =>
    Effect.gen(function* () {
      expect(yield* PromotionExpiry.run(promoted(12), profile({ seats: 10 }))).toEqual([])
      expect(yield* PromotionExpiry.run(perUser, profile({}))).toEqual([])
    }),
  )
})
