import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { SandboxFee } from "../../src/HiddenFees/SandboxFee.js"
import * as Messages from "../../src/Messages.js"
import { offer, perUser, profile } from "../fixtures.js"

const seat = { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "50", per: "month" } }
const sandboxed = offer({
  components: [
    seat,
    {
      _tag: "AddOn",
      id: "sandbox",
      name: "Full sandbox",
      kind: "sandbox",
      price: { amount: "200", per: "month" },
    },
  ],
})

describe("SandboxFee", () => {
  it.effect("prices a sandbox the need brings in: 200 × 12 = 2,400", () =>
    Effect.gen(function* () {
      const [f, ...rest] = yield* SandboxFee.run(sandboxed, profile({ extras: ["sandbox"] }))
      expect(rest).toEqual([])
      expect(f?.money?.toString()).toBe("2400.00 USD")
      expect(f?.severity).toBe("warning")
    }),
  )

  it.effect("says what a sandbox sold separately would cost when it is not bought", () =>
    Effect.gen(function* () {
      const [f] = yield* SandboxFee.run(sandboxed, profile({}))
      expect(f?.money?.toString()).toBe("2400.00 USD")
      expect(f?.severity).toBe("info")
      expect(f && Messages.render(f.message, "zh-CN")).toContain("套餐不含沙箱")
    }),
  )

  it.effect("stays silent when no sandbox is sold separately", () =>
    Effect.gen(function* () {
      expect(yield* SandboxFee.run(perUser, profile({}))).toEqual([])
    }),
  )
})
