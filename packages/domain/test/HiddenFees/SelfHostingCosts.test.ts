import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { SelfHostingCosts } from "../../src/HiddenFees/SelfHostingCosts.js"
import * as Messages from "../../src/Messages.js"
import { openSource, perUser, profile } from "../fixtures.js"

const need = profile({ horizonMonths: 24, labourRate: { amount: "50", currency: "USD" } })

describe("SelfHostingCosts", () => {
  it.effect(
    "prices running a free offer: 2,400 infrastructure + 4,800 admin + 1,600 upgrades",
    () =>
      Effect.gen(function* () {
        const [f, ...rest] = yield* SelfHostingCosts.run(openSource, need)
        expect(rest).toEqual([])
        expect(f?.money?.toString()).toBe("8800.00 USD")
        expect(f?.componentId).toBe("hosting")
        expect(f && Messages.render(f.message, "en")).toContain("the licence costs $0.00")
      }),
  )

  it.effect("stays silent for a hosted offer", () =>
    Effect.gen(function* () {
      expect(yield* SelfHostingCosts.run(perUser, need)).toEqual([])
    }),
  )
})
