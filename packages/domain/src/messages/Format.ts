/** Locale-aware formatting used by the message catalogs (Intl; no Node APIs). */
import type { CalendarDate } from "../Calendar.js"
import { type Decimal, type Money, minorUnits, toFixedString } from "../Money.js"

export type Locale = "en" | "zh-CN"
export const locales: ReadonlyArray<Locale> = ["en", "zh-CN"]

export interface Format {
  readonly locale: Locale
  /** 1234.5 USD → "$1,234.50" / "US$1,234.50" */
  readonly money: (m: Money) => string
  /** A plain decimal number, grouped for the locale. */
  readonly number: (d: Decimal | number) => string
  /** 0.2 → "20%" */
  readonly percent: (d: Decimal) => string
  /** "2026-01-31" → "Jan 31, 2026" / "2026年1月31日" */
  readonly date: (d: CalendarDate) => string
}

const cache = new Map<Locale, Format>()

/** The formatter of a locale (cached: Intl formatters are costly to build). */
export const forLocale = (locale: Locale): Format => {
  const hit = cache.get(locale)
  if (hit) return hit
  const moneyFormats = new Map<string, Intl.NumberFormat>()
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 })
  const percentFormat = new Intl.NumberFormat(locale, {
    style: "percent",
    maximumFractionDigits: 4,
  })
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" })
  const format: Format = {
    locale,
    money: (m) => {
      let f = moneyFormats.get(m.currency)
      if (!f) {
        const digits = minorUnits[m.currency]
        f = new Intl.NumberFormat(locale, {
          style: "currency",
          currency: m.currency,
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        })
        moneyFormats.set(m.currency, f)
      }
      // A numeric string keeps full decimal precision in Intl (no float conversion).
      return f.format(toFixedString(m) as `${number}`)
    },
    number: (d) => numberFormat.format(typeof d === "number" ? d : (d.toFixed() as `${number}`)),
    percent: (d) => percentFormat.format(d.toFixed() as `${number}`),
    date: (d) => dateFormat.format(new Date(`${d}T00:00:00Z`)),
  }
  cache.set(locale, format)
  return format
}

/** The locale for a LANG or Accept-Language value: Chinese → zh-CN, else en. */
export const fromTag = (tag: string | undefined): Locale =>
  tag !== undefined && /^zh/i.test(tag.trim()) ? "zh-CN" : "en"
