import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { MandatoryOnboarding } from "../../src/HiddenFees/MandatoryOnboarding.js"
import * as Messages from "../../src/Messages.js"
import { offer, profile } from "../fixtures.js"

const seat = { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "100", per: "month" } }
const withService = (kind: string, mandatory: boolean) =>
  offer({
    components: [
      seat,
      {
        _tag: "OneTime",
        id: "service",
        name: "Professional Onboarding",
        kind,
        amount: "1500",
        mandatory,
      },
    ],
  })

describe("MandatoryOnboarding", () => {
  it.effect("prices a required onboarding fee: 1,500 once", () =>
    Effect.gen(function* () {
      const [f, ...rest] = yield* MandatoryOnboarding.run(
        withService("onboarding", true),
        profile({}),
      )
      expect(rest).toEqual([])
      expect(f?.money?.toString()).toBe("1500.00 USD")
      expect(f?.componentId).toBe("service")
      expect(f && Messages.render(f.message, "zh-CN")).toContain("强制购买的上线引导服务")
    }),
  )

  it.effect("prices mandatory implementation the same way", () =>
    Effect.gen(function* () {
      const [f] = yield* MandatoryOnboarding.run(withService("implementation", true), profile({}))
      expect(f?.money?.toString()).toBe("1500.00 USD")
    }),
  )

  it.effect("stays silent for optional onboarding and other one-time services", () =>
    Effect.gen(function* () {
      expect(yield* MandatoryOnboarding.run(withService("onboarding", false), profile({}))).toEqual(
        [],
      )
      expect(yield* MandatoryOnboarding.run(withService("training", true), profile({}))).toEqual([])
    }),
  )
})
