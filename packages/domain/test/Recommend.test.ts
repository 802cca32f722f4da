import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Messages from "../src/Messages.js"
import { Offer } from "../src/Offer.js"
import * as Recommend from "../src/Recommend.js"
import * as fixtures from "./fixtures.js"
import { offer, profile } from "./fixtures.js"

const named = (o: Offer, vendor: string, name: string) => new Offer({ ...o, vendor, name })
const perUser = named(fixtures.perUser, "Acme", "Per User")
const perModule = named(fixtures.perModule, "Beta", "Modules")

const texts = (
  reasons: ReadonlyArray<Messages.Message> | undefined,
  locale: Messages.Locale = "en",
) => (reasons ?? []).map((m) => Messages.render(m, locale))

/** A plan with 2,000 contacts included, then 0.01 a contact a month, under a quota. */
const contactsPlan = (hard: boolean) =>
  offer({
    id: hard ? "hard-cap" : "soft-cap",
    vendor: "Gamma",
    name: hard ? "Capped" : "Metered",
    components: [
      { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "20", per: "month" } },
      {
        _tag: "Usage",
        id: "contacts",
        name: "Contacts",
        metric: "contacts",
        measure: "peak",
        included: { units: "2000" },
        pricing: { _tag: "PerUnit", unitPrice: "0.01" },
      },
    ],
    limits: { quotas: [{ metric: "contacts", units: "2000", hard }] },
  })

describe("Recommend", () => {
  it.effect("drops an offer missing a required module and says which", () =>
    Effect.gen(function* () {
      const need = profile({ modules: ["sales", "service"] })
      const r = yield* Recommend.make([perUser, perModule], need)
      expect(r.kept.map((k) => k.offerId)).toEqual(["example-per-module"])
      expect(r.dropped.map((d) => d.offerId)).toEqual(["example-per-user"])
      expect(texts(r.dropped[0]?.reasons)).toEqual([
        "Acme Per User does not offer the sales module you need.",
        "Acme Per User does not offer the service module you need.",
      ])
      expect(texts(r.dropped[0]?.reasons, "zh-CN")[0]).toBe(
        "Acme Per User 不提供您需要的 sales 模块。",
      )
      // Sales 200 + service 150 a month for 12 months.
      expect(texts(r.kept[0]?.reasons)).toEqual([
        "#1: Beta Modules meets your need, for $4,200.00 in total.",
        "Beta Modules sells the sales module separately: it adds $2,400.00.",
        "Beta Modules sells the service module separately: it adds $1,800.00.",
      ])
    }),
  )

  it.effect(
    "keeps an offer whose required module is quote-only, flagging the quote and the lower bound",
    () =>
      Effect.gen(function* () {
        const quoteOnly = offer({
          id: "quote-only",
          vendor: "Delta",
          name: "Enterprise",
          components: [
            { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "40", per: "month" } },
            {
              _tag: "Unpriced",
              id: "marketing",
              name: "Marketing suite",
              category: "modules",
              reason: "contact sales",
              requiredFor: ["marketing"],
            },
          ],
        })
        const r = yield* Recommend.make([quoteOnly, perUser], profile({ modules: ["marketing"] }))
        expect(r.kept.map((k) => [k.offerId, k.complete])).toEqual([["quote-only", false]])
        expect(texts(r.kept[0]?.reasons)).toContain(
          'Delta Enterprise: "Marketing suite" (needed for marketing) has no published price — ask for a quote; the total shown leaves it out.',
        )
        expect(r.dropped.map((d) => d.offerId)).toEqual(["example-per-user"])
      }),
  )

  it.effect("drops a plan whose seat maximum the growth passes", () =>
    Effect.gen(function* () {
      const capped = offer({
        id: "capped",
        vendor: "Epsilon",
        name: "Starter",
        components: [
          {
            _tag: "PerSeat",
            id: "seat",
            name: "User",
            price: { amount: "10", per: "month" },
            maxSeats: 20,
          },
        ],
      })
      const need = profile({ seats: 10, growth: { _tag: "Schedule", seats: [10, 15, 25] } })
      const r = yield* Recommend.make([capped, perUser], need)
      expect(r.kept.map((k) => k.offerId)).toEqual(["example-per-user"])
      expect(texts(r.dropped[0]?.reasons)).toEqual([
        "Epsilon Starter allows at most 20 seats, but you will need 25 seats in month 3.",
      ])
    }),
  )

  it.effect(
    "counts a per-seat quota on the seats billed (a 10-seat minimum), as the hidden-fee scan does",
    () =>
      Effect.gen(function* () {
        // 100 contacts per seat, hard; 5 users but 10 seats billed: 1,000 included, 700 needed.
        const plan = offer({
          id: "per-seat-cap",
          vendor: "Delta",
          name: "Team",
          components: [
            {
              _tag: "PerSeat",
              id: "seat",
              name: "User",
              price: { amount: "20", per: "month" },
              minSeats: 10,
            },
          ],
          limits: { quotas: [{ metric: "contacts", units: "100", per: "seat", hard: true }] },
        })
        const need = profile({ seats: 5, usage: [{ metric: "contacts", perMonth: "700" }] })
        const r = yield* Recommend.make([plan], need)
        expect(r.kept.map((k) => k.offerId)).toEqual(["per-seat-cap"])
        const over = yield* Recommend.make(
          [plan],
          profile({ seats: 5, usage: [{ metric: "contacts", perMonth: "1001" }] }),
        )
        expect(texts(over.dropped[0]?.reasons)).toEqual([
          "Delta Team caps contacts at 1,000 and the cap cannot be bought up; your forecast reaches 1,001 in month 1.",
        ])
      }),
  )

  it.effect("drops a hard quota always, and a soft one unless the overage is accepted", () =>
    Effect.gen(function* () {
      const need = profile({ seats: 1, usage: [{ metric: "contacts", perMonth: "3000" }] })
      const strict = yield* Recommend.make([contactsPlan(true), contactsPlan(false)], need)
      expect(strict.kept).toEqual([])
      expect(texts(strict.summary)).toEqual([
        "No offer meets the whole need; the reasons for each are listed.",
      ])
      expect(texts(strict.dropped.flatMap((d) => d.reasons))).toEqual([
        "Gamma Capped caps contacts at 2,000 and the cap cannot be bought up; your forecast reaches 3,000 in month 1.",
        "Gamma Metered includes 2,000 contacts; your forecast reaches 3,000 in month 1, and you do not accept overage.",
      ])

      const lenient = yield* Recommend.make([contactsPlan(true), contactsPlan(false)], need, {
        acceptOverage: true,
      })
      expect(lenient.kept.map((k) => k.offerId)).toEqual(["soft-cap"])
      expect(lenient.dropped.map((d) => d.offerId)).toEqual(["hard-cap"])
      // 1,000 contacts over × 0.01 × 12 months = 120.
      expect(texts(lenient.kept[0]?.reasons)).toContain(
        "Gamma Metered includes 2,000 contacts; your forecast of 3,000 goes over it, and you accept the overage ($120.00 of contacts charges in total).",
      )
    }),
  )

  it.effect("ranks the kept offers cheapest first, with the gap to the cheapest", () =>
    Effect.gen(function* () {
      const r = yield* Recommend.make(
        [perUser, fixtures.termBook, perModule],
        profile({ seats: 10, horizonMonths: 12 }),
      )
      // No module needed: the module plan costs nothing; the term book 5,200; 10 × 600 = 6,000.
      expect(r.kept.map((k) => [k.offerId, k.rank, k.total.toString()])).toEqual([
        ["example-per-module", 1, "0.00 USD"],
        ["example-per-term", 2, "5200.00 USD"],
        ["example-per-user", 3, "6000.00 USD"],
      ])
      expect(texts(r.kept[1]?.reasons, "zh-CN")[0]).toBe(
        "第 2 名：Test offer 满足您的需求，总计 US$5,200.00。",
      )
    }),
  )
})
