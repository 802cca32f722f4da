import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import * as Money from "../src/Money.js"
import * as Schedule from "../src/Schedule.js"

describe("Schedule", () => {
  it("turns each month's minor units into that month's money, runs of equal months included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(0n, 1n, 50_000n, -7n, 123_456_789n), { maxLength: 60 }),
        fc.constantFrom<Money.Currency>("USD", "JPY", "KWD"),
        (minor, currency) => {
          const money = Schedule.toMoney(minor, currency)
          expect(money.map((m) => m.currency)).toEqual(minor.map(() => currency))
          expect(money.map(Money.toMinor)).toEqual(minor)
        },
      ),
    )
  })

  it("spreads an amount evenly over regular payments, the remainder to the earliest", () => {
    const builder = new Schedule.Builder(12)
    builder.addEvenly(1000n, 0, 3, 4)
    builder.addAt(5, 7n)
    expect(builder.toMinor()).toEqual([334n, 0n, 0n, 0n, 333n, 7n, 0n, 0n, 333n, 0n, 0n, 0n])
  })
})
