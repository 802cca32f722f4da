import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { ExitFee } from "../../src/HiddenFees/ExitFee.js"
import * as Messages from "../../src/Messages.js"
import { offer, perUser, profile } from "../fixtures.js"

const seat = { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "50", per: "month" } }
const exit = (mandatory: boolean) =>
  offer({
    components: [
      seat,
      {
        _tag: "OneTime",
        id: "export",
        name: "Full data export",
        kind: "data-export",
        amount: "2500",
        mandatory,
      },
    ],
  })

describe("ExitFee", () => {
  it.effect("prices a fee charged on leaving, though the quote does not include it", () =>
    Effect.gen(function* () {
      const [f, ...rest] = yield* ExitFee.run(exit(false), profile({}))
      expect(rest).toEqual([])
      expect(f?.money?.toString()).toBe("2500.00 USD")
      expect(f && Messages.render(f.message, "en")).toContain("charged when you take your data out")
    }),
  )

  it.effect("prices a mandatory export fee from the quote", () =>
    Effect.gen(function* () {
      const [f] = yield* ExitFee.run(exit(true), profile({}))
      expect(f?.money?.toString()).toBe("2500.00 USD")
    }),
  )

  it.effect("stays silent when leaving costs nothing", () =>
    Effect.gen(function* () {
      expect(yield* ExitFee.run(perUser, profile({}))).toEqual([])
    }),
  )
})
