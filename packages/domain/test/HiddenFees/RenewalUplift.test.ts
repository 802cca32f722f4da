import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { RenewalUplift } from "../../src/HiddenFees/RenewalUplift.js"
import * as Messages from "../../src/Messages.js"
import { offer, perUser, profile } from "../fixtures.js"

const seat = { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "50", per: "month" } }
const escalating = offer({
  components: [seat, { _tag: "RenewalUplift", id: "uplift", name: "Annual uplift", rate: "0.07" }],
})

describe("RenewalUplift", () => {
  it.effect("prices two 7 % rises over three years: 420 + 869.40 = 1,289.40", () =>
    Effect.gen(function* () {
      const [f, ...rest] = yield* RenewalUplift.run(escalating, profile({ horizonMonths: 36 }))
      expect(rest).toEqual([])
      expect(f?.money?.toString()).toBe("1289.40 USD")
      expect(f?.componentId).toBe("uplift")
      expect(f && Messages.render(f.message, "en")).toContain("2 renewals")
    }),
  )

  it.effect("stays silent when no renewal falls inside the horizon", () =>
    Effect.gen(function* () {
      expect(yield* RenewalUplift.run(escalating, profile({ horizonMonths: 12 }))).toEqual([])
      expect(yield* RenewalUplift.run(perUser, profile({ horizonMonths: 36 }))).toEqual([])
    }),
  )
})
