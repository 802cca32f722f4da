import { describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck as fc } from "effect"
import * as HiddenFees from "../src/HiddenFees.js"
import * as Messages from "../src/Messages.js"
import { Money } from "../src/Money.js"
import { offer, perUser, profile } from "./fixtures.js"

/** A generated offer with any mix of the fees the rules look for. */
const generatedOffer = fc
  .record({
    price: fc.integer({ min: 1, max: 30000 }).map((c) => (c / 100).toFixed(2)),
    minSeats: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
    bundles: fc.option(
      fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 4 }),
      { nil: undefined },
    ),
    terms: fc.subarray([1, 3, 12, 24], { minLength: 1 }),
    uplift: fc.option(fc.integer({ min: 1, max: 15 }), { nil: undefined }),
    promotion: fc.option(fc.integer({ min: 1, max: 24 }), { nil: undefined }),
    support: fc.boolean(),
    onboarding: fc.boolean(),
    unpriced: fc.boolean(),
    seatReductions: fc.constantFrom("at-renewal", "prorated-refund"),
  })
  .map((g) =>
    offer({
      terms: g.terms.map((months) => ({ months })),
      seatReductions: g.seatReductions,
      components: [
        {
          ...seat,
          price: { amount: g.price, per: "month" },
          ...(g.minSeats === undefined ? {} : { minSeats: g.minSeats }),
          ...(g.bundles === undefined ? {} : { bundles: [...g.bundles].sort((a, b) => a - b) }),
        },
        ...(g.uplift === undefined
          ? []
          : [{ _tag: "RenewalUplift", id: "uplift", name: "Uplift", rate: `0.${g.uplift}` }]),
        ...(g.promotion === undefined
          ? []
          : [
              {
                _tag: "Promotion",
                id: "promo",
                name: "Promo",
                percentOff: "0.25",
                months: g.promotion,
              },
            ]),
        ...(g.support
          ? [
              {
                _tag: "Percentage",
                id: "support",
                name: "Support",
                rate: "0.22",
                base: ["licence"],
              },
            ]
          : []),
        ...(g.onboarding
          ? [
              {
                _tag: "OneTime",
                id: "onboarding",
                name: "Onboarding",
                kind: "onboarding",
                amount: "1500",
              },
            ]
          : []),
        ...(g.unpriced
          ? [
              {
                _tag: "Unpriced",
                id: "extra",
                name: "Extra",
                category: "add-ons",
                reason: "ask",
                mandatory: true,
              },
            ]
          : []),
      ],
    }),
  )

const generatedNeed = fc
  .record({
    seats: fc.array(fc.integer({ min: 0, max: 45 }), { minLength: 1, maxLength: 30 }),
    horizonMonths: fc.integer({ min: 1, max: 40 }),
    tax: fc.boolean(),
  })
  .map(({ seats, horizonMonths, tax }) =>
    profile({
      seats: seats[0],
      growth: { _tag: "Schedule", seats },
      horizonMonths,
      ...(tax ? { tax: { rate: "0.13" } } : {}),
    }),
  )

const seat = { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "50", per: "month" } }

describe("HiddenFees", () => {
  it.effect("registers every rule once, under its own code", () =>
    Effect.sync(() => {
      const codes = HiddenFees.rules.map((r) => r.code)
      expect(new Set(codes).size).toBe(codes.length)
      expect(codes.length).toBeGreaterThanOrEqual(17)
    }),
  )

  it.effect("finds nothing in a plain per-user offer priced monthly without tax", () =>
    Effect.gen(function* () {
      expect(yield* HiddenFees.scan(perUser, profile({}))).toEqual([])
    }),
  )

  it.effect("sorts findings most costly first, with quote-required parts leading", () =>
    Effect.gen(function* () {
      const loaded = offer({
        components: [
          { ...seat, minSeats: 5 },
          {
            _tag: "OneTime",
            id: "onboarding",
            name: "Onboarding",
            kind: "onboarding",
            amount: "1500",
          },
          { _tag: "Percentage", id: "premier", name: "Premier", rate: "0.2", base: ["licence"] },
          {
            _tag: "Unpriced",
            id: "erp-connector",
            name: "ERP connector",
            category: "add-ons",
            reason: "sold on request",
            requiredFor: ["erp"],
          },
        ],
      })
      const findings = yield* HiddenFees.scan(
        loaded,
        profile({ seats: 3, integrations: ["erp"], tax: { rate: "0.13" } }),
      )
      expect(findings.map((f) => [f.code, f.money?.toString()])).toEqual([
        ["quote-required", undefined],
        ["mandatory-onboarding", "1500.00 USD"],
        // 5 seats billed, 3 needed: 2 × 50 × 12 = 1,200 licence, and 20 % support on it
        ["minimum-seats", "1440.00 USD"],
        // 13 % of 3,000 licence + 600 support + 1,500 onboarding
        ["tax-not-included", "663.00 USD"],
        // 20 % of 5 × 50 × 12
        ["paid-support", "600.00 USD"],
      ])
      for (const f of findings) {
        for (const locale of Messages.locales) {
          expect(Messages.render(f.message, locale).length).toBeGreaterThan(0)
        }
      }
    }),
  )

  it.effect.prop(
    "keeps its findings sorted, priced ones positive or zero, quote-required ones without an amount",
    [generatedOffer, generatedNeed],
    ([o, need]) =>
      Effect.gen(function* () {
        const findings = yield* HiddenFees.scan(o, need)
        expect([...findings].sort(HiddenFees.byImpact)).toEqual(findings)
        for (const f of findings) {
          if (f.quoteRequired) expect(f.money).toBeUndefined()
          else expect(f.money.amount.isNegative()).toBe(false)
          if (f.money !== undefined) expect(f.money.currency).toBe(o.currency)
          for (const locale of Messages.locales) {
            expect(Messages.render(f.message, locale)).not.toMatch(/undefined|NaN/)
          }
        }
      }),
    { fastCheck: { numRuns: 60 } },
  )

  it.effect.prop(
    "prices a seat floor as the seats it adds above the need, bundle-rounded, at list price",
    [
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 1, max: 40 }),
      fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 4 }), {
        nil: undefined,
      }),
      fc.integer({ min: 1, max: 36 }),
    ],
    ([seats, minSeats, bundles, horizonMonths]) =>
      Effect.gen(function* () {
        const sizes = bundles === undefined ? undefined : [...bundles].sort((a, b) => a - b)
        const o = offer({
          components: [{ ...seat, minSeats, ...(sizes === undefined ? {} : { bundles: sizes }) }],
        })
        const bundle = (n: number) => sizes?.find((size) => size >= n) ?? n
        const added = bundle(Math.max(seats, minSeats)) - bundle(seats)
        const found = yield* HiddenFees.scan(o, profile({ seats, horizonMonths }))
        const floor = found.find((f) => f.code === "minimum-seats")
        expect(floor?.money?.toString()).toBe(
          added > 0 ? `${(added * 50 * horizonMonths).toFixed(2)} USD` : undefined,
        )
      }),
    { fastCheck: { numRuns: 60 } },
  )

  it.effect("fails with the engine's typed error when the offer cannot serve the need", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        HiddenFees.scan(perUser, profile({ modules: ["marketing"] })),
      )
      expect(error._tag).toBe("UnknownModule")
    }),
  )

  it.effect("orders equal amounts by severity, then code", () =>
    Effect.sync(() => {
      const message = Messages.make("hiddenFee.taxRateUnknown", { component: "VAT" })
      const at = (
        code: string,
        severity: HiddenFees.Severity,
        amount: string | undefined,
      ): HiddenFees.Finding => ({
        code,
        severity,
        componentId: undefined,
        message,
        ...(amount === undefined
          ? ({ money: undefined, quoteRequired: true } as const)
          : ({ money: Money.make(amount, "USD"), quoteRequired: false } as const)),
      })
      const sorted = [
        at("b", "info", "10"),
        at("a", "info", "10"),
        at("c", "warning", "10"),
        at("d", "info", "99"),
        at("e", "critical", undefined),
      ].sort(HiddenFees.byImpact)
      expect(sorted.map((f) => f.code)).toEqual(["e", "d", "c", "a", "b"])
    }),
  )
})
