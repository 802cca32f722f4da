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

/**
 * How a locale writes an amount of a currency, read once from Intl: the text
 * before and after the number (sign, symbol) and the group and decimal
 * separators, for numbers grouped by threes. Writing an amount's fixed-point
 * text with it gives Intl's text without a call into ICU per amount, which
 * costs microseconds on a busy server (a quote's lines each name a price).
 */
interface MoneyPattern {
  readonly positive: readonly [prefix: string, suffix: string]
  readonly negative: readonly [prefix: string, suffix: string]
  readonly group: string
  readonly decimal: string
}

interface Surroundings {
  prefix: string
  suffix: string
  group: string
  decimal: string
}

const surroundings = (format: Intl.NumberFormat, text: `${number}`): Surroundings => {
  const out: Surroundings = { prefix: "", suffix: "", group: "", decimal: "" }
  let inNumber = false
  for (const part of format.formatToParts(text)) {
    if (part.type === "integer" || part.type === "fraction") inNumber = true
    else if (part.type === "group") out.group = part.value
    else if (part.type === "decimal") out.decimal = part.value
    else if (inNumber) out.suffix += part.value
    else out.prefix += part.value
  }
  return out
}

/** A fixed-point text ("-1234.50") written with a pattern: "-$1,234.50". */
const writeFixed = (pattern: MoneyPattern, text: string): string => {
  const negative = text.charCodeAt(0) === 45
  const unsigned = negative ? text.slice(1) : text
  const point = unsigned.indexOf(".")
  const whole = point === -1 ? unsigned : unsigned.slice(0, point)
  let number = whole.slice(0, ((whole.length - 1) % 3) + 1)
  for (let i = number.length; i < whole.length; i += 3) {
    number += pattern.group + whole.slice(i, i + 3)
  }
  if (point !== -1) number += pattern.decimal + unsigned.slice(point + 1)
  const [prefix, suffix] = negative ? pattern.negative : pattern.positive
  return prefix + number + suffix
}

/**
 * The pattern of a currency format, or undefined when writing with it would not
 * give Intl's text for a set of probes (another grouping, other digits): that
 * format is then left to Intl.
 */
const moneyPatternOf = (format: Intl.NumberFormat, digits: number): MoneyPattern | undefined => {
  const fraction = digits > 0 ? `.${"5".repeat(digits)}` : ""
  const positive = surroundings(format, `1234567${fraction}` as `${number}`)
  const negative = surroundings(format, `-1234567${fraction}` as `${number}`)
  const pattern: MoneyPattern = {
    positive: [positive.prefix, positive.suffix],
    negative: [negative.prefix, negative.suffix],
    group: positive.group,
    decimal: positive.decimal,
  }
  const zeros = digits > 0 ? `.${"0".repeat(digits)}` : ""
  const wholes = [
    "0",
    "-0",
    "1",
    "12",
    "123",
    "1234",
    "-12345",
    "123456",
    "-1234567",
    "98765432101",
  ]
  const faithful = wholes.every((whole) =>
    [fraction, zeros].every((part) => {
      const text = `${whole}${part}` as `${number}`
      return writeFixed(pattern, text) === format.format(text)
    }),
  )
  return faithful ? pattern : undefined
}

/** The formatter of a locale (cached: Intl formatters are costly to build). */
export const forLocale = (locale: Locale): Format => {
  const hit = cache.get(locale)
  if (hit) return hit
  const moneyFormats = new Map<string, (text: `${number}`) => string>()
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 })
  const percentFormat = new Intl.NumberFormat(locale, {
    style: "percent",
    maximumFractionDigits: 4,
  })
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" })
  const format: Format = {
    locale,
    money: (m) => {
      let write = moneyFormats.get(m.currency)
      if (write === undefined) {
        const digits = minorUnits[m.currency]
        const intl = new Intl.NumberFormat(locale, {
          style: "currency",
          currency: m.currency,
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        })
        const pattern = moneyPatternOf(intl, digits)
        // A numeric string keeps full decimal precision in Intl (no float conversion).
        write =
          pattern === undefined ? (text) => intl.format(text) : (text) => writeFixed(pattern, text)
        moneyFormats.set(m.currency, write)
      }
      return write(toFixedString(m) as `${number}`)
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
