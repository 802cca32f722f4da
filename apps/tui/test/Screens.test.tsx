import * as BuiltIn from "@crm-cost/catalog/BuiltIn"
import * as Alerts from "@crm-cost/domain/Alerts"
import * as Calendar from "@crm-cost/domain/Calendar"
import * as Compare from "@crm-cost/domain/Compare"
import * as HiddenFees from "@crm-cost/domain/HiddenFees"
import * as Messages from "@crm-cost/domain/Messages"
import { Decimal, Money } from "@crm-cost/domain/Money"
import * as Offer from "@crm-cost/domain/Offer"
import * as Ports from "@crm-cost/domain/Ports"
import * as Profile from "@crm-cost/domain/Profile"
import * as Subscription from "@crm-cost/domain/Subscription"
import { DateTime, Effect, Either, Schema } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import * as ProfileInput from "../src/ProfileInput.js"
import { keys, renderApp, storeLayer, tempDb, today } from "./support/Harness.js"

let open: Array<{ close: () => Promise<void> }> = []
const app = async (options: Parameters<typeof renderApp>[0]) => {
  const a = await renderApp(options)
  open.push(a)
  return a
}
afterEach(async () => {
  for (const a of open) await a.close()
  open = []
})

/** Filter the offers list down to one offer id and open it. */
const pick = async (a: Awaited<ReturnType<typeof renderApp>>, id: string) => {
  await a.press("x")
  await a.press("/")
  await a.type(id)
  await a.press(keys.enter)
  await a.waitForText(id)
}

describe("Offers screen", () => {
  it("lists the built-in offers with a help bar, in English", async () => {
    const a = await app({ locale: "en" })
    const f = await a.waitForText("Offers", "Source example", "Per user (按用户数量收费)")
    expect(f).toContain(`54 of 54 offers`)
    expect(f).toContain("/ filter")
    expect(f).toContain("q quit")
    expect(f).toContain("? help")
  })

  it("reads keys that arrive in one chunk (a paste, a busy machine) one by one", async () => {
    const a = await app({ locale: "en" })
    await a.press("/pipedrive")
    await a.press(keys.enter)
    const f = await a.waitForText("4 of 54 offers", "Filter: pipedrive")
    // The "v" of "pipedrive" went into the filter, not to the vendor filter.
    expect(f).toContain("vendor: all")
  })

  it("filters by text with / and by currency with c, and marks with Space", async () => {
    const a = await app({ locale: "en" })
    await a.press("/")
    await a.type("pipedrive")
    await a.press(keys.enter)
    const f = await a.waitForText("4 of 54 offers")
    expect(f).not.toContain("Salesforce")
    await a.press("x", "c")
    const eur = await a.waitForText("currency: CNY")
    expect(eur).toContain("纷享销客")
    await a.press(" ")
    await a.waitForText("1 offer marked for comparison")
  })

  it("shows Chinese labels with CJK columns aligned by display width", async () => {
    const a = await app({ locale: "zh-CN" })
    const f = await a.waitForText("方案", "收费模式", "按用户")
    const lines = f.split("\n")
    const header = lines.find((l) => l.includes("来源")) ?? ""
    const row = lines.find((l) => l.includes("Per user")) ?? ""
    const { default: stringWidth } = await import("string-width")
    // The currency column starts at the same cell on the header and on a row with CJK text.
    const cellOf = (line: string, needle: string) =>
      stringWidth(line.slice(0, line.indexOf(needle)))
    expect(cellOf(row, "USD")).toBe(cellOf(header, "币种"))
  })

  it("shows the tenant's custom offers from the store, marked custom, and quotes them", async () => {
    const db = tempDb()
    await Effect.runPromise(
      Effect.gen(function* () {
        const tenants = yield* Ports.TenantRepo
        const repo = yield* Ports.OfferRepo
        const tenantId = Subscription.TenantId.make("acme")
        yield* tenants.create(
          new Subscription.Tenant({ id: tenantId, name: "Acme", createdAt: DateTime.unsafeNow() }),
        )
        const base = (yield* BuiltIn.offers).find((o) => o.id === "example-per-user")
        if (base === undefined) return yield* Effect.die("example-per-user is not built in")
        const encoded = yield* Offer.encode(base)
        const custom = yield* Offer.decode({
          ...encoded,
          id: "acme-negotiated",
          vendor: "Acme Deals",
          name: "Negotiated per user",
        })
        yield* repo.put(tenantId, custom)
      }).pipe(Effect.provide(storeLayer(db))),
    )
    const a = await app({ locale: "en", db })
    const all = await a.waitForText("55 of 55 offers", "1 custom offer of Acme")
    expect(all.split("\n").find((l) => l.includes("Per user (")) ?? "").toMatch(/built-in$/)
    await a.press("/")
    await a.type("negotiated")
    await a.press(keys.enter)
    const f = await a.waitForText("1 of 55 offers")
    const row = f.split("\n").find((l) => l.includes("Negotiated per user")) ?? ""
    expect(row).toContain("Acme Deals")
    expect(row).toMatch(/custom$/)
    await pick(a, "acme-negotiated")
    await a.press(keys.enter)
    // Same prices as the source's per-user example: 10 × 50 USD a month.
    await a.waitForText("Paid in month 1", "$500.00", "$18,000.00")
  })

  it("opens the help with ? and closes it with ?", async () => {
    const a = await app({ locale: "en" })
    await a.press("?")
    await a.waitForText("Keys", "switch screen")
    await a.press("?")
    await a.waitFor((f) => !f.includes("switch screen"))
  })
})

describe("Quote screen", () => {
  it("prices the source's per-user example: 10 × 50 USD = 500 a month, and follows the seats typed", async () => {
    const a = await app({ locale: "en" })
    await pick(a, "example-per-user")
    await a.press(keys.enter)
    const f = await a.waitForText("Paid in month 1", "$500.00", "Seats            10▏")
    expect(f).toContain("$18,000.00") // 36 months
    expect(f).toContain("10 seats × $50.00")
    await a.press(keys.backspace)
    await a.waitForText("Seats            1▏")
    await a.press(keys.backspace)
    await a.waitForText("Seats            ▏")
    await a.type("20")
    await a.waitForText("$1,000.00", "$36,000.00")
  })

  it("picks the cheapest term of the term book: monthly for 4 months (2,000), annual for 12 (5,200)", async () => {
    const a = await app({ locale: "en" })
    await pick(a, "example-per-term")
    await a.press(keys.enter)
    await a.waitForText("Paid in month 1")
    await a.press(keys.down, keys.down) // horizon
    await a.waitForText("Horizon (months) 36▏")
    await a.press(keys.backspace)
    await a.waitForText("Horizon (months) 3▏")
    await a.press(keys.backspace)
    await a.waitForText("Horizon (months) ▏")
    await a.type("4")
    let f = await a.waitForText("$2,000.00")
    expect(f).toMatch(/Term\s+1 month \(cheapest/)
    await a.press(keys.backspace)
    await a.type("12")
    f = await a.waitForText("$5,200.00")
    expect(f).toMatch(/Term\s+12 months/)
    // ← → choose a term by hand: 12 months of monthly terms cost 6,000.
    await a.press(keys.right)
    await a.waitForText("$6,000.00")
  })

  it("flags a field the domain's schema rejects", async () => {
    const a = await app({ locale: "zh-CN" })
    await pick(a, "example-per-user")
    await a.press(keys.enter)
    await a.waitForText("第 1 个月支付")
    await a.press(keys.down, keys.down)
    await a.waitForText("36▏")
    await a.press(keys.backspace)
    await a.waitForText(" 3▏")
    await a.press(keys.backspace)
    await a.waitForText(" ▏")
    await a.type("0")
    await a.waitForText("请修正该字段以查看报价", "评估期（月）")
    await a.press(keys.backspace)
    await a.waitForText("评估期（月） ▏")
    await a.type("12")
    await a.waitForText("US$6,000.00", "合计")
  })
})

describe("Compare screen", () => {
  it("ranks the marked offers with gaps, charts and the cheapest term of each", async () => {
    const a = await app({ locale: "en" })
    await pick(a, "example-per-user")
    await a.press(" ")
    await pick(a, "example-per-term")
    await a.press(" ")
    await a.waitForText("2 offers marked")
    await a.press("3")
    // 10 seats × 36 months: per term prepaid yearly 3 × 5,200 = 15,600; per user 18,000.
    const f = await a.waitForText("Totals", "$15,600.00", "$18,000.00")
    expect(f).toMatch(/1\s+Source example Per term/)
    expect(f).toMatch(/2\s+Source example Per user.*\+\$2,400\.00/)
    expect(f).toContain("█")
    expect(f).toContain("Cumulative cost by month")
    for (let i = 0; i < 30; i++) await a.press(keys.down)
    const end = await a.waitForText("Cheapest term per offer")
    expect(end).toContain("$15,600.00 ✓")
  })

  it("shows how the ranking moves when seats grow less or more, with the domain's totals", async () => {
    const a = await app({ locale: "en" })
    await pick(a, "example-per-user")
    await a.press(" ")
    await pick(a, "example-per-term")
    await a.press(" ")
    await a.waitForText("2 offers marked")
    await a.press("3")
    await a.waitForText("Totals")
    const offers = (await Effect.runPromise(BuiltIn.offers)).filter(
      (o) => o.id === "example-per-user" || o.id === "example-per-term",
    )
    const profile = ProfileInput.decode(ProfileInput.defaults(today))
    if (Either.isLeft(profile)) throw new Error("the default need does not decode")
    const c = await Effect.runPromise(Compare.make(offers, profile.right))
    const money = Messages.forLocale("en").money
    const cells = c.sensitivity.flatMap((row) =>
      row.ranking.map((e) => `#${e.rank} ${money(e.total)}`),
    )
    expect(cells.length).toBe(4)
    let f = a.frame()
    for (let i = 0; i < 40 && !cells.every((x) => f.includes(x)); i++) {
      await a.press(keys.down)
      f = a.frame()
    }
    expect(f).toContain("If seats grow less or more")
    expect(f).toMatch(
      /As planned \(flat\)\s+Lower growth \(−20%\/yr\)\s+Higher growth \(\+20%\/yr\)/,
    )
    for (const x of cells) expect(f).toContain(x)
    // Under lower growth the per-user offer costs less than planned: it falls with the seats.
    const lower = c.sensitivity[0]?.ranking.find((e) => e.offerId === "example-per-user")
    const planned = c.ranking.find((r) => r.offerId === "example-per-user")
    expect(lower?.total.amount.lt(planned?.total.amount ?? 0)).toBe(true)
    const sentence = c.summary.find((m) => m.key.startsWith("compare.sensitivity"))
    if (sentence === undefined) throw new Error("the domain says nothing about sensitivity")
    expect(f).toContain(Messages.render(sentence, "en").slice(0, 40))
  })

  it("asks for two offers when fewer are marked", async () => {
    const a = await app({ locale: "zh-CN", screen: "compare" })
    await a.waitForText("两个或以上方案")
  })
})

describe("Hidden fees screen", () => {
  it("shows the domain's findings for the selected offer, most costly first", async () => {
    const a = await app({ locale: "en" })
    await pick(a, "sugar-standard")
    await a.press("4")
    const offer = (await Effect.runPromise(BuiltIn.offers)).find((o) => o.id === "sugar-standard")
    if (offer === undefined) throw new Error("sugar-standard is not in the catalog")
    const profile = Schema.decodeUnknownSync(Profile.Profile)({
      seats: 10,
      horizonMonths: 36,
      startDate: today,
    })
    const findings = await Effect.runPromise(HiddenFees.scan(offer, profile))
    expect(findings.length).toBeGreaterThan(0)
    const first = findings[0]
    if (first === undefined || first.money === undefined)
      throw new Error("expected a priced finding")
    const money = Messages.forLocale("en").money(first.money)
    const f = await a.waitForText(`+${money}`, "most costly first")
    expect(f).toContain(Messages.render(first.message, "en").slice(0, 30))
  })
})

/**
 * Store tenant Acme and its Salesforce contract (25 seats, 12-month terms
 * renewing automatically, 30 days' notice, 30,000 USD a term) with these
 * terms, and the usage taken against it. Returns both, as stored.
 */
const seedContract = (
  db: string,
  terms: { readonly termStart: Calendar.CalendarDate } & Record<string, unknown>,
  usage: (s: Subscription.Subscription) => ReadonlyArray<Subscription.UsageSnapshot> = () => [],
) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const tenantId = Subscription.TenantId.make("acme")
      yield* (yield* Ports.TenantRepo).create(
        new Subscription.Tenant({ id: tenantId, name: "Acme", createdAt: DateTime.unsafeNow() }),
      )
      const s = yield* Subscription.decode({
        id: "sf-1",
        tenantId,
        vendor: "Salesforce",
        seatsBought: 25,
        termMonths: 12,
        autoRenew: true,
        noticeDays: 30,
        recurringPrice: { amount: "30000.00", currency: "USD" },
        ...terms,
      })
      yield* (yield* Ports.SubscriptionRepo).insert(s)
      const snapshots = usage(s)
      const repo = yield* Ports.UsageRepo
      for (const u of snapshots) yield* repo.record(u)
      return { subscription: s, snapshots }
    }).pipe(Effect.provide(storeLayer(db))),
  )

describe("Subscriptions screen", () => {
  it("lists notice deadlines and renewals from the store, and usage against what was bought", async () => {
    const db = tempDb()
    const termStart = Calendar.addMonths(Calendar.fromInstant(new Date(), "UTC"), -11)
    await seedContract(
      db,
      { termStart, quotas: [{ metric: "storage-gb", included: "10" }] },
      (s) => [
        new Subscription.UsageSnapshot({
          id: Subscription.UsageSnapshotId.make("u1"),
          tenantId: s.tenantId,
          subscriptionId: s.id,
          takenAt: DateTime.unsafeNow(),
          seatsAssigned: 27,
          metrics: { "storage-gb": new Decimal("9") },
        }),
      ],
    )
    const a = await app({ locale: "en", db })
    await a.press("5")
    const renewal = Subscription.renewalDate({ termStart, termMonths: 12 })
    const notice = Calendar.addDays(renewal, -30)
    const f = await a.waitForText("Salesforce", "Acme")
    const fmt = Messages.forLocale("en")
    expect(f).toContain(fmt.date(notice))
    expect(f).toContain(fmt.date(renewal))
    expect(f).toContain("$30,000.00")
    expect(f).toContain("27 seats assigned, 25 bought")
    expect(f).toContain("storage-gb: 9 of 10 (90%)")
  })
})

describe("Subscriptions screen, a contract renewed since its stored term", () => {
  it("shows the term in force: its notice deadline, renewal date and uplifted price", async () => {
    const db = tempDb()
    // Renewed twice (a year and a month ago) at 10 % more each time; the worker has not saved it.
    const termStart = Calendar.addMonths(Calendar.fromInstant(new Date(), "UTC"), -25)
    await seedContract(db, { termStart, renewalUplift: "0.1" })
    const a = await app({ locale: "en", db })
    await a.press("5")
    const renewal = Calendar.addMonths(termStart, 36)
    const fmt = Messages.forLocale("en")
    const f = await a.waitForText("Salesforce", "Acme")
    const row = f.split("\n").find((l) => l.includes("Salesforce")) ?? ""
    expect(row).toContain(`${fmt.date(Calendar.addDays(renewal, -30))} (`)
    expect(row).toContain(`${fmt.date(renewal)} (`)
    expect(row).toContain("$36,300.00")
    expect(row).not.toContain(fmt.date(Calendar.addMonths(termStart, 12)))
  })
})

describe("Subscriptions screen, overages and forecasts", () => {
  const day = 86_400_000
  /** A contract renewing in about a month: 25 seats bought, 100 GB of storage at 2 USD a GB over. */
  const seed = async (db: string) => {
    const now = Date.now()
    const termStart = Calendar.addMonths(Calendar.fromInstant(new Date(now), "UTC"), -11)
    // Storage grows 0.5 GB a day to 90 GB today: the trend reaches 100 GB in about 20 days.
    const { subscription: s, snapshots } = await seedContract(
      db,
      {
        termStart,
        quotas: [
          {
            metric: "storage-gb",
            included: "100",
            overageRate: { amount: "2.00", currency: "USD" },
          },
          { metric: "api-calls", included: "1000" },
        ],
      },
      (contract) =>
        [60, 40, 20, 0].map(
          (ago, i) =>
            new Subscription.UsageSnapshot({
              id: Subscription.UsageSnapshotId.make(`u${i}`),
              tenantId: contract.tenantId,
              subscriptionId: contract.id,
              takenAt: DateTime.unsafeMake(now - ago * day),
              seatsAssigned: 27,
              metrics: {
                "storage-gb": new Decimal(90 - ago / 2),
                "api-calls": new Decimal(1200),
              },
            }),
        ),
    )
    // What the worker decides about the same contract: the figures the screen must show.
    const decided = Alerts.decide(s, snapshots, { now }).alerts.map((a) => a.facts)
    const facts = <K extends Alerts.AlertFactsWire["kind"]>(kind: K) => {
      const f = decided.find((x) => x.kind === kind)
      if (f === undefined) throw new Error(`the domain decided no ${kind}`)
      return f as Extract<Alerts.AlertFactsWire, { kind: K }>
    }
    return {
      seats: facts("seats-over"),
      forecast: facts("quota-forecast"),
      thresholds: decided.filter((x) => x.kind === "quota-threshold"),
    }
  }
  const money = (m: { amount: string; currency: string } | undefined, locale: Messages.Locale) => {
    if (m === undefined) throw new Error("expected a cost")
    return Messages.forLocale(locale).money(Money.make(new Decimal(m.amount), m.currency as "USD"))
  }

  it("shows seats over with their cost, quotas against 80 % and 100 %, and the trend's crossing", async () => {
    const db = tempDb()
    const domain = await seed(db)
    const a = await app({ locale: "en", db })
    await a.press("5")
    const fmt = Messages.forLocale("en")
    const f = await a.waitForText("Salesforce", "At this trend")
    expect(f).toContain(
      `27 seats assigned, 25 bought · 2 seats over: ${money(domain.seats.cost, "en")} to the term's end`,
    )
    // 90 of 100 GB: past 80 %, no overage yet; the trend crosses 100 GB before the term ends.
    expect(f).toMatch(
      /████████\|█·\| storage-gb: 90 of 100 \(90%\) · reached 80% · until .* · overage \$0\.00/,
    )
    expect(f).toContain(
      `At this trend, storage-gb crosses its quota on ${fmt.date(Calendar.unsafeMake(domain.forecast.crossesOn))}, costing ${money(domain.forecast.cost, "en")}`,
    )
    // 1,200 of 1,000 API calls: past 100 %, and the contract sells no overage.
    expect(f).toMatch(/\|\+ api-calls: 1,200 of 1,000 \(120%\) · reached 100% · /)
    expect(f).toMatch(/overage\s+not\s+sold/)
    expect(domain.thresholds.map((x) => x.kind === "quota-threshold" && x.threshold)).toEqual([
      80, 100,
    ])
  })

  it("says the same in Chinese", async () => {
    const db = tempDb()
    const domain = await seed(db)
    const a = await app({ locale: "zh-CN", db })
    await a.press("5")
    const fmt = Messages.forLocale("zh-CN")
    const f = await a.waitForText("Salesforce", "按此趋势")
    expect(f).toContain(`超出 2 个席位：补购至本期结束需 ${money(domain.seats.cost, "zh-CN")}`)
    expect(f).toContain("已达 80%")
    expect(f).toContain(
      `按此趋势，storage-gb 将于 ${fmt.date(Calendar.unsafeMake(domain.forecast.crossesOn))} 超出配额，费用 ${money(domain.forecast.cost, "zh-CN")}`,
    )
  })
})
