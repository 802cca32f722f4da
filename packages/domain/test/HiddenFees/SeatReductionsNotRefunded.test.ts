import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { SeatReductionsNotRefunded } from "../../src/HiddenFees/SeatReductionsNotRefunded.js"
import * as Messages from "../../src/Messages.js"
import { offer, profile } from "../fixtures.js"

const seat = { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "50", per: "month" } }
const annual = (seatReductions: "at-renewal" | "prorated-refund", months = 12) =>
  offer({ terms: [{ months }], seatReductions, components: [seat] })
// 10 seats for six months, then 6
const shrinking = profile({
  horizonMonths: 24,
  growth: { _tag: "Schedule", seats: [10, 10, 10, 10, 10, 10, 6] },
})

describe("SeatReductionsNotRefunded", () => {
  it.effect("prices the seats paid until renewal: 4 seats × 6 months × 50 = 1,200", () =>
    Effect.gen(function* () {
      const [f, ...rest] = yield* SeatReductionsNotRefunded.run(annual("at-renewal"), shrinking)
      expect(rest).toEqual([])
      expect(f?.money?.toString()).toBe("1200.00 USD")
      expect(f?.componentId).toBe("seat")
      expect(f && Messages.render(f.message, "en")).toContain("24 unused seat-months")
    }),
  )

  it.effect("applies the renewal uplift of the term the seats idle in", () =>
    Effect.gen(function* () {
      const uplifted = offer({
        terms: [{ months: 12 }],
        components: [seat, { _tag: "RenewalUplift", id: "uplift", name: "Uplift", rate: "0.1" }],
      })
      // 10 seats in year one, 7 from month 18: 3 seats × 6 months × 55
      const need = profile({
        horizonMonths: 24,
        growth: { _tag: "Schedule", seats: [...Array(18).fill(10), 7] },
      })
      const [f] = yield* SeatReductionsNotRefunded.run(uplifted, need)
      expect(f?.money?.toString()).toBe("990.00 USD")
    }),
  )

  it.effect("stays silent when the vendor refunds, the term is monthly, or seats never drop", () =>
    Effect.gen(function* () {
      expect(yield* SeatReductionsNotRefunded.run(annual("prorated-refund"), shrinking)).toEqual([])
      expect(yield* SeatReductionsNotRefunded.run(annual("at-renewal", 1), shrinking)).toEqual([])
      expect(
        yield* SeatReductionsNotRefunded.run(annual("at-renewal"), profile({ horizonMonths: 24 })),
      ).toEqual([])
    }),
  )
})
