import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as HiddenFees from "../src/HiddenFees.js"
import * as Messages from "../src/Messages.js"
import { Money } from "../src/Money.js"
import { offer, perUser, profile } from "./fixtures.js"

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
