import { Money, Profile } from "@crm-cost/domain"
import * as Quote from "@crm-cost/domain/Quote"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import * as BuiltIn from "../src/BuiltIn.js"
import { sources } from "../src/Sources.js"

/** The standard profile of the issue: 10 seats for 36 months from 2026-01-01, in the offer's currency. */
const standard = Schema.decodeUnknownSync(Profile.Profile)({
  seats: 10,
  horizonMonths: 36,
  startDate: "2026-01-01",
})

const profile = (wire: Record<string, unknown>) =>
  Schema.decodeUnknownSync(Profile.Profile)({ seats: 10, startDate: "2026-01-01", ...wire })

const offer = (id: string) =>
  Effect.map(BuiltIn.offers, (offers) => {
    const found = offers.find((o) => o.id === id)
    if (found === undefined) throw new Error(`no built-in offer ${id}`)
    return found
  })

describe("BuiltIn", () => {
  it.effect("decodes every built-in offer with the domain's Offer schema", () =>
    Effect.gen(function* () {
      const offers = yield* BuiltIn.offers
      expect(offers.length).toBe(BuiltIn.wire.length)
      expect(new Set(offers.map((o) => o.id)).size).toBe(offers.length)
    }),
  )

  it.effect("gives every offer and component a known source, a confidence and a date", () =>
    Effect.gen(function* () {
      const offers = yield* BuiltIn.offers
      const missing: Array<string> = []
      for (const o of offers) {
        for (const [where, e] of [
          [`${o.id}`, o.source],
          ...o.components.map((c) => [`${o.id}/${c.id}`, c.evidence] as const),
        ] as const) {
          if (e === undefined) missing.push(`${where}: no evidence`)
          else {
            if (!(e.source in sources)) missing.push(`${where}: unknown source ${e.source}`)
            if (e.confidence === undefined) missing.push(`${where}: no confidence`)
            if (e.asOf === undefined && !e.note?.includes("source dated"))
              missing.push(`${where}: no date`)
          }
        }
      }
      expect(missing).toEqual([])
    }),
  )

  it.effect(
    "prices every built-in offer for 10 seats over 36 months (the catalog's price list)",
    () =>
      Effect.gen(function* () {
        const offers = yield* BuiltIn.offers
        const table: Array<string> = []
        for (const o of offers) {
          const q = yield* Quote.make(o, standard)
          const unpriced = q.unpriced.map((u) => u.componentId).join(",")
          table.push(
            `${o.id} ${q.termMonths}m ${Money.toFixedString(q.total)} ${q.currency}${unpriced === "" ? "" : ` unpriced:${unpriced}`}`,
          )
        }
        expect(table).toEqual([
          "example-per-user 1m 18000.00 USD",
          "example-per-module 1m 0.00 USD",
          "example-per-term 12m 15600.00 USD",
          "example-custom-project 1m 50000.00 USD unpriced:maintenance",
          "example-open-source 1m 13200.00 USD",
          "sf-starter-suite 1m 9000.00 USD",
          "sf-pro-suite 12m 36000.00 USD",
          "sf-enterprise 12m 63000.00 USD",
          "sf-unlimited 12m 126000.00 USD",
          "sf-agentforce1-sales 12m 198000.00 USD",
          "sf-core 12m 70200.00 USD",
          "sf-advanced 12m 142200.00 USD",
          "sf-max 12m 198000.00 USD",
          "hs-starter 12m 2520.00 USD",
          "hs-sales-pro 12m 37500.00 USD",
          "hs-sales-ent 12m 57500.00 USD",
          "hs-service-pro 12m 37500.00 USD",
          "hs-service-ent 12m 57500.00 USD",
          "hs-mkt-pro 12m 47640.00 USD",
          "hs-mkt-ent 12m 150100.00 USD",
          "zoho-standard 12m 5040.00 USD",
          "zoho-professional 12m 8280.00 USD",
          "zoho-enterprise 12m 14400.00 USD",
          "zoho-ultimate 12m 18720.00 USD",
          "pd-lite 12m 5040.00 USD",
          "pd-growth 12m 14040.00 USD",
          "pd-premium 12m 21240.00 USD",
          "pd-ultimate 12m 28440.00 USD",
          "fs-growth 12m 3240.00 USD",
          "fs-pro 12m 14040.00 USD",
          "fs-enterprise 12m 21240.00 USD",
          "d365-sales-pro 12m 23400.00 USD",
          "d365-sales-ent 12m 37800.00 USD",
          "d365-sales-premium 12m 54000.00 USD",
          "mon-basic 12m 4320.00 USD",
          "mon-standard 12m 6120.00 USD",
          "mon-pro 12m 10080.00 USD",
          "odoo-one-app-free 1m 0.00 EUR",
          "odoo-custom 12m 10764.00 EUR",
          "vt-pilot 12m 0.00 USD",
          "vt-growth 12m 4320.00 USD",
          "vt-professional 12m 10800.00 USD",
          "vt-enterprise 12m 15120.00 USD",
          "vt-ai 12m 18000.00 USD",
          "twenty-self 1m 13200.00 USD",
          "twenty-pro 12m 2430.00 USD",
          "twenty-org 12m 5130.00 USD",
          "suite-self 1m 13200.00 GBP",
          "espo-self 1m 13200.00 EUR",
          "fx-pro 12m 42840.00 CNY",
          "fx-flagship 12m 79200.00 CNY",
          "sugar-standard 12m 34476.77 USD",
          "sugar-advanced 12m 49669.92 USD",
          "sugar-premier 12m 78887.52 USD",
        ])
      }),
  )

  describe("the source's examples", () => {
    it.effect("per user: 10 users × 50 USD/user/month = 500 USD a month", () =>
      Effect.gen(function* () {
        const q = yield* Quote.make(yield* offer("example-per-user"), profile({ horizonMonths: 1 }))
        expect(q.total.toString()).toBe("500.00 USD")
      }),
    )

    it.effect("per module: sales + service = 350 USD a month; all three = 450", () =>
      Effect.gen(function* () {
        const o = yield* offer("example-per-module")
        const two = yield* Quote.make(
          o,
          profile({ horizonMonths: 1, modules: ["sales", "service"] }),
        )
        expect(two.total.toString()).toBe("350.00 USD")
        const all = yield* Quote.make(
          o,
          profile({ horizonMonths: 1, modules: ["sales", "service", "marketing"] }),
        )
        expect(all.total.toString()).toBe("450.00 USD")
      }),
    )

    it.effect(
      "per term: 4 months cost 2,000 / 2,800 / 5,200 and 12 months 6,000 / 5,600 / 5,200",
      () =>
        Effect.gen(function* () {
          const o = yield* offer("example-per-term")
          const totals = (qs: ReadonlyArray<Quote.Quote>) =>
            qs.map((q) => Money.toFixedString(q.total))
          expect(totals(yield* Quote.allTerms(o, profile({ horizonMonths: 4 })))).toEqual([
            "2000.00",
            "2800.00",
            "5200.00",
          ])
          expect(totals(yield* Quote.allTerms(o, profile({ horizonMonths: 12 })))).toEqual([
            "6000.00",
            "5600.00",
            "5200.00",
          ])
        }),
    )

    it.effect("custom project: 50,000 USD over 6 months by milestones, maintenance unpriced", () =>
      Effect.gen(function* () {
        const q = yield* Quote.make(
          yield* offer("example-custom-project"),
          profile({ horizonMonths: 6 }),
        )
        expect(q.total.toString()).toBe("50000.00 USD")
        expect(q.cashFlow.map(Money.toFixedString)).toEqual([
          "15000.00",
          "0.00",
          "0.00",
          "20000.00",
          "0.00",
          "15000.00",
        ])
        expect(q.unpriced.map((u) => u.componentId)).toEqual(["maintenance"])
        expect(q.complete).toBe(false)
      }),
    )

    it.effect("free and open source: no licence, the self-hosting inputs are the cost", () =>
      Effect.gen(function* () {
        const o = yield* offer("example-open-source")
        const q = yield* Quote.make(o, profile({ horizonMonths: 12 }))
        expect(q.totalsByCategory.licence.toString()).toBe("0.00 USD")
        // 100 × 12 hosting + 4 h × 50 × 12 administration + 16 h × 50 upgrades
        expect(q.total.toString()).toBe("4400.00 USD")
        const own = yield* Quote.make(
          o,
          profile({ horizonMonths: 12, labourRate: { amount: "80", currency: "USD" } }),
        )
        expect(own.total.toString()).toBe("6320.00 USD")
        const dev = yield* Quote.make(
          o,
          profile({ horizonMonths: 12, modules: ["custom-development"] }),
        )
        expect(dev.unpriced.map((u) => u.componentId)).toEqual(["secondary-development"])
      }),
    )
  })

  describe("vendor rules", () => {
    it.effect("HubSpot Marketing Pro bills whole 5,000-contact blocks at stepped prices", () =>
      Effect.gen(function* () {
        const o = yield* offer("hs-mkt-pro")
        const contacts = (n: number) =>
          Quote.make(
            o,
            profile({ horizonMonths: 12, usage: [{ metric: "marketing-contacts", perMonth: n }] }),
          ).pipe(Effect.map((q) => Money.toFixedString(q.totalsByCategory.usage)))
        expect(yield* contacts(2000)).toBe("0.00")
        expect(yield* contacts(2001)).toBe("3000.00") // one $250 block × 12
        expect(yield* contacts(22000)).toBe("12000.00") // four $250 blocks
        expect(yield* contacts(22001)).toBe("14700.00") // + one $225 block
      }),
    )

    it.effect("HubSpot Marketing Pro: $890 with 3 Core Seats, $50 per extra seat", () =>
      Effect.gen(function* () {
        const o = yield* offer("hs-mkt-pro")
        const licence = (seats: number) =>
          Quote.make(o, profile({ seats, horizonMonths: 12 })).pipe(
            Effect.map((q) => Money.toFixedString(q.totalsByCategory.licence)),
          )
        expect(yield* licence(1)).toBe("10680.00") // 890 × 12
        expect(yield* licence(3)).toBe("10680.00")
        expect(yield* licence(10)).toBe("14880.00") // (890 + 7 × 50) × 12
      }),
    )

    it.effect("monday bills at least 3 seats and sells 8 seats as the 10-seat group", () =>
      Effect.gen(function* () {
        const o = yield* offer("mon-basic")
        const annual = (seats: number) =>
          Quote.make(o, profile({ seats, horizonMonths: 12 }), { termMonths: 12 }).pipe(
            Effect.map((q) => Money.toFixedString(q.total)),
          )
        expect(yield* annual(1)).toBe("432.00") // 3 × 12 × 12
        expect(yield* annual(8)).toBe("1440.00") // 10 × 12 × 12
        const tooMany = yield* Effect.flip(Quote.make(o, profile({ seats: 41, horizonMonths: 12 })))
        expect(tooMany._tag).toBe("SeatLimitExceeded")
      }),
    )

    it.effect("SugarCRM bills 15 seats minimum and uplifts 8% at each yearly renewal", () =>
      Effect.gen(function* () {
        const q = yield* Quote.make(yield* offer("sugar-standard"), profile({ horizonMonths: 24 }))
        // 15 × 59 × 12 = 10,620, then × 1.08 = 11,469.60
        expect(q.total.toString()).toBe("22089.60 USD")
      }),
    )

    it.effect("纷享销客 sells 12-month terms only, and its Open API pack is unpriced", () =>
      Effect.gen(function* () {
        const o = yield* offer("fx-pro")
        const q = yield* Quote.make(o, profile({ horizonMonths: 4, integrations: ["api"] }))
        expect(q.termMonths).toBe(12)
        expect(q.total.toString()).toBe("14280.00 CNY") // a whole year is prepaid
        expect(q.unpriced.map((u) => u.componentId)).toEqual(["open-api-pack"])
        const withVat = yield* Quote.make(o, profile({ horizonMonths: 12, tax: { rate: "0.06" } }))
        expect(withVat.tax.toString()).toBe("856.80 CNY")
      }),
    )

    it.effect("Odoo One App Free costs nothing until a second app forces the Custom plan", () =>
      Effect.gen(function* () {
        const o = yield* offer("odoo-one-app-free")
        const free = yield* Quote.make(o, profile({ horizonMonths: 12, modules: ["sales"] }))
        expect(free.total.toString()).toBe("0.00 EUR")
        const two = yield* Quote.make(
          o,
          profile({ horizonMonths: 12, modules: ["sales", "service"] }),
        )
        expect(two.total.toString()).toBe("3588.00 EUR") // 10 × 29.90 × 12
      }),
    )
  })
})
