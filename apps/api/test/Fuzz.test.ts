/**
 * Random and malformed input on every route: whatever arrives, the answer
 * is never a 5xx and the server keeps serving.
 */
import fc from "fast-check"
import request from "supertest"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Routes from "../src/Routes.js"
import * as T from "./support/TestApp.js"

let t: T.TestApp
let agent: ReturnType<typeof request.agent>
beforeAll(async () => {
  t = await T.make()
  await request(t.app)
    .post("/v1/subscriptions")
    .set(T.bearer(t.keyA))
    .send({ ...T.subscription, id: "fuzz-sub" })
})
afterAll(() => t.cleanup())

const concrete = (path: string, id: string) =>
  path.replace(/:([A-Za-z0-9_]+)/g, () => encodeURIComponent(id))

// Bodies that look like the real thing with parts broken, and pure noise.
const nearMiss = fc.record(
  {
    offer: fc.oneof(fc.constant("example-per-user"), fc.string(), fc.object(), fc.integer()),
    offers: fc.array(fc.oneof(fc.constant("example-per-term"), fc.string(), fc.object()), {
      maxLength: 3,
    }),
    profile: fc.record(
      {
        seats: fc.oneof(fc.integer({ min: -5, max: 3000 }), fc.double(), fc.string()),
        horizonMonths: fc.oneof(fc.integer({ min: -2, max: 700 }), fc.string()),
        startDate: fc.oneof(
          fc.constant("2026-01-01"),
          fc.string(),
          fc.date().map((d) => (Number.isNaN(d.getTime()) ? "x" : d.toISOString())),
        ),
        modules: fc.array(fc.string(), { maxLength: 3 }),
        growth: fc.anything(),
        currency: fc.constantFrom("USD", "CNY", "EUR", "XYZ"),
      },
      { requiredKeys: [] },
    ),
    termMonths: fc.oneof(fc.integer({ min: -1, max: 200 }), fc.string()),
    seatsAssigned: fc.oneof(fc.integer({ min: -1, max: 100 }), fc.double()),
    vendor: fc.string(),
    seatsBought: fc.integer({ min: -1, max: 100 }),
    termStart: fc.string(),
    recurringPrice: fc.record({ amount: fc.string(), currency: fc.string() }, { requiredKeys: [] }),
    id: fc.string(),
    components: fc.anything(),
  },
  { requiredKeys: [] },
)
const body = fc.oneof(nearMiss, fc.anything(), fc.jsonValue())
const rawBody = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom("{", "[1,", '{"a":}', "null", "1e999"),
)
const query = fc.dictionary(
  fc.constantFrom(
    "limit",
    "cursor",
    "currency",
    "feeModel",
    "origin",
    "q",
    "status",
    "vendor",
    "kind",
    "subscriptionId",
    "token",
    "lang",
    "x",
  ),
  fc.oneof(fc.string(), fc.integer().map(String), fc.constant("")),
  { maxKeys: 4 },
)

const routes = Routes.all
const input = fc.record({
  route: fc.integer({ min: 0, max: routes.length - 1 }),
  id: fc.oneof(
    fc.constant("fuzz-sub"),
    fc.constant("example-per-user"),
    fc.string({ minLength: 1 }),
  ),
  query,
  body,
  raw: fc.option(rawBody),
  contentType: fc.constantFrom(
    "application/json",
    "application/json",
    "text/plain",
    "application/x-www-form-urlencoded",
    "application/merge-patch+json",
  ),
  key: fc.constantFrom("A", "B", "none", "garbage"),
  language: fc.constantFrom("en", "zh-CN", "", "*", ";;;q=x"),
})

describe("Fuzz", () => {
  it("answers 2,400 random requests across every route without a 5xx", async () => {
    agent = request.agent(t.app)
    let count = 0
    await fc.assert(
      fc.asyncProperty(input, async (i) => {
        const route = routes[i.route]
        if (route === undefined) return
        const path = concrete(route.path, i.id)
        const qs = new URLSearchParams(i.query).toString()
        let req = agent[route.method](`${path}${qs === "" ? "" : `?${qs}`}`)
        if (i.key === "A") req = req.set(T.bearer(t.keyA))
        if (i.key === "B") req = req.set(T.bearer(t.keyB))
        if (i.key === "garbage") req = req.set("Authorization", "Bearer \u00ff\u0000")
        if (i.language !== "") req = req.set("Accept-Language", i.language)
        if (route.method !== "get" && route.method !== "delete") {
          req = req.set("Content-Type", i.contentType).send(i.raw ?? JSON.stringify(i.body ?? null))
        }
        const res = await req.catch((e: { response?: request.Response }) => e.response)
        count++
        expect(res?.status ?? 0, `${route.method} ${path} → ${res?.text}`).toBeLessThan(500)
      }),
      { numRuns: 2_400, seed: 6 },
    )
    expect(count).toBeGreaterThanOrEqual(2_000)
    expect((await request(t.app).get("/healthz")).status).toBe(200)
    expect((await request(t.app).get("/readyz")).status).toBe(200)
    const quote = await request(t.app)
      .post("/v1/quotes")
      .set(T.bearer(t.keyA))
      .send({ offer: "example-per-user", profile: T.profile })
    expect(quote.body.total).toEqual({ amount: "6000.00", currency: "USD" })
  }, 300_000)
})
