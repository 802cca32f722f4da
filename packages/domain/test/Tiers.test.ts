import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { Tier, UsagePricing } from "../src/FeeComponent.js"
import { Decimal } from "../src/Money.js"
import * as Tiers from "../src/Tiers.js"

const tiers = (wire: ReadonlyArray<Record<string, string>>) =>
  wire.map((t) => Schema.decodeUnknownSync(Tier)(t))
const d = (x: string | number) => new Decimal(x)
const at = (f: (q: Decimal) => Decimal) => (q: string | number) => f(d(q)).toFixed()

// 0–1000 at 0.10, 1000–5000 at 0.05, above at 0.01; the second tier has a flat fee of 20.
const ladder = tiers([
  { upTo: "1000", unitPrice: "0.10" },
  { upTo: "5000", unitPrice: "0.05", flatFee: "20" },
  { unitPrice: "0.01" },
])

describe("Tiers", () => {
  it("prices graduated tiers unit by unit around every boundary", () => {
    const g = at((q) => Tiers.graduated(ladder, q))
    expect(g(0)).toBe("0")
    expect(g(1)).toBe("0.1")
    expect(g(1000)).toBe("100")
    expect(g(1001)).toBe("120.05") // 100 + 20 flat + 1 × 0.05
    expect(g("1000.5")).toBe("120.025") // fractional units fall in the next tier
    expect(g(5000)).toBe("320")
    expect(g(5001)).toBe("320.01")
  })

  it("charges the first tier's flat fee at zero quantity (a base fee)", () => {
    const base = tiers([{ upTo: "2000", unitPrice: "0", flatFee: "890" }, { unitPrice: "0.5" }])
    expect(Tiers.graduated(base, d(0)).toFixed()).toBe("890")
    expect(Tiers.graduated(base, d(2000)).toFixed()).toBe("890")
    expect(Tiers.graduated(base, d(2001)).toFixed()).toBe("890.5")
  })

  it("prices every unit by the tier that holds the total in volume tiers", () => {
    const v = at((q) => Tiers.volume(ladder, q))
    expect(v(0)).toBe("0")
    expect(v(1000)).toBe("100")
    expect(v(1001)).toBe("70.05") // 1001 × 0.05 + 20 flat
    expect(v(5000)).toBe("270")
    expect(v(5001)).toBe("50.01")
    expect(v("999.5")).toBe("99.95")
  })

  it("rounds packages up", () => {
    const p = at((q) => Tiers.packaged(d(1000), d(25), q))
    expect(p(0)).toBe("0")
    expect(p(1)).toBe("25")
    expect(p(1000)).toBe("25")
    expect(p(1001)).toBe("50")
    expect(p("0.5")).toBe("25")
  })

  it("rejects tiers out of order or with a bounded last tier", () => {
    const decode = Schema.decodeUnknownEither(UsagePricing)
    const graduated = (t: ReadonlyArray<Record<string, string>>) =>
      decode({ _tag: "Graduated", tiers: t })
    expect(graduated([{ upTo: "5", unitPrice: "1" }, { unitPrice: "0.5" }])._tag).toBe("Right")
    const bounded = graduated([{ upTo: "5", unitPrice: "1" }])
    expect(Either.isLeft(bounded) && bounded.left.message).toContain("the last tier must not have")
    const unordered = graduated([
      { upTo: "5", unitPrice: "1" },
      { upTo: "5", unitPrice: "1" },
      { unitPrice: "1" },
    ])
    expect(Either.isLeft(unordered) && unordered.left.message).toContain("must be above")
    const open = graduated([{ unitPrice: "1" }, { unitPrice: "1" }])
    expect(Either.isLeft(open) && open.left.message).toContain('tier 1 needs "upTo"')
  })
})
