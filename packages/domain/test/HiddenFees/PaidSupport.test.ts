import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { PaidSupport } from "../../src/HiddenFees/PaidSupport.js"
import * as Messages from "../../src/Messages.js"
import { offer, perUser, profile } from "../fixtures.js"

const seat = { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "50", per: "month" } }
const premier = offer({
  components: [
    seat,
    { _tag: "Percentage", id: "premier", name: "Premier Success", rate: "0.2", base: ["licence"] },
  ],
})
const supportPlan = offer({
  components: [
    seat,
    {
      _tag: "AddOn",
      id: "priority",
      name: "Priority support",
      kind: "support-plan",
      price: { amount: "100", per: "month" },
    },
  ],
})

describe("PaidSupport", () => {
  it.effect("prices support as a percentage of licence: 20 % of 6,000 = 1,200", () =>
    Effect.gen(function* () {
      const [f, ...rest] = yield* PaidSupport.run(premier, profile({ seats: 10 }))
      expect(rest).toEqual([])
      expect(f?.money?.toString()).toBe("1200.00 USD")
      expect(f?.severity).toBe("warning")
      expect(f && Messages.render(f.message, "en")).toContain("20% of licence fees")
      expect(f && Messages.render(f.message, "zh-CN")).toContain("按许可费的 20%")
    }),
  )

  it.effect("prices a support plan the buyer selects, as information: 100 × 12 = 1,200", () =>
    Effect.gen(function* () {
      const [f] = yield* PaidSupport.run(supportPlan, profile({ extras: ["priority"] }))
      expect(f?.money?.toString()).toBe("1200.00 USD")
      expect(f?.severity).toBe("info")
    }),
  )

  it.effect("stays silent when support is included or not bought", () =>
    Effect.gen(function* () {
      expect(yield* PaidSupport.run(perUser, profile({}))).toEqual([])
      expect(yield* PaidSupport.run(supportPlan, profile({}))).toEqual([])
    }),
  )
})
