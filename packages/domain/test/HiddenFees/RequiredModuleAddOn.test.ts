import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { RequiredModuleAddOn } from "../../src/HiddenFees/RequiredModuleAddOn.js"
import * as Messages from "../../src/Messages.js"
import { offer, perModule, profile } from "../fixtures.js"

const seat = { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "50", per: "month" } }
const withModules = offer({
  includes: { modules: ["sales"] },
  components: [
    seat,
    {
      _tag: "Module",
      id: "marketing",
      name: "Marketing",
      module: "marketing",
      price: { amount: "100", per: "month" },
    },
    {
      _tag: "AddOn",
      id: "service-seat",
      name: "Service seat",
      price: { amount: "20", per: "month" },
      perSeat: true,
      requiredFor: ["service"],
    },
  ],
})

describe("RequiredModuleAddOn", () => {
  it.effect("prices each required module bought on top of the plan", () =>
    Effect.gen(function* () {
      const findings = yield* RequiredModuleAddOn.run(
        withModules,
        profile({ seats: 10, modules: ["sales", "marketing", "service"] }),
      )
      expect(findings.map((f) => [f.componentId, f.money?.toString()])).toEqual([
        // 100 × 12
        ["marketing", "1200.00 USD"],
        // 10 seats × 20 × 12
        ["service-seat", "2400.00 USD"],
      ])
      const [marketing] = findings
      expect(marketing && Messages.render(marketing.message, "zh-CN")).toContain("“marketing”模块")
    }),
  )

  it.effect("stays silent for included modules and for offers priced only by module", () =>
    Effect.gen(function* () {
      expect(yield* RequiredModuleAddOn.run(withModules, profile({ modules: ["sales"] }))).toEqual(
        [],
      )
      expect(
        yield* RequiredModuleAddOn.run(perModule, profile({ modules: ["sales", "service"] })),
      ).toEqual([])
    }),
  )
})
