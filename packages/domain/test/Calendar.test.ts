import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import * as fc from "fast-check"
import * as Calendar from "../src/Calendar.js"

const date = Calendar.unsafeMake

describe("Calendar", () => {
  it("clamps month arithmetic to the month's end: 31 Jan + 1 month", () => {
    expect(Calendar.addMonths(date("2026-01-31"), 1)).toBe("2026-02-28")
    expect(Calendar.addMonths(date("2028-01-31"), 1)).toBe("2028-02-29")
    expect(Calendar.addMonths(date("2026-01-31"), 2)).toBe("2026-03-31")
    expect(Calendar.addMonths(date("2026-03-31"), -1)).toBe("2026-02-28")
    expect(Calendar.addMonths(date("2026-12-15"), 1)).toBe("2027-01-15")
  })

  it("counts days across leap years", () => {
    expect(Calendar.daysBetween(date("2028-01-01"), date("2029-01-01"))).toBe(366)
    expect(Calendar.daysBetween(date("2026-01-01"), date("2027-01-01"))).toBe(365)
    expect(Calendar.addDays(date("2028-02-28"), 1)).toBe("2028-02-29")
  })

  it("reads the calendar date of an instant in a time zone, across DST", () => {
    const instant = new Date("2026-03-08T07:30:00Z") // US DST starts that morning
    expect(Calendar.fromInstant(instant, "America/Los_Angeles")).toBe("2026-03-07")
    expect(Calendar.fromInstant(instant, "Asia/Shanghai")).toBe("2026-03-08")
  })

  it("rejects dates that do not exist", () => {
    const decode = Schema.decodeUnknownEither(Calendar.CalendarDate)
    expect(Either.isRight(decode("2028-02-29"))).toBe(true)
    expect(Either.isLeft(decode("2026-02-29"))).toBe(true)
    expect(Either.isLeft(decode("2026-13-01"))).toBe(true)
    expect(Either.isLeft(decode("26-01-01"))).toBe(true)
  })

  it("knows the length of every month of the Gregorian calendar, century years included", () => {
    for (const year of [1600, 1700, 1900, 2000, 2024, 2026, 2100, 2400]) {
      for (let month = 1; month <= 12; month++) {
        expect(Calendar.daysInMonth(year, month)).toBe(
          new Date(Date.UTC(year, month, 0)).getUTCDate(),
        )
      }
    }
    expect(Calendar.daysInMonth(1900, 2)).toBe(28)
    expect(Calendar.daysInMonth(2000, 2)).toBe(29)
  })

  it("takes exactly the existing dates written YYYY-MM-DD", () => {
    // The former check: a pattern, then the month's length from Date (years 1000-9999 here,
    // where Date reads the year as written).
    const reference = (s: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
      if (m === null) return false
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
      return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate()
    }
    const pad = (n: number, width: number) => String(n).padStart(width, "0")
    const written = fc
      .tuple(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)
    const near = written.chain((s) =>
      fc.oneof(
        fc.constant(s),
        fc
          .tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom("/", " ", "a", "+", "٣", "", "0"))
          .map(([i, c]) => s.slice(0, i) + c + s.slice(i + 1)),
        fc.string({ maxLength: 12 }),
      ),
    )
    fc.assert(
      fc.property(near, (s) => {
        expect(Calendar.parse(s) !== undefined).toBe(reference(s))
      }),
      { numRuns: 5_000 },
    )
    expect(Calendar.parse("2028-02-29")).toBe("2028-02-29")
    expect(Calendar.parse("2026-02-29")).toBeUndefined()
    expect(Calendar.parse("2026-1-01")).toBeUndefined()
    expect(Calendar.parse(" 2026-01-01")).toBeUndefined()
  })
})
