/**
 * The answers of the API against the schemas the OpenAPI document publishes
 * for them. Each successful answer is decoded with the schema its route
 * declares (taken from the route table, not a copy), excess properties
 * rejected: a field the schema does not name, or a value of another shape,
 * fails here instead of reaching a generated client unannounced.
 */
import * as Alerts from "@crm-cost/domain/Alerts"
import * as Ports from "@crm-cost/domain/Ports"
import { Alert, AlertId, SubscriptionId, TenantId } from "@crm-cost/domain/Subscription"
import { DateTime, Effect, Either, Option, ParseResult, Schema } from "effect"
import request from "supertest"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Routes from "../src/Routes.js"
import * as T from "./support/TestApp.js"

let t: T.TestApp
let down: T.TestApp
beforeAll(async () => {
  t = await T.make({ now: T.now })
  down = await T.make({ ready: () => false })
})
afterAll(async () => {
  await t.cleanup()
  await down.cleanup()
})

const isJson = (contentType: string | undefined) =>
  contentType === undefined || contentType === "application/json"

/** The schema a route declares for a status: what the OpenAPI document says it answers. */
const declared = (operationId: string, status: number) => {
  const route = Routes.all.find((r) => r.operationId === operationId)
  const spec = route?.responses.find((r) => r.status === status)
  if (spec?.schema === undefined) throw new Error(`${operationId} declares no ${status} schema`)
  return spec.schema
}

/** Where the body breaks the schema, in words; "conforms" when it does not. */
const check = (schema: Schema.Schema.AnyNoContext, body: unknown): string =>
  Either.match(
    Schema.decodeUnknownEither(schema, { onExcessProperty: "error", errors: "all" })(body),
    { onLeft: (e) => ParseResult.TreeFormatter.formatErrorSync(e), onRight: () => "conforms" },
  )

const checked = new Set<string>()

/** The answer has the expected status and the body its route declares for it. */
const conforms = (operationId: string, res: request.Response, status = 200) => {
  expect(res.status, `${operationId}: ${res.text.slice(0, 500)}`).toBe(status)
  expect(res.headers["content-type"]).toMatch(/^application\/json/)
  expect(check(declared(operationId, status), res.body), operationId).toBe("conforms")
  checked.add(`${operationId} ${status}`)
  return res.body
}

const locales = ["en", "zh-CN"] as const

const api = (locale: (typeof locales)[number] = "en") => ({
  get: (path: string) =>
    request(t.app).get(path).set(T.bearer(t.keyA)).set("Accept-Language", locale),
  post: (path: string, body: object) =>
    request(t.app).post(path).set(T.bearer(t.keyA)).set("Accept-Language", locale).send(body),
  put: (path: string, body: object) =>
    request(t.app).put(path).set(T.bearer(t.keyA)).set("Accept-Language", locale).send(body),
  patch: (path: string, body: object) =>
    request(t.app).patch(path).set(T.bearer(t.keyA)).set("Accept-Language", locale).send(body),
})

/**
 * An inline offer in EUR with one of most kinds of component: a percentage
 * line (`baseOf`), exclusive tax (`taxOf`), a part priced on request
 * (`unpriced`), a promotion, an uplift, usage, an add-on, two terms.
 */
const richOffer = {
  id: "inline-rich",
  vendor: "Rich",
  name: "Rich CRM Pro",
  currency: "EUR",
  terms: [{ months: 1 }, { months: 12, discount: "0.1" }],
  components: [
    {
      _tag: "PerSeat",
      id: "seat",
      name: "User",
      price: { amount: "30", per: "month" },
      minSeats: 5,
    },
    {
      _tag: "Module",
      id: "sales",
      name: "Sales",
      module: "sales",
      price: { amount: "100", per: "month" },
    },
    { _tag: "Percentage", id: "support", name: "Premier support", rate: "0.2", base: ["licence"] },
    { _tag: "OneTime", id: "onboarding", name: "Onboarding", kind: "onboarding", amount: "1500" },
    {
      _tag: "Usage",
      id: "storage",
      name: "Extra storage",
      metric: "storage-gb",
      measure: "peak",
      included: { units: "10" },
      pricing: { _tag: "PerUnit", unitPrice: "2" },
    },
    {
      _tag: "AddOn",
      id: "sap",
      name: "SAP connector",
      kind: "integration",
      price: { amount: "50", per: "month" },
      requiredFor: ["sap"],
    },
    { _tag: "RenewalUplift", id: "uplift", name: "Yearly uplift", rate: "0.07" },
    { _tag: "Promotion", id: "intro", name: "Intro offer", percentOff: "0.5", months: 3 },
    { _tag: "Tax", id: "vat", name: "VAT", mode: "exclusive", rate: "0.19" },
    {
      _tag: "Unpriced",
      id: "migration",
      name: "Data migration",
      category: "one-time",
      reason: "priced per project",
      mandatory: true,
    },
  ],
  source: { source: "test", confidence: "high" },
  asOf: "2026-01-01",
}

/** An offer that sells at most 5 seats: it cannot be priced for 10. */
const smallOffer = {
  ...T.customOffer("inline-small"),
  components: [
    {
      _tag: "PerSeat",
      id: "seat",
      name: "User licence",
      price: { amount: "10", per: "month" },
      maxSeats: 5,
    },
  ],
}

/** Growing seats, a discount rate (NPV), USD reporting with rates for every currency. */
const richProfile = {
  ...T.usdProfile,
  horizonMonths: 24,
  growth: { _tag: "Rate", rate: "0.5", every: "year" },
  modules: ["sales"],
  integrations: ["sap"],
  usage: [{ metric: "storage-gb", perMonth: "25" }],
  discountRate: "0.08",
}

/** The same need without the module and integration most offers lack. */
const plainProfile = { ...richProfile, modules: [], integrations: [] }

/** Every built-in offer's id, through the list route (each page checked). */
const builtInIds = async (): Promise<Array<string>> => {
  const ids: Array<string> = []
  let cursor: string | null = null
  do {
    const query: string = `/v1/offers?origin=built-in&limit=20${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`
    const page = conforms("listOffers", await api().get(query))
    ids.push(...page.data.map((o: { id: string }) => o.id))
    cursor = page.hasMore ? page.nextCursor : null
  } while (cursor !== null)
  return ids
}

describe("Response schemas", () => {
  it("reject a body with an undeclared field or a value of the wrong shape", async () => {
    const body = conforms(
      "createQuote",
      await api().post("/v1/quotes", { offer: "example-per-user", profile: T.profile }),
    )
    const schema = declared("createQuote", 200)
    expect(check(schema, { ...body, surprise: 1 })).toMatch(/surprise/)
    expect(check(schema, { ...body, total: { amount: 6000, currency: "USD" } })).toMatch(/amount/)
    const [line, ...lines] = body.lines
    expect(check(schema, { ...body, lines: [{ ...line, category: "misc" }, ...lines] })).toMatch(
      /category/,
    )
  })

  it("describe the offers: every built-in one, and a custom one created, read and replaced", async () => {
    const ids = await builtInIds()
    expect(ids.length).toBeGreaterThan(20)
    conforms("getOffer", await api().get(`/v1/offers/${ids[0]}`))
    conforms("listOffers", await api().get("/v1/offers?feeModel=per-user&q=pro&limit=5"))
    conforms("createOffer", await api().post("/v1/offers", richOffer), 201)
    conforms("getOffer", await api().get("/v1/offers/inline-rich"))
    conforms(
      "replaceOffer",
      await api().put("/v1/offers/inline-rich", { ...richOffer, trialDays: 14 }),
    )
    const custom = conforms("listOffers", await api().get("/v1/offers?origin=custom"))
    expect(custom.data.map((o: { id: string }) => o.id)).toEqual(["inline-rich"])
  })

  it("describe a quote of every built-in offer, in English and in Chinese", async () => {
    const ids = await builtInIds()
    let priced = 0
    for (const locale of locales) {
      for (const id of ids) {
        const res = await api(locale).post("/v1/quotes", { offer: id, profile: T.usdProfile })
        if (res.status === 422) continue
        conforms("createQuote", res)
        priced++
      }
    }
    expect(priced).toBeGreaterThan(ids.length)
  })

  it("describe a quote with percentage and tax lines, unpriced parts, conversion and NPV", async () => {
    for (const locale of locales) {
      const quote = conforms(
        "createQuote",
        await api(locale).post("/v1/quotes", { offer: richOffer, profile: richProfile }),
      )
      // The fields only some quotes have are all here, so the schema is held to them.
      expect(quote.lines.some((l: { baseOf?: string }) => l.baseOf !== undefined)).toBe(true)
      expect(quote.lines.some((l: { taxOf?: string }) => l.taxOf !== undefined)).toBe(true)
      expect(quote.unpriced).toHaveLength(1)
      expect(quote.converted.currency).toBe("USD")
      expect(quote.npv.currency).toBe("EUR")
      expect(quote.costPerSeatMonth).toBeDefined()
      const monthly = conforms(
        "createQuote",
        await api(locale).post("/v1/quotes", {
          offer: "inline-rich",
          profile: { ...richProfile, seats: 0, growth: undefined },
          termMonths: 1,
        }),
      )
      expect(monthly.costPerSeatMonth).toBeUndefined()
    }
  })

  it("describe comparisons with failures, break-even seats and months, NPV and sensitivity", async () => {
    const offers = ["example-per-user", "example-per-term", richOffer, smallOffer]
    for (const locale of locales) {
      const full = conforms(
        "createComparison",
        await api(locale).post("/v1/comparisons", {
          offers,
          profile: plainProfile,
          seatRange: { from: 1, to: 60 },
        }),
      )
      expect(full.failed.map((f: { offerId: string }) => f.offerId)).toEqual(["inline-small"])
      // Why, in the reader's language; the code stays for programs.
      const [failure] = full.failed
      expect(failure.error.code).toBe("SeatLimitExceeded")
      expect(failure.message).toMatch(locale === "zh-CN" ? /[\u4e00-\u9fff]/ : /^[\x20-\x7e]+$/)
      expect(full.byNpv.length).toBe(3)
      expect(full.seats.pairs.length).toBe(3)
      expect(full.seats.pairs.some((p: { crossings: unknown[] }) => p.crossings.length > 0)).toBe(
        true,
      )
      expect(full.months.length).toBe(3)
      expect(full.sensitivity.length).toBe(2)
      expect(full.ranking.some((r: { gapPercent?: string }) => r.gapPercent !== undefined)).toBe(
        true,
      )
      const quick = conforms(
        "createComparison",
        await api(locale).post("/v1/comparisons", {
          offers: ["example-per-user", "example-per-module", smallOffer],
          profile: { ...T.profile, seats: 4, growth: { _tag: "Schedule", seats: [4, 6, 8] } },
          breakEvenSeats: false,
        }),
      )
      expect(quick.seats).toBeUndefined()
      expect(quick.byNpv).toBeUndefined()
      expect(quick.sensitivity[0].scenario.growth._tag).toBe("Schedule")
    }
  })

  it("describe recommendations, kept and dropped, among given offers and among all", async () => {
    for (const locale of locales) {
      const given = conforms(
        "createRecommendation",
        await api(locale).post("/v1/recommendations", {
          offers: ["example-per-user", "example-per-module", richOffer, smallOffer],
          profile: richProfile,
          acceptOverage: true,
        }),
      )
      expect(given.kept.length).toBeGreaterThan(0)
      expect(given.dropped.length).toBeGreaterThan(0)
      const all = conforms(
        "createRecommendation",
        await api(locale).post("/v1/recommendations", { profile: T.usdProfile }),
      )
      expect(all.kept.length).toBeGreaterThan(1)
    }
  })

  it("describe the hidden fees of every built-in offer and of an inline one", async () => {
    const ids = await builtInIds()
    const codes = new Set<string>()
    let found = 0
    for (const offer of [...ids, richOffer]) {
      const res = await api("zh-CN").post("/v1/hidden-fees", { offer, profile: plainProfile })
      if (res.status === 422) continue
      const body = conforms("findHiddenFees", res)
      for (const f of body.findings) codes.add(`${f.code} ${f.quoteRequired}`)
      found++
    }
    expect(found).toBeGreaterThan(ids.length / 2)
    // Both kinds of finding: priced, and priced on request only.
    expect([...codes].some((c) => c.endsWith("true"))).toBe(true)
    expect([...codes].some((c) => c.endsWith("false"))).toBe(true)
  })

  it("describe subscriptions and their usage: created, listed, read, changed", async () => {
    const created = conforms(
      "createSubscription",
      await api().post("/v1/subscriptions", {
        ...T.subscription,
        id: "schema-sub",
        offerId: "example-per-user",
        owners: [{ name: "Ana", email: "ana@example.com" }],
        channels: [{ _tag: "Email", to: ["ana@example.com"] }],
      }),
      201,
    )
    expect(created.renewalDate).toBe("2027-01-01")
    conforms("createSubscription", await api().post("/v1/subscriptions", T.subscription), 201)
    conforms("listSubscriptions", await api().get("/v1/subscriptions"))
    conforms("listSubscriptions", await api().get("/v1/subscriptions?status=active&limit=1"))
    conforms("getSubscription", await api().get("/v1/subscriptions/schema-sub"))
    conforms(
      "updateSubscription",
      await api().patch("/v1/subscriptions/schema-sub", { seatsBought: 12, renewalUplift: "0.05" }),
    )
    conforms(
      "recordUsage",
      await api().post("/v1/subscriptions/schema-sub/usage", {
        takenAt: "2026-03-01T00:00:00Z",
        seatsAssigned: 14,
        metrics: { storageGb: "9.5", apiCalls: 1200 },
      }),
      201,
    )
    conforms(
      "recordUsage",
      await api().post("/v1/subscriptions/schema-sub/usage", { seatsAssigned: 3 }),
      201,
    )
    const usage = conforms("listUsage", await api().get("/v1/subscriptions/schema-sub/usage"))
    expect(usage.data[0].metrics).toEqual({ storageGb: "9.5", apiCalls: "1200" })
  })

  it("describe the alerts the worker decides, of every kind it decided", async () => {
    const tenantId = TenantId.make("tenant-a")
    const subscriptionId = SubscriptionId.make("alerted")
    conforms(
      "createSubscription",
      await api().post("/v1/subscriptions", { ...T.subscription, id: subscriptionId }),
      201,
    )
    conforms(
      "recordUsage",
      await api().post(`/v1/subscriptions/${subscriptionId}/usage`, {
        takenAt: "2026-11-01T00:00:00Z",
        seatsAssigned: 14,
        metrics: { storageGb: "9.5" },
      }),
      201,
    )
    // What the worker writes: the domain's decisions, their facts as the payload.
    const kinds = await t.runtime.runPromise(
      Effect.gen(function* () {
        const subscriptions = yield* Ports.SubscriptionRepo
        const usage = yield* Ports.UsageRepo
        const outbox = yield* Ports.AlertOutbox
        const found = yield* subscriptions.get(tenantId, subscriptionId)
        if (Option.isNone(found)) return yield* Effect.dieMessage("no subscription")
        const snapshots = yield* usage.list(tenantId, subscriptionId)
        const decidedAt = yield* DateTime.now
        const kinds = new Set<string>()
        let n = 0
        for (const now of ["2026-11-05T12:00:00Z", "2027-01-05T12:00:00Z"]) {
          const decision = Alerts.decide(found.value, snapshots, { now: new Date(now) })
          for (const a of decision.alerts) {
            kinds.add(a.kind)
            yield* outbox.record(
              Alert.make({
                id: AlertId.make(`alert-${++n}`),
                key: a.key,
                tenantId,
                subscriptionId,
                kind: a.kind,
                decidedAt,
                payload: a.facts,
              }),
              [],
            )
          }
        }
        return kinds
      }),
    )
    expect(kinds.size).toBeGreaterThan(2)
    const listed = conforms("listAlerts", await api().get("/v1/alerts?limit=100"))
    expect(new Set(listed.data.map((a: { kind: string }) => a.kind))).toEqual(kinds)
    conforms("listAlerts", await api().get(`/v1/alerts?subscriptionId=${subscriptionId}&limit=1`))
  })

  it("describe the feed token, health, readiness and the OpenAPI document", async () => {
    conforms("createFeedToken", await api().post("/v1/feed-tokens", {}), 201)
    conforms("getTenant", await api().get("/v1/tenant"))
    conforms(
      "updateTenant",
      await api().patch("/v1/tenant", { locale: "zh-CN", reminderOffsets: [60, 14] }),
    )
    conforms("updateTenant", await api().patch("/v1/tenant", { locale: null }))
    conforms("health", await request(t.app).get("/healthz"))
    conforms("ready", await request(t.app).get("/readyz"))
    conforms("ready", await request(down.app).get("/readyz"), 503)
    conforms("openApi", await request(t.app).get("/openapi.json"))
  })

  // Runs last: it counts what the tests above decoded, so a route added without one here fails.
  it("have checked every JSON answer a route declares with a schema", () => {
    const declaredJson = Routes.all.flatMap((route) =>
      route.responses
        .filter((r) => r.schema !== undefined && r.status < 400 && isJson(r.contentType))
        .map((r) => `${route.operationId} ${r.status}`),
    )
    expect(declaredJson.length).toBeGreaterThan(15)
    expect(declaredJson.filter((d) => !checked.has(d))).toEqual([])
  })
})
