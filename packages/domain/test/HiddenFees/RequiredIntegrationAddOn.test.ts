import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { RequiredIntegrationAddOn } from "../../src/HiddenFees/RequiredIntegrationAddOn.js"
import { offer, perUser, profile } from "../fixtures.js"

const seat = { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "50", per: "month" } }
const connector = offer({
  includes: { integrations: ["email"] },
  components: [
    seat,
    {
      _tag: "AddOn",
      id: "erp",
      name: "ERP connector",
      kind: "integration",
      price: { amount: "30", per: "month" },
      requiredFor: ["erp"],
      requires: ["middleware"],
    },
    {
      _tag: "AddOn",
      id: "middleware",
      name: "Middleware",
      price: { amount: "120", per: "year" },
    },
  ],
})

describe("RequiredIntegrationAddOn", () => {
  it.effect("prices the integration with the add-ons it requires: (30 + 10) × 12 = 480", () =>
    Effect.gen(function* () {
      const [f, ...rest] = yield* RequiredIntegrationAddOn.run(
        connector,
        profile({ integrations: ["erp", "email"] }),
      )
      expect(rest).toEqual([])
      expect(f?.money?.toString()).toBe("480.00 USD")
      expect(f?.componentId).toBe("erp")
    }),
  )

  it.effect("stays silent for included integrations and offers with none to buy", () =>
    Effect.gen(function* () {
      expect(
        yield* RequiredIntegrationAddOn.run(connector, profile({ integrations: ["email"] })),
      ).toEqual([])
      expect(yield* RequiredIntegrationAddOn.run(perUser, profile({}))).toEqual([])
    }),
  )
})
