import * as BuiltIn from "@crm-cost/catalog/BuiltIn"
import * as Compare from "@crm-cost/domain/Compare"
import * as Money from "@crm-cost/domain/Money"
import { Profile } from "@crm-cost/domain/Profile"
import * as Quote from "@crm-cost/domain/Quote"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import * as fc from "fast-check"
import { toJson, toJsonText } from "../src/Render.js"

const profile = Schema.decodeUnknownSync(Profile)({
  seats: 10,
  horizonMonths: 36,
  startDate: "2026-01-01",
})

describe("Render", () => {
  it.effect("writes the same JSON text as stringifying the rendered value", () =>
    Effect.gen(function* () {
      const offers = (yield* Effect.orDie(BuiltIn.offers)).filter((o) => o.currency === "USD")
      const quotes = yield* Effect.forEach(offers.slice(0, 5), (offer) =>
        Effect.either(Quote.make(offer, profile)),
      )
      const comparison = yield* Effect.either(
        Compare.make(offers.slice(0, 3), profile, { seatRange: false }),
      )
      const values: ReadonlyArray<unknown> = [
        ...quotes,
        comparison,
        Money.make("-0.5", "JPY"),
        { text: 'quote "and" \\ \u2028', n: Number.NaN, big: 10n, none: undefined, f: () => 1 },
        // Keys that need escaping, twice: the second time their quoted text is reused.
        { 'a "key"\n': 1, "\u2028": [{ 'a "key"\n': 2 }] },
        [undefined, null, 1.5e21, -0],
        [1.5e21, -0, 3, 0.1, 1e-7],
        [],
        new Error("boom"),
      ]
      for (const value of values) {
        for (const locale of ["en", "zh-CN"] as const) {
          expect(toJsonText(value, locale)).toBe(JSON.stringify(toJson(value, locale)))
        }
      }
    }),
  )

  it("writes a list with runs of the same item as JSON writes it", () => {
    const usd = Money.make("500", "USD")
    const pool: ReadonlyArray<unknown> = [
      usd,
      Money.make("500", "USD"),
      Money.make("0.125", "KWD"),
      { month: 1, amount: usd },
      "x",
      null,
      undefined,
      Number.NaN,
      -0,
      7,
      [usd, usd],
    ]
    const item = fc.constantFrom(...pool)
    // Runs: an item repeated a few times, runs one after another.
    const list = fc
      .array(fc.tuple(item, fc.integer({ min: 1, max: 5 })), { maxLength: 8 })
      .map((runs) => runs.flatMap(([value, times]) => Array.from({ length: times }, () => value)))
    fc.assert(
      fc.property(list, (value) => {
        expect(toJsonText(value, "en")).toBe(JSON.stringify(toJson(value, "en")))
        expect(toJsonText({ cashFlow: value }, "en")).toBe(
          JSON.stringify(toJson({ cashFlow: value }, "en")),
        )
      }),
      { numRuns: 2_000 },
    )
  })
})
