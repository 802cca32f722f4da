import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { SeatBundles } from "../../src/HiddenFees/SeatBundles.js"
import * as Messages from "../../src/Messages.js"
import { offer, perUser, profile } from "../fixtures.js"

const seat = { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "50", per: "month" } }
const bundled = offer({ components: [{ ...seat, minSeats: 3, bundles: [3, 5, 10, 15] }] })

describe("SeatBundles", () => {
  it.effect("charges the seats a bundle rounds up: 8 users pay for 10, 2 × 50 × 12 = 1,200", () =>
    Effect.gen(function* () {
      const [f, ...rest] = yield* SeatBundles.run(bundled, profile({ seats: 8 }))
      expect(rest).toEqual([])
      expect(f?.money?.toString()).toBe("1200.00 USD")
      expect(f?.componentId).toBe("seat")
      expect(f && Messages.render(f.message, "en")).toContain("8 seats are billed as 10")
    }),
  )

  it.effect("does not count the minimum's seats as bundle rounding", () =>
    Effect.gen(function* () {
      // 1 seat: the minimum makes it 3, which is a bundle size: nothing left to round up.
      expect(yield* SeatBundles.run(bundled, profile({ seats: 1 }))).toEqual([])
    }),
  )

  it.effect("stays silent when the need fills a bundle or the offer sells single seats", () =>
    Effect.gen(function* () {
      expect(yield* SeatBundles.run(bundled, profile({ seats: 10 }))).toEqual([])
      expect(yield* SeatBundles.run(perUser, profile({ seats: 8 }))).toEqual([])
    }),
  )
})
