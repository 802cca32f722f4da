import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
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
})
