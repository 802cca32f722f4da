import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import type * as BreakEven from "../src/BreakEven.js"
import * as Compare from "../src/Compare.js"
import * as Messages from "../src/Messages.js"
import { Decimal } from "../src/Money.js"
import { Offer } from "../src/Offer.js"
import { compareSamples } from "./compareSamples.js"
import * as fixtures from "./fixtures.js"
import { offer, profile } from "./fixtures.js"

const named = (o: Offer, vendor: string, name: string) => new Offer({ ...o, vendor, name })
const perUser = named(fixtures.perUser, "Acme", "Per User")
const perModule = named(fixtures.perModule, "Beta", "Modules")
const termBook = named(fixtures.termBook, "Gamma", "Term Book")
const openSource = named(fixtures.openSource, "SuiteCRM", "Community")

const fixed = (m: { amount: { toFixed: (n: number) => string } }) => m.amount.toFixed(2)
const rendered = (c: { summary: ReadonlyArray<Messages.Message> }, locale: Messages.Locale) =>
  c.summary.map((m) => Messages.render(m, locale))

describe("Compare", () => {
  it.effect(
    "pays a 4-month need monthly and a 12-month need annually on the 500/1,400/5,200 book",
    () =>
      Effect.gen(function* () {
        const four = yield* Compare.make([termBook], profile({ horizonMonths: 4 }), {
          seatRange: false,
        })
        const term4 = four.ranking[0]?.term
        expect(term4?.termMonths).toBe(1)
        expect(term4?.options.map((o) => fixed(o.total))).toEqual(["2000.00", "2800.00", "5200.00"])
        expect(term4?.options.map((o) => o.unusedPrepaidMonths)).toEqual([0, 2, 8])

        const twelve = yield* Compare.make([termBook], profile({ horizonMonths: 12 }), {
          seatRange: false,
        })
        const term12 = twelve.ranking[0]?.term
        expect(term12?.termMonths).toBe(12)
        expect(term12?.options.map((o) => fixed(o.total))).toEqual([
          "6000.00",
          "5600.00",
          "5200.00",
        ])
        expect(rendered(twelve, "en")).toContain(
          "Gamma Term Book: paying for 12 months at a time is cheapest over 12 months ($5,200.00).",
        )
      }),
  )

  it.effect("ranks offers by total with the gap to the cheapest in money and percent", () =>
    Effect.gen(function* () {
      const need = profile({ seats: 10, labourRate: { amount: "50", currency: "USD" } })
      const c = yield* Compare.make([perUser, termBook, openSource], need, { seatRange: false })
      // Self-hosting 100×12 + 4 h×50×12 + 16 h×50 = 4,400; the term book 5,200; 10 × 50 × 12 = 6,000.
      expect(c.ranking.map((r) => [r.offerId, r.rank, fixed(r.total), fixed(r.gap)])).toEqual([
        ["example-open-source", 1, "4400.00", "0.00"],
        ["example-per-term", 2, "5200.00", "800.00"],
        ["example-per-user", 3, "6000.00", "1600.00"],
      ])
      expect(c.ranking.map((r) => r.gapPercent?.toFixed(4))).toEqual(["0.0000", "0.1818", "0.3636"])
      expect(rendered(c, "en")[0]).toBe(
        "SuiteCRM Community is the cheapest for your need: $4,400.00 over 12 months.",
      )
    }),
  )

  it.effect(
    "reports an offer that cannot be priced with its typed error, not dropping it silently",
    () =>
      Effect.gen(function* () {
        const c = yield* Compare.make([perUser, perModule], profile({ modules: ["sales"] }), {
          seatRange: false,
        })
        expect(c.ranking.map((r) => r.offerId)).toEqual(["example-per-module"])
        expect(c.failed.map((f) => [f.offerId, f.error._tag])).toEqual([
          ["example-per-user", "UnknownModule"],
        ])
        expect(rendered(c, "en")).toContain(
          "Acme Per User does not offer the sales module, at any price.",
        )
        expect(rendered(c, "zh-CN")).toContain("Acme Per User 不提供 sales 模块，付费也无法获得。")
      }),
  )

  it.effect(
    "ranks by present value when a discount rate is given: paying later costs less today",
    () =>
      Effect.gen(function* () {
        const upfront = offer({
          id: "upfront",
          components: [
            { _tag: "OneTime", id: "licence", name: "Licence", kind: "other", amount: "12000" },
          ],
        })
        const monthly = offer({
          id: "monthly",
          components: [
            { _tag: "Platform", id: "plan", name: "Plan", price: { amount: "1000", per: "month" } },
          ],
        })
        const c = yield* Compare.make([upfront, monthly], profile({ discountRate: "0.1" }), {
          seatRange: false,
        })
        expect(c.ranking.map((r) => [r.offerId, r.rank])).toEqual([
          ["upfront", 1],
          ["monthly", 1],
        ])
        expect(c.byNpv?.map((r) => r.offerId)).toEqual(["monthly", "upfront"])
        expect(c.byNpv?.[1]?.gap.amount.gt(0)).toBe(true)
      }),
  )

  it.effect("compares offers in two currencies through the profile's currency and rates only", () =>
    Effect.gen(function* () {
      const yuan = offer({
        id: "yuan",
        currency: "CNY",
        components: [
          { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "3000", per: "year" } },
        ],
      })
      const need = profile({
        currency: "USD",
        fx: { asOf: "2026-11-01", rates: [{ from: "USD", to: "CNY", rate: "7.1" }] },
      })
      const c = yield* Compare.make([perUser, yuan], need, { seatRange: { to: 50 } })
      // 10 × 3,000 CNY = 30,000 CNY ÷ 7.1 = 4,225.35 USD, against 6,000 USD.
      expect(c.ranking.map((r) => [r.offerId, r.total.toString()])).toEqual([
        ["yuan", "4225.35 USD"],
        ["example-per-user", "6000.00 USD"],
      ])
      expect(c.seats?.pairs[0]?.start).toBe("b")
      const error = yield* Effect.flip(Compare.make([perUser, yuan], profile({})))
      expect(error._tag).toBe("IncomparableCurrencies")
    }),
  )

  it.effect(
    "counts each offer's cumulative cost in the comparison currency at the rate its total was compared at",
    () =>
      Effect.gen(function* () {
        const yuan = offer({
          id: "yuan",
          currency: "CNY",
          components: [
            { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "3000", per: "year" } },
          ],
        })
        const need = profile({
          currency: "USD",
          fx: { asOf: "2026-11-01", rates: [{ from: "USD", to: "CNY", rate: "7.1" }] },
        })
        const c = yield* Compare.make([perUser, yuan], need, { seatRange: false, scenarios: [] })
        const [cny, usd] = c.ranking
        if (cny === undefined || usd === undefined) throw new Error("two offers are ranked")
        const paid = yield* Compare.cumulativeCost(cny, c.currency)
        // 10 × 250 CNY a month at 1 ÷ 7.1 (the inverse of the profile's USD → CNY rate);
        // 30,000 CNY by month 12, 4,225.35 USD once rounded, as ranked.
        const rate = new Decimal(1).dividedBy("7.1")
        expect(paid.map((m) => m.currency)).toEqual(Array(12).fill("USD"))
        expect(paid[0]?.amount.eq(new Decimal(2500).times(rate))).toBe(true)
        expect(paid[11]?.amount.toFixed(2)).toBe(cny.total.amount.toFixed(2))
        expect((yield* Compare.cumulativeCost(usd, c.currency))[11]?.toString()).toBe("6000.00 USD")
        const error = yield* Effect.flip(Compare.cumulativeCost(cny, "EUR"))
        expect([error._tag, error.from, error.to]).toEqual(["MissingFxRate", "CNY", "EUR"])
        // Two categories, each converted and rounded on its own: 4,225.35 + 2.39 (17 CNY) =
        // 4,227.74 USD ranked, where the rate alone gives 30,017 ÷ 7.1 = 4,227.746… The
        // chart's last month is the ranked total, to the cent.
        const withFee = offer({
          id: "yuan-fee",
          currency: "CNY",
          components: [
            { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "3000", per: "year" } },
            { _tag: "OneTime", id: "setup", name: "Setup", kind: "onboarding", amount: "17" },
          ],
        })
        const c2 = yield* Compare.make([perUser, withFee], need, {
          seatRange: false,
          scenarios: [],
        })
        const fee = c2.ranking.find((r) => r.offerId === "yuan-fee")
        if (fee === undefined) throw new Error("the offer with a fee is ranked")
        expect(fee.total.toString()).toBe("4227.74 USD")
        const feePaid = yield* Compare.cumulativeCost(fee, c2.currency)
        expect(feePaid[11]?.toString()).toBe("4227.74 USD")
        expect(feePaid[10]?.amount.eq(new Decimal(27517).times(rate))).toBe(true)
      }),
  )

  it.effect("finds the seat count from which the flat plan beats per-seat pricing", () =>
    Effect.gen(function* () {
      const c = yield* Compare.make([perUser, termBook], profile({}), { seatRange: { to: 100 } })
      // 600 a seat a year against 5,200 a year: 8 seats 4,800, 9 seats 5,400.
      expect(c.seats?.pairs[0]?.crossings).toEqual([
        { seats: 9, before: "a", after: "b", cause: "price", dropped: [] },
      ])
      expect(rendered(c, "en")).toContain(
        "From 9 seats, Gamma Term Book is cheaper than Acme Per User.",
      )
    }),
  )

  it.effect(
    "raises a per-seat offer's total with higher growth and leaves a flat plan's alone",
    () =>
      Effect.gen(function* () {
        const need = profile({
          seats: 7,
          horizonMonths: 36,
          growth: { _tag: "Rate", rate: "0.2", every: "year" },
        })
        const c = yield* Compare.make([perUser, termBook], need, { seatRange: false })
        // 7, 9, 11 seats a year × 600 = 16,200 against 3 × 5,200 = 15,600.
        expect(c.ranking.map((r) => [r.offerId, fixed(r.total)])).toEqual([
          ["example-per-term", "15600.00"],
          ["example-per-user", "16200.00"],
        ])
        const [lower, higher] = c.sensitivity
        const change = (row: Compare.SensitivityRow | undefined, id: string) =>
          row?.ranking.find((e) => e.offerId === id)?.change?.amount.toNumber()
        expect(lower?.scenario.name).toBe("lower")
        expect(change(higher, "example-per-user")).toBeGreaterThan(0)
        expect(change(higher, "example-per-term")).toBe(0)
        expect(change(lower, "example-per-user")).toBeLessThan(0)
        expect(change(lower, "example-per-term")).toBe(0)
        // Growth of 10 %: 7, 8, 9 seats → 14,400, now below the flat plan.
        expect(lower?.ranking[0]?.offerId).toBe("example-per-user")
        expect(higher?.ranking[0]?.offerId).toBe("example-per-term")
        expect(rendered(c, "en")).toContain(
          "With lower seat growth, Acme Per User becomes the cheapest instead of Gamma Term Book.",
        )
      }),
  )

  it.effect(
    "re-ranks under explicit scenarios and reports an offer that a scenario prices out",
    () =>
      Effect.gen(function* () {
        const capped = offer({
          id: "capped",
          components: [
            {
              _tag: "PerSeat",
              id: "seat",
              name: "User",
              price: { amount: "10", per: "month" },
              maxSeats: 12,
            },
          ],
        })
        const c = yield* Compare.make([capped, perUser], profile({}), {
          seatRange: false,
          scenarios: [{ name: "hiring", growth: { _tag: "Schedule", seats: [10, 12, 15] } }],
        })
        const row = c.sensitivity[0]
        expect(row?.ranking.map((e) => e.offerId)).toEqual(["example-per-user"])
        expect(row?.failed.map((f) => f.error._tag)).toEqual(["SeatLimitExceeded"])
        expect(rendered(c, "zh-CN")).toContain("若席位增长“hiring”，Test offer 将无法按需求报价。")
      }),
  )

  it.effect("brings back a plan priced out by its seat maximum when growth is lower", () =>
    Effect.gen(function* () {
      const capped = named(
        offer({
          id: "capped",
          components: [
            {
              _tag: "PerSeat",
              id: "seat",
              name: "User",
              price: { amount: "10", per: "month" },
              maxSeats: 13,
            },
          ],
        }),
        "Zeta",
        "Starter",
      )
      // 10 seats growing 40 % a year: 14 in year two; 20 % lower growth: 12.
      const need = profile({
        seats: 10,
        horizonMonths: 24,
        growth: { _tag: "Rate", rate: "0.4", every: "year" },
      })
      const c = yield* Compare.make([capped, perUser], need, { seatRange: false })
      expect(c.failed.map((f) => [f.offerId, f.error._tag])).toEqual([
        ["capped", "SeatLimitExceeded"],
      ])
      expect(c.sensitivity[0]?.ranking.map((e) => [e.offerId, e.rank])).toEqual([
        ["capped", 1],
        ["example-per-user", 2],
      ])
      expect(c.sensitivity[1]?.failed.map((f) => f.offerId)).toEqual(["capped"])
      expect(rendered(c, "en")).toContain(
        "With lower seat growth, Zeta Starter fits the seat count again and ranks #1.",
      )
      expect(rendered(c, "en").filter((t) => t.includes("can no longer be priced"))).toEqual([])
    }),
  )

  it.effect("scales growth by half its size for the default lower and higher scenarios", () =>
    Effect.sync(() => {
      const need = profile({ seats: 10, growth: { _tag: "Schedule", seats: [10, 14, 20] } })
      const [lower, higher] = Compare.defaultScenarios(need)
      expect(lower?.growth).toEqual({ _tag: "Schedule", seats: [10, 12, 15] })
      expect(higher?.growth).toEqual({ _tag: "Schedule", seats: [10, 16, 25] })
      const none = Compare.defaultScenarios(profile({}))
      expect(none.map((s) => s.growth?._tag === "Rate" && s.growth.rate.toFixed())).toEqual([
        "-0.2",
        "0.2",
      ])
    }),
  )

  it.effect("has every comparison text in both languages, each parameter filled", () =>
    Effect.sync(() => {
      for (const [key, params] of Object.entries(compareSamples)) {
        const message = { key, params } as Messages.Message
        const en = Messages.render(message, "en")
        const zh = Messages.render(message, "zh-CN")
        expect(en, key).not.toMatch(/undefined|NaN|\[object /)
        expect(zh, key).not.toMatch(/undefined|NaN|\[object /)
        expect(zh, key).toMatch(/[\u4e00-\u9fff]/)
      }
    }),
  )
})

describe("Compare sentences", () => {
  const labels: Record<string, string> = { a: "Acme Pro", b: "Beta CRM" }
  const name = (id: string) => labels[id] ?? `?${id}`
  const seatPair = (crossings: ReadonlyArray<BreakEven.SeatCrossing>): BreakEven.SeatBreakEven => ({
    a: "a",
    b: "b",
    from: 1,
    to: 100,
    start: crossings[0]?.before ?? "a",
    crossings,
  })
  const say = (messages: ReadonlyArray<Messages.Message>, locale: Messages.Locale) =>
    messages.map((m) => Messages.render(m, locale))

  it.effect("names the cheaper offer from the crossing seat count, with the caller's labels", () =>
    Effect.sync(() => {
      const pair = seatPair([
        { seats: 9, before: "a", after: "b", cause: "price", dropped: [] },
        { seats: 40, before: "b", after: "equal", cause: "price", dropped: [] },
      ])
      const m = Compare.seatMessages(pair, name)
      expect(say(m, "en")).toEqual([
        "From 9 seats, Beta CRM is cheaper than Acme Pro.",
        "At 40 seats, Acme Pro and Beta CRM cost the same.",
      ])
      expect(say(m, "zh-CN")).toEqual([
        "从 9 个席位起，Beta CRM 比 Acme Pro 便宜。",
        "在 40 个席位时，Acme Pro 与 Beta CRM 费用相同。",
      ])
    }),
  )

  it.effect("names the offer whose seat maximum is passed, not the one left", () =>
    Effect.sync(() => {
      // Beta stops at 25 seats (Acme alone from 26), then Acme stops at 50.
      const m = Compare.seatMessages(
        seatPair([
          { seats: 26, before: "b", after: "a", cause: "seat-limit", dropped: ["b"] },
          { seats: 51, before: "a", after: "neither", cause: "seat-limit", dropped: ["a"] },
        ]),
        name,
      )
      expect(say(m, "en")).toEqual([
        "From 26 seats, Beta CRM can no longer be bought: the plan's seat maximum is passed.",
        "From 51 seats, Acme Pro can no longer be bought: the plan's seat maximum is passed.",
      ])
      expect(say(m, "zh-CN")).toEqual([
        "从 26 个席位起，Beta CRM 已超出套餐席位上限，无法购买。",
        "从 51 个席位起，Acme Pro 已超出套餐席位上限，无法购买。",
      ])
      // The last one standing is the second offer: it is the one named when it stops.
      const second = Compare.seatMessages(
        seatPair([
          { seats: 26, before: "a", after: "b", cause: "seat-limit", dropped: ["a"] },
          { seats: 51, before: "b", after: "neither", cause: "seat-limit", dropped: ["b"] },
        ]),
        name,
      )
      expect(say(second, "en").map((t) => t.slice(0, 23))).toEqual([
        "From 26 seats, Acme Pro",
        "From 51 seats, Beta CRM",
      ])
    }),
  )

  it.effect("names both offers when both seat maximums are passed at the same seat count", () =>
    Effect.gen(function* () {
      const capped = (id: string, vendor: string, price: string) =>
        named(
          offer({
            id,
            components: [
              {
                _tag: "PerSeat",
                id: "seat",
                name: "User",
                price: { amount: price, per: "month" },
                maxSeats: 25,
              },
            ],
          }),
          vendor,
          "Team",
        )
      const c = yield* Compare.make(
        [capped("a", "Acme", "10"), capped("b", "Beta", "12")],
        profile({}),
        { seatRange: { to: 30 }, scenarios: [] },
      )
      expect(c.seats?.pairs[0]?.crossings).toEqual([
        { seats: 26, before: "a", after: "neither", cause: "seat-limit", dropped: ["a", "b"] },
      ])
      expect(rendered(c, "en").filter((t) => t.includes("seat maximum"))).toEqual([
        "From 26 seats, Acme Team can no longer be bought: the plan's seat maximum is passed.",
        "From 26 seats, Beta Team can no longer be bought: the plan's seat maximum is passed.",
      ])
    }),
  )

  it.effect("does not say a plan never sold in the seat range stops being sold", () =>
    Effect.gen(function* () {
      const capped = (id: string, vendor: string, price: string, maxSeats: number) =>
        named(
          offer({
            id,
            components: [
              {
                _tag: "PerSeat",
                id: "seat",
                name: "User",
                price: { amount: price, per: "month" },
                maxSeats,
              },
            ],
          }),
          vendor,
          "Team",
        )
      // Acme sells up to 5 seats: priced for the 4-seat need, never sold from 10 seats on.
      const c = yield* Compare.make(
        [capped("a", "Acme", "10", 5), capped("b", "Beta", "12", 20)],
        profile({ seats: 4 }),
        { seatRange: { from: 10, to: 30 }, scenarios: [] },
      )
      const pair = c.seats?.pairs[0]
      expect(pair?.crossings.map((x) => x.dropped)).toEqual([["b"]])
      const limits = (locale: Messages.Locale) =>
        say(pair === undefined ? [] : Compare.seatMessages(pair, name), locale)
      expect(limits("en")).toEqual([
        "From 21 seats, Beta CRM can no longer be bought: the plan's seat maximum is passed.",
      ])
      expect(limits("zh-CN")).toEqual(["从 21 个席位起，Beta CRM 已超出套餐席位上限，无法购买。"])
      expect(rendered(c, "en").filter((t) => t.includes("seat maximum"))).toEqual([
        "From 21 seats, Beta Team can no longer be bought: the plan's seat maximum is passed.",
      ])
    }),
  )

  it.effect("does not name again a plan that stopped selling while the other stayed cheaper", () =>
    Effect.gen(function* () {
      const c = yield* Compare.make(
        [
          named(
            offer({
              id: "a",
              components: [
                {
                  _tag: "PerSeat",
                  id: "seat",
                  name: "User",
                  price: { amount: "10", per: "month" },
                  maxSeats: 50,
                },
              ],
            }),
            "Acme",
            "Team",
          ),
          named(
            offer({
              id: "b",
              components: [
                {
                  _tag: "PerSeat",
                  id: "seat",
                  name: "User",
                  price: { amount: "8", per: "month" },
                  maxSeats: 100,
                },
              ],
            }),
            "Beta",
            "Team",
          ),
        ],
        profile({}),
        { seatRange: { to: 120 }, scenarios: [] },
      )
      // Acme stops at 50 seats while Beta stays cheaper: only Beta stops at 101.
      expect(c.seats?.pairs[0]?.crossings).toEqual([
        { seats: 101, before: "b", after: "neither", cause: "seat-limit", dropped: ["b"] },
      ])
      const said = rendered(c, "en")
      expect(said).toContain(
        "From 101 seats, Beta Team can no longer be bought: the plan's seat maximum is passed.",
      )
      expect(said).not.toContain(
        "From 101 seats, Acme Team can no longer be bought: the plan's seat maximum is passed.",
      )
    }),
  )

  it.effect("counts crossover months from 1 in both languages", () =>
    Effect.sync(() => {
      const pair: BreakEven.MonthBreakEven = {
        a: "a",
        b: "b",
        currency: "USD",
        start: "a",
        // 0-based, as in Quote.cashFlow: the 11th and the 15th month.
        crossings: [
          { month: 10, before: "a", after: "b" },
          { month: 14, before: "b", after: "equal" },
        ],
      }
      const m = Compare.monthMessages(pair, name)
      expect(say(m, "en")).toEqual([
        "From month 11, Beta CRM has cost less in total than Acme Pro.",
        "By the end of month 15, Acme Pro and Beta CRM have cost the same in total.",
      ])
      expect(say(m, "zh-CN")).toEqual([
        "从第 11 个月起，Beta CRM 的累计费用低于 Acme Pro。",
        "到第 15 个月末，Acme Pro 与 Beta CRM 的累计费用持平。",
      ])
    }),
  )

  it.effect("says what the comparison's summary says, pair by pair", () =>
    Effect.gen(function* () {
      const c = yield* Compare.make([perUser, termBook], profile({ horizonMonths: 24 }), {
        seatRange: { to: 100 },
        scenarios: [],
      })
      const label = (id: string) => (id === perUser.id ? "Acme Per User" : "Gamma Term Book")
      const said = [
        ...(c.seats?.pairs ?? []).flatMap((p) => Compare.seatMessages(p, label)),
        ...c.months.flatMap((p) => Compare.monthMessages(p, label)),
      ]
      expect(said.length).toBeGreaterThan(1)
      const summary = rendered(c, "en")
      for (const t of say(said, "en")) expect(summary).toContain(t)
    }),
  )
})
