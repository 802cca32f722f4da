import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { QuoteRequired } from "../../src/HiddenFees/QuoteRequired.js"
import * as Messages from "../../src/Messages.js"
import { offer, perUser, profile } from "../fixtures.js"

const seat = { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "50", per: "month" } }
const apiPack = offer({
  components: [
    seat,
    {
      _tag: "Unpriced",
      id: "api-pack",
      name: "API pack",
      category: "add-ons",
      reason: "price on request",
      requiredFor: ["erp"],
    },
  ],
})

describe("QuoteRequired", () => {
  it.effect("flags an unpriced part the need requires as quote required, never as zero", () =>
    Effect.gen(function* () {
      const [f, ...rest] = yield* QuoteRequired.run(apiPack, profile({ integrations: ["erp"] }))
      expect(rest).toEqual([])
      expect(f?.quoteRequired).toBe(true)
      expect(f?.money).toBeUndefined()
      expect(f?.severity).toBe("critical")
      expect(f?.componentId).toBe("api-pack")
      expect(f && Messages.render(f.message, "en")).toContain('needed for "erp"')
      expect(f && Messages.render(f.message, "zh-CN")).toContain("需询价")
    }),
  )

  it.effect("stays silent for unpriced parts the need does not bring in", () =>
    Effect.gen(function* () {
      expect(yield* QuoteRequired.run(apiPack, profile({}))).toEqual([])
      expect(yield* QuoteRequired.run(perUser, profile({}))).toEqual([])
    }),
  )
})
