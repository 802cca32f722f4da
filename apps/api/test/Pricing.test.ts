import request from "supertest"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as T from "./support/TestApp.js"

let t: T.TestApp
beforeAll(async () => {
  t = await T.make()
})
afterAll(() => t.cleanup())

describe("Pricing", () => {
  it("quotes a built-in offer by id: 10 users × 50 USD × 12 months = 6000.00 USD", async () => {
    const res = await request(t.app)
      .post("/v1/quotes")
      .set(T.bearer(t.keyA))
      .send({ offer: "example-per-user", profile: T.profile })
    expect(res.status).toBe(200)
    expect(res.body.total).toEqual({ amount: "6000.00", currency: "USD" })
    expect(res.body.cashFlow).toHaveLength(12)
    expect(res.body.cashFlow[0]).toEqual({ amount: "500.00", currency: "USD" })
    expect(typeof res.body.lines[0].basis).toBe("string")
  })

  it("quotes an inline offer and renders its texts in zh-CN when asked", async () => {
    const res = await request(t.app)
      .post("/v1/quotes")
      .set(T.bearer(t.keyA))
      .set("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5")
      .send({ offer: T.customOffer("inline-acme"), profile: T.profile, termMonths: 1 })
    expect(res.status).toBe(200)
    expect(res.body.total).toEqual({ amount: "4800.00", currency: "USD" })
    expect(res.body.lines[0].basis).toMatch(/[\u4e00-\u9fff]/)
  })

  it("answers 404 for an unknown offer id and 422 for a need the offer cannot meet", async () => {
    const missing = await request(t.app)
      .post("/v1/quotes")
      .set(T.bearer(t.keyA))
      .send({ offer: "no-such-offer", profile: T.profile })
    expect(missing.status).toBe(404)
    const unmet = await request(t.app)
      .post("/v1/quotes")
      .set(T.bearer(t.keyA))
      .send({ offer: "example-per-user", profile: { ...T.profile, modules: ["telepathy"] } })
    expect(unmet.status).toBe(422)
    expect(unmet.body.code).toBe("UnknownModule")
    expect(unmet.body.offerId).toBe("example-per-user")
    expect(unmet.body.detail).toContain("telepathy")
  })

  it("answers 400 with the path of every invalid field of the profile", async () => {
    const res = await request(t.app)
      .post("/v1/quotes")
      .set(T.bearer(t.keyA))
      .send({
        offer: "example-per-user",
        profile: { seats: -1, horizonMonths: 0, startDate: "yesterday" },
      })
    expect(res.status).toBe(400)
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort()
    expect(paths).toEqual(["profile.horizonMonths", "profile.seats", "profile.startDate"])
    expect(res.body.errors[0].pointer).toMatch(/^\/profile\//)
  })

  it("compares offers given by id and inline, cheapest first, with a summary", async () => {
    const res = await request(t.app)
      .post("/v1/comparisons")
      .set(T.bearer(t.keyA))
      .send({ offers: ["example-per-user", T.customOffer("inline-acme")], profile: T.profile })
    expect(res.status).toBe(200)
    expect(res.body.currency).toBe("USD")
    expect(res.body.ranking.map((r: { offerId: string }) => r.offerId)).toEqual([
      "inline-acme",
      "example-per-user",
    ])
    expect(res.body.ranking[1].gap).toEqual({ amount: "1200.00", currency: "USD" })
    expect(res.body.summary.length).toBeGreaterThan(0)
    expect(typeof res.body.summary[0]).toBe("string")
  })

  it("recommends among the offers given, with reasons in words", async () => {
    const res = await request(t.app)
      .post("/v1/recommendations")
      .set(T.bearer(t.keyA))
      .send({
        offers: ["example-per-user", "example-per-module"],
        profile: { ...T.profile, modules: ["sales"] },
      })
    expect(res.status).toBe(200)
    expect(res.body.kept.length + res.body.dropped.length).toBe(2)
    for (const k of res.body.kept)
      expect(k.reasons.every((r: unknown) => typeof r === "string")).toBe(true)
  })

  it("recommends among every offer the tenant sees when none are given", async () => {
    const res = await request(t.app)
      .post("/v1/recommendations")
      .set(T.bearer(t.keyA))
      .send({
        profile: {
          ...T.profile,
          currency: "USD",
          fx: {
            asOf: "2026-01-01",
            rates: [
              { from: "CNY", to: "USD", rate: "0.14" },
              { from: "EUR", to: "USD", rate: "1.08" },
              { from: "GBP", to: "USD", rate: "1.27" },
            ],
          },
        },
      })
    expect(res.status).toBe(200)
    expect(res.body.kept.length).toBeGreaterThan(1)
  })

  it("finds hidden fees, most costly first, with their total", async () => {
    const res = await request(t.app)
      .post("/v1/hidden-fees")
      .set(T.bearer(t.keyA))
      .send({ offer: "example-per-term", profile: { ...T.profile, horizonMonths: 4 } })
    expect(res.status).toBe(200)
    expect(res.body.offerId).toBe("example-per-term")
    expect(Array.isArray(res.body.findings)).toBe(true)
    for (const f of res.body.findings) {
      expect(typeof f.message).toBe("string")
      expect(["info", "warning", "critical"]).toContain(f.severity)
    }
    expect(res.body.total.currency).toBe("USD")
  })
})
