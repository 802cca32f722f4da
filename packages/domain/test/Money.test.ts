import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Schema } from "effect"
import * as fc from "fast-check"
import * as Money from "../src/Money.js"

const { Decimal } = Money

describe("Money", () => {
  it("keeps ISO 4217 minor units: USD 2, JPY 0, KWD 3", () => {
    expect(Money.toFixedString(Money.make("5", "USD"))).toBe("5.00")
    expect(Money.toFixedString(Money.round(Money.make("1234.5", "JPY")))).toBe("1235")
    expect(Money.toFixedString(Money.round(Money.make("10.0005", "KWD")))).toBe("10.001")
    expect(Money.decimals("CNY")).toBe(2)
  })

  it("keeps an amount's text out of the value's fields, rendered or not", () => {
    const price = Money.make("1234.5", "KWD")
    expect(Money.toFixedString(price)).toBe("1234.500")
    expect(price.toJSON()).toEqual({ amount: "1234.500", currency: "KWD" })
    // Equality and enumeration see amount and currency only, rendered or not.
    expect(price).toEqual(Money.make("1234.5", "KWD"))
    expect(Object.keys(price)).toEqual(["amount", "currency"])
    expect(Money.toFixedString(Money.fromMinor(-5n, "USD"))).toBe("-0.05")
  })

  it("rounds half-up by default and half-even on request", () => {
    expect(Money.round(Money.make("0.125", "USD")).toString()).toBe("0.13 USD")
    expect(Money.round(Money.make("0.125", "USD"), "half-even").toString()).toBe("0.12 USD")
    expect(Money.round(Money.make("0.135", "USD"), "half-even").toString()).toBe("0.14 USD")
    expect(Money.round(Money.make("-0.125", "USD")).toString()).toBe("-0.13 USD")
  })

  it.effect("fails with CurrencyMismatch when currencies differ", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Money.add(Money.make("1", "USD"), Money.make("1", "EUR")))
      expect(error._tag).toBe("CurrencyMismatch")
      expect(error.expected).toBe("USD")
      expect(error.actual).toBe("EUR")
      const sum = yield* Money.sum("USD", [Money.make("1.10", "USD"), Money.make("2.20", "USD")])
      expect(sum.toString()).toBe("3.30 USD")
      expect((yield* Effect.flip(Money.sum("USD", [Money.make("1", "JPY")])))._tag).toBe(
        "CurrencyMismatch",
      )
    }),
  )

  it("allocates with the remainder to the largest shares", () => {
    expect(Money.allocate(Money.make("100", "USD"), [1, 1, 1]).map(String)).toEqual([
      "33.34 USD",
      "33.33 USD",
      "33.33 USD",
    ])
    expect(Money.allocate(Money.make("0.05", "USD"), [1, 3]).map(String)).toEqual([
      "0.01 USD",
      "0.04 USD",
    ])
    expect(Money.allocate(Money.make("10", "JPY"), [1, 2]).map(String)).toEqual(["3 JPY", "7 JPY"])
    expect(Money.allocateEqual(-100n, 3)).toEqual([-34n, -33n, -33n])
  })

  it("loses nothing when allocating (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -10_000_000n, max: 10_000_000n }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 20 }),
        (total, ratios) => {
          const shares = Money.allocateMinor(total, ratios)
          expect(shares.reduce((a, b) => a + b, 0n)).toBe(total)
          const equal = Money.allocateEqual(total, ratios.length)
          expect(equal.reduce((a, b) => a + b, 0n)).toBe(total)
          const spread = equal.map((s) => (s < 0n ? -s : s))
          expect(spread.every((s) => s - (spread.at(-1) ?? 0n) <= 1n)).toBe(true)
        },
      ),
    )
  })

  it("crosses the wire as a decimal string with its currency", () => {
    const decode = Schema.decodeUnknownEither(Money.MoneyFromWire)
    const encode = Schema.encodeSync(Money.MoneyFromWire)
    const m = Either.getOrThrow(decode({ amount: "500", currency: "USD" }))
    expect(m.amount.eq(500)).toBe(true)
    expect(encode(m)).toEqual({ amount: "500.00", currency: "USD" })
    expect(JSON.stringify(Money.make("1.5", "KWD"))).toBe('{"amount":"1.500","currency":"KWD"}')
    expect(Either.isLeft(decode({ amount: 500, currency: "USD" }))).toBe(true)
    expect(Either.isLeft(decode({ amount: "5e2", currency: "USD" }))).toBe(true)
    expect(Either.isLeft(decode({ amount: "1", currency: "XXX" }))).toBe(true)
  })

  it("converts minor units both ways exactly", () => {
    expect(Money.toMinor(Money.make("1.23", "USD"))).toBe(123n)
    expect(Money.fromMinor(-5n, "USD").toString()).toBe("-0.05 USD")
    expect(Money.fromMinor(1234n, "KWD").toString()).toBe("1.234 KWD")
    expect(Money.toMinorUnits(new Decimal("0.125"), "USD", "half-even")).toBe(12n)
    expect(Money.toMinorUnits(new Decimal("2.5"), "JPY")).toBe(3n)
  })
})
