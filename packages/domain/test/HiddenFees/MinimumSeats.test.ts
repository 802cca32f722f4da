import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { MinimumSeats } from "../../src/HiddenFees/MinimumSeats.js"
import * as Messages from "../../src/Messages.js"
import { offer, perUser, profile } from "../fixtures.js"

const seat = { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "50", per: "month" } }
const floored = offer({ components: [{ ...seat, minSeats: 5 }] })

describe("MinimumSeats", () => {
  it.effect("charges the seats below the floor: 2 × 50 × 12 = 1,200", () =>
    Effect.gen(function* () {
      const [f, ...rest] = yield* MinimumSeats.run(floored, profile({ seats: 3 }))
      expect(rest).toEqual([])
      expect(f?.money?.toString()).toBe("1200.00 USD")
      expect(f?.quoteRequired).toBe(false)
      expect(f?.componentId).toBe("seat")
      expect(f?.severity).toBe("warning")
      expect(f && Messages.render(f.message, "en")).toContain("at least 5 seats")
      expect(f && Messages.render(f.message, "zh-CN")).toContain("US$1,200.00")
    }),
  )

  it.effect("counts only the months the floor bites while seats grow past it", () =>
    Effect.gen(function* () {
      // 3 seats for three months, then 6: 2 × 50 × 3
      const need = profile({ seats: 3, growth: { _tag: "Schedule", seats: [3, 3, 3, 6] } })
      const [f] = yield* MinimumSeats.run(floored, need)
      expect(f?.money?.toString()).toBe("300.00 USD")
    }),
  )

  it.effect("stays silent when the need is above the floor or there is none", () =>
    Effect.gen(function* () {
      expect(yield* MinimumSeats.run(floored, profile({ seats: 5 }))).toEqual([])
      expect(yield* MinimumSeats.run(perUser, profile({ seats: 1 }))).toEqual([])
    }),
  )
})
