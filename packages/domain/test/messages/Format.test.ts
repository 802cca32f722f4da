import { describe, expect, it, vi } from "@effect/vitest"
import * as fc from "fast-check"
import { type Currency, Decimal, Money, minorUnits } from "../../src/Money.js"
import * as Format from "../../src/messages/Format.js"

const currencies = Object.keys(minorUnits) as Array<Currency>

/** What Intl writes for an amount: the reference the formatter must match. */
const intl = (locale: Format.Locale, m: Money) => {
  const digits = minorUnits[m.currency]
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: m.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(m.amount.toFixed(digits) as `${number}`)
}

describe("Format", () => {
  it("writes money as Intl does, in every locale and currency", () => {
    const digits = fc.stringMatching(/^(0|[1-9][0-9]{0,20})$/)
    const amount = fc
      .tuple(fc.boolean(), digits, fc.stringMatching(/^[0-9]{0,5}$/))
      .map(
        ([negative, whole, fraction]) =>
          new Decimal(`${negative ? "-" : ""}${whole}${fraction === "" ? "" : `.${fraction}`}`),
      )
    fc.assert(
      fc.property(
        fc.constantFrom(...Format.locales),
        fc.constantFrom(...currencies),
        amount,
        (locale, currency, value) => {
          const m = Money.make(value, currency)
          expect(Format.forLocale(locale).money(m)).toBe(intl(locale, m))
        },
      ),
      { numRuns: 5_000 },
    )
  })

  it("writes the usual amounts with the locale's symbol and separators", () => {
    const en = Format.forLocale("en")
    const zh = Format.forLocale("zh-CN")
    expect(en.money(Money.make("1234.5", "USD"))).toBe("$1,234.50")
    expect(zh.money(Money.make("1234.5", "USD"))).toBe("US$1,234.50")
    expect(en.money(Money.make("-1234567.891", "KWD"))).toBe("-KWD\u00a01,234,567.891")
    expect(zh.money(Money.make("-0.001", "JPY"))).toBe("-JP¥0")
    expect(en.money(Money.make("0", "CNY"))).toBe("CN¥0.00")
  })

  it("writes money in both locales without calling Intl per amount, once a currency is known", () => {
    const amounts = currencies.map((currency) => Money.make("-1234567.125", currency))
    for (const locale of Format.locales) {
      for (const m of amounts) Format.forLocale(locale).money(m)
    }
    // Intl's `format` is a getter (of a bound function): reading it is calling it.
    const prototype: { readonly format: unknown } = Intl.NumberFormat.prototype
    const format = vi.spyOn(prototype, "format", "get")
    try {
      for (const locale of Format.locales) {
        for (const m of amounts) Format.forLocale(locale).money(m)
      }
      expect(format).not.toHaveBeenCalled()
    } finally {
      format.mockRestore()
    }
  })
})
