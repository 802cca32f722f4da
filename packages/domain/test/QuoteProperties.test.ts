import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import * as fc from "fast-check"
import { categories } from "../src/FeeComponent.js"
import { Decimal } from "../src/Money.js"
import * as Quote from "../src/Quote.js"
import { wireOffer, wireProfile } from "./arbitraries.js"
import { offer, profile } from "./fixtures.js"

const price = (o: ReturnType<typeof offer>, p: ReturnType<typeof profile>, termMonths?: number) =>
  Effect.runSync(Effect.either(Quote.make(o, p, termMonths === undefined ? {} : { termMonths })))

const sum = (xs: ReadonlyArray<{ amount: Decimal }>) =>
  xs.reduce((acc, m) => acc.plus(m.amount), new Decimal(0))

// Keys whose numbers are counts, months or days, never money.
const countKeys = new Set([
  "termMonths",
  "horizonMonths",
  "unusedPrepaidMonths",
  "fromMonth",
  "toMonth",
  "paidInMonths",
  "seatsByMonth",
  "seatMonths",
  "seats",
  "quantity",
  "months",
  "terms",
  "renewals",
  "count",
  "lastMonth",
  "month",
  "days",
  "termDays",
  "periods",
  "promoMonths",
])

const numbersOutsideCounts = (value: unknown, key = "", out: Array<string> = []): Array<string> => {
  if (typeof value === "number" && !countKeys.has(key)) out.push(`${key}=${value}`)
  else if (Array.isArray(value)) for (const v of value) numbersOutsideCounts(v, key, out)
  else if (value instanceof Decimal) return out
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) numbersOutsideCounts(v, k, out)
  }
  return out
}

describe("Quote properties", () => {
  it("adds lines, categories, cash flow and accrual up to the total to the minor unit", () => {
    let priced = 0
    fc.assert(
      fc.property(wireOffer, wireProfile, (o, p) => {
        const result = price(offer(o), profile(p))
        if (Either.isLeft(result)) return
        priced++
        const q = result.right
        expect(sum(q.lines.map((l) => l.amount)).eq(q.total.amount)).toBe(true)
        expect(sum(categories.map((c) => q.totalsByCategory[c])).eq(q.total.amount)).toBe(true)
        expect(sum(q.cashFlow).eq(q.total.amount)).toBe(true)
        expect(sum(q.accrual).eq(q.total.amount)).toBe(true)
        expect(q.net.amount.plus(q.tax.amount).eq(q.total.amount)).toBe(true)
        for (const line of q.lines) {
          expect(line.amount.amount.decimalPlaces()).toBeLessThanOrEqual(3)
          expect(line.amount.currency).toBe(q.currency)
        }
      }),
      { numRuns: 300 },
    )
    // The generators must mostly produce offers that price, or the property proves little.
    expect(priced).toBeGreaterThan(250)
  })

  it("never lowers a per-seat total when seats grow", () => {
    fc.assert(
      fc.property(
        wireOffer,
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 36 }),
        (o, seats, more, horizonMonths) => {
          const perSeatOnly = offer({
            ...o,
            components: o.components.filter((c) =>
              ["PerSeat", "Module", "Platform", "OneTime", "Promotion", "RenewalUplift"].includes(
                String(c._tag),
              ),
            ),
          })
          const need = (n: number) => profile({ seats: n, horizonMonths, modules: ["sales"] })
          const months = perSeatOnly.terms[0].months
          const fewer = price(perSeatOnly, need(seats), months)
          const grown = price(perSeatOnly, need(seats + more), months)
          if (Either.isLeft(fewer) || Either.isLeft(grown)) return
          expect(grown.right.total.amount.gte(fewer.right.total.amount)).toBe(true)
        },
      ),
      { numRuns: 300 },
    )
  })

  it("does not depend on the order of the components", () => {
    fc.assert(
      fc.property(wireOffer, wireProfile, fc.integer({ min: 0, max: 1000 }), (o, p, seed) => {
        const shuffled = [...o.components]
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (seed * (i + 7)) % (i + 1)
          const a = shuffled[i]
          const b = shuffled[j]
          if (a !== undefined && b !== undefined) {
            shuffled[i] = b
            shuffled[j] = a
          }
        }
        const a = price(offer(o), profile(p))
        const b = price(offer({ ...o, components: shuffled }), profile(p))
        expect(a._tag).toBe(b._tag)
        if (Either.isRight(a) && Either.isRight(b)) {
          expect(b.right.total.toString()).toBe(a.right.total.toString())
          for (const c of categories) {
            expect(b.right.totalsByCategory[c].toString()).toBe(
              a.right.totalsByCategory[c].toString(),
            )
          }
          expect(b.right.cashFlow.map(String)).toEqual(a.right.cashFlow.map(String))
        }
      }),
      { numRuns: 200 },
    )
  })

  it("holds no money as a JS number in a quote", () => {
    fc.assert(
      fc.property(wireOffer, wireProfile, (o, p) => {
        const result = price(offer(o), profile({ ...p, discountRate: "0.08" }))
        if (Either.isLeft(result)) return
        expect(numbersOutsideCounts(result.right)).toEqual([])
        const wire = JSON.parse(JSON.stringify(result.right)) as { total: { amount: unknown } }
        expect(typeof wire.total.amount).toBe("string")
      }),
      { numRuns: 100 },
    )
  })
})
