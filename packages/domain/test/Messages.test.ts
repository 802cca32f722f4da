import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Messages from "../src/Messages.js"
import { Decimal, Money } from "../src/Money.js"
import type { hiddenFees } from "../src/messages/en/HiddenFees.js"
import { alertSamples } from "./alertSamples.js"
import { compareSamples } from "./compareSamples.js"

const usd = (amount: string) => Money.make(amount, "USD")
const cny = (amount: string) => Money.make(amount, "CNY")

/** Exhaustive: tsc fails when a hidden-fee key has no sample or a sample has the wrong parameters. */
const hiddenFeeSamples = {
  "hiddenFee.minimumSeats": { component: "User", minSeats: 5, fewestSeats: 3, money: usd("1200") },
  "hiddenFee.seatBundles": {
    component: "Seat",
    bundles: [3, 5, 10],
    seats: 8,
    billed: 10,
    money: usd("1200"),
  },
  "hiddenFee.requiredModule": { module: "marketing", component: "Marketing", money: usd("1200") },
  "hiddenFee.requiredIntegration": { integration: "erp", component: "ERP", money: usd("480") },
  "hiddenFee.usageOverage": {
    metric: "storage-gb",
    quantity: new Decimal(25),
    included: new Decimal(10),
    period: "month",
    money: usd("360"),
  },
  "hiddenFee.quotaExceeded": {
    metric: "api-calls",
    units: new Decimal(1000),
    per: "month",
    usage: new Decimal(1500),
    month: 3,
    hard: true,
  },
  "hiddenFee.prepaidTermLonger": {
    termMonths: 12,
    horizonMonths: 10,
    unusedMonths: 2,
    forced: true,
    money: usd("866.66"),
  },
  "hiddenFee.annualOnly": { shortestMonths: 12, termMonths: 12, upfront: usd("12000") },
  "hiddenFee.renewalUplift": {
    rate: new Decimal("0.07"),
    everyMonths: 12,
    renewals: 2,
    money: usd("1289.4"),
  },
  "hiddenFee.promotionExpiry": {
    component: "Intro",
    percent: new Decimal("0.2"),
    months: 3,
    money: usd("900"),
  },
  "hiddenFee.paidSupport": { component: "Priority support", money: usd("1200") },
  "hiddenFee.percentageSupport": {
    component: "Premier",
    rate: new Decimal("0.2"),
    base: ["licence", "add-ons"],
    money: usd("1200"),
  },
  "hiddenFee.mandatoryOnboarding": {
    component: "Onboarding",
    kind: "implementation",
    money: usd("1500"),
  },
  "hiddenFee.selfHosting": { licence: usd("0"), money: usd("8800") },
  "hiddenFee.seatReductions": { seatMonths: 24, termMonths: 12, money: usd("1200") },
  "hiddenFee.taxExclusive": { rate: new Decimal("0.13"), money: cny("13.01") },
  "hiddenFee.taxRateUnknown": { component: "增值税" },
  "hiddenFee.exitFee": { component: "Data export", mandatory: false, money: usd("2500") },
  "hiddenFee.sandbox": { component: "Sandbox", charged: false, money: usd("2400") },
  "hiddenFee.quoteRequired": { component: "API pack", reason: "on request", neededFor: "erp" },
} satisfies { readonly [K in keyof typeof hiddenFees]: Messages.Params<K> }

/**
 * Other parts' keys, checked at run time only (their owners change them
 * independently): a sample that no longer fits its text renders "undefined"
 * or "NaN", which the test below rejects.
 */
const otherSamples: Readonly<Record<string, object>> = {
  "basis.seats": { seats: 10, price: usd("50"), termMonths: 1, terms: 12, renewals: 1 },
  "basis.flat": { price: usd("500"), termMonths: 1, terms: 12, renewals: 0 },
  "basis.partialTerm": { quantity: 10, price: usd("600"), termMonths: 12, months: 6, renewals: 0 },
  "basis.seatAddition": { seats: 2, price: usd("600"), month: 4, days: 275, termDays: 365 },
  "basis.seatRefund": { seats: 6, price: usd("600"), month: 4, days: 275, termDays: 365 },
  "basis.promotedTerm": {
    quantity: 10,
    price: usd("50"),
    termMonths: 1,
    months: 1,
    percent: new Decimal("0.2"),
    promoMonths: 1,
    discount: usd("100"),
    renewals: 0,
  },
  "basis.usage": {
    metric: "storage-gb",
    quantity: new Decimal(25),
    included: new Decimal(10),
    charge: usd("30"),
    period: "month",
    periods: 12,
  },
  "basis.usageMinimum": { metric: "api-calls", minimum: usd("100"), period: "month", periods: 12 },
  "basis.percentage": { rate: new Decimal("0.2"), base: usd("6000"), baseLabel: "User" },
  "basis.upfront": { amount: usd("1500") },
  "basis.milestones": { amount: usd("50000"), count: 3, lastMonth: 6 },
  "basis.infrastructure": { price: usd("100"), months: 24 },
  "basis.administration": { hours: new Decimal(4), rate: usd("50"), months: 24 },
  "basis.upgrades": { hours: new Decimal(16), rate: usd("50"), years: 2 },
  "basis.taxExclusive": { rate: new Decimal("0.13"), net: cny("100.05") },
  "basis.taxInclusive": { rate: new Decimal("0.13"), gross: cny("113.06") },
}

const samples: Readonly<Record<string, object>> = {
  ...otherSamples,
  ...hiddenFeeSamples,
  ...compareSamples,
  ...alertSamples,
}

const keysOf = (locale: Messages.Locale) => Object.keys(Messages.catalogs[locale]).sort()

const renderSample = (key: string, locale: Messages.Locale, params: object): string => {
  const text: unknown = Reflect.get(Messages.catalogs[locale], key)
  if (typeof text !== "function") throw new Error(`${locale} has no text for ${key}`)
  return String(text(params, Messages.forLocale(locale)))
}

describe("Messages", () => {
  it.effect("has every key in both languages", () =>
    Effect.sync(() => {
      const en = keysOf("en")
      expect(en.length).toBeGreaterThan(0)
      expect(keysOf("zh-CN")).toEqual(en)
      for (const locale of Messages.locales) {
        for (const key of en) {
          expect(typeof Reflect.get(Messages.catalogs[locale], key), `${locale} ${key}`).toBe(
            "function",
          )
        }
      }
    }),
  )

  it.effect("has sample parameters for every key, so every text is rendered below", () =>
    Effect.sync(() => {
      expect(keysOf("en").filter((key) => !(key in samples))).toEqual([])
    }),
  )

  it.effect("renders every key as non-empty text in both languages, every parameter filled", () =>
    Effect.sync(() => {
      for (const key of keysOf("en")) {
        const params = samples[key]
        if (params === undefined) continue
        for (const locale of Messages.locales) {
          const text = renderSample(key, locale, params)
          expect(text.trim().length, `${locale} ${key}`).toBeGreaterThan(0)
          expect(text, `${locale} ${key}`).not.toMatch(/undefined|NaN|\[object /)
        }
      }
    }),
  )

  it.effect("renders hidden-fee texts in Chinese for zh-CN and English for en", () =>
    Effect.sync(() => {
      for (const [key, params] of Object.entries(hiddenFeeSamples)) {
        expect(renderSample(key, "zh-CN", params), key).toMatch(/[\u4e00-\u9fff]/)
        expect(renderSample(key, "en", params), key).toMatch(/^[A-Z]/)
      }
    }),
  )

  it.effect("formats money for the locale through Intl", () =>
    Effect.sync(() => {
      const msg = Messages.make("hiddenFee.taxExclusive", {
        rate: new Decimal("0.13"),
        money: cny("1234.5"),
      })
      expect(Messages.render(msg, "en")).toContain("CN¥1,234.50")
      expect(Messages.render(msg, "zh-CN")).toContain("¥1,234.50")
      expect(Messages.render(msg, "zh-CN")).toContain("13%")
    }),
  )
})
