import request from "supertest"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as T from "./support/TestApp.js"

let t: T.TestApp
beforeAll(async () => {
  t = await T.make()
  // Tenant A: a custom offer and a subscription with usage.
  await request(t.app).post("/v1/offers").set(T.bearer(t.keyA)).send(T.customOffer("a-offer"))
  await request(t.app)
    .post("/v1/subscriptions")
    .set(T.bearer(t.keyA))
    .send({ ...T.subscription, id: "a-sub" })
  await request(t.app)
    .post("/v1/subscriptions/a-sub/usage")
    .set(T.bearer(t.keyA))
    .send({ seatsAssigned: 12 })
})
afterAll(() => t.cleanup())

const b = () => T.bearer(t.keyB)

describe("Tenant isolation", () => {
  it("B cannot see, change or delete A's custom offer: 404", async () => {
    expect((await request(t.app).get("/v1/offers/a-offer").set(b())).status).toBe(404)
    expect(
      (await request(t.app).put("/v1/offers/a-offer").set(b()).send(T.customOffer("a-offer")))
        .status,
    ).toBe(404)
    expect((await request(t.app).delete("/v1/offers/a-offer").set(b())).status).toBe(404)
    const list = await request(t.app).get("/v1/offers?origin=custom").set(b())
    expect(list.body.data).toEqual([])
    const all = await request(t.app).get("/v1/offers?limit=100&q=acme").set(b())
    expect(all.body.data.map((o: { id: string }) => o.id)).not.toContain("a-offer")
  })

  it("B cannot price A's custom offer by id: 404", async () => {
    const body = { offer: "a-offer", profile: T.profile }
    expect((await request(t.app).post("/v1/quotes").set(b()).send(body)).status).toBe(404)
    expect((await request(t.app).post("/v1/hidden-fees").set(b()).send(body)).status).toBe(404)
    expect(
      (
        await request(t.app)
          .post("/v1/comparisons")
          .set(b())
          .send({ offers: ["a-offer", "example-per-user"], profile: T.profile })
      ).status,
    ).toBe(404)
    expect(
      (
        await request(t.app)
          .post("/v1/recommendations")
          .set(b())
          .send({ offers: ["a-offer"], profile: T.profile })
      ).status,
    ).toBe(404)
    const recommended = await request(t.app)
      .post("/v1/recommendations")
      .set(b())
      .send({ profile: T.usdProfile })
    expect(recommended.status).toBe(200)
    const ids = [...recommended.body.kept, ...recommended.body.dropped].map(
      (o: { offerId: string }) => o.offerId,
    )
    expect(ids).not.toContain("a-offer")
    // A itself can.
    expect((await request(t.app).post("/v1/quotes").set(T.bearer(t.keyA)).send(body)).status).toBe(
      200,
    )
  })

  it("B may create its own offer with the id A uses, and each sees its own", async () => {
    const created = await request(t.app)
      .post("/v1/offers")
      .set(b())
      .send({ ...T.customOffer("a-offer"), name: "B's plan" })
    expect(created.status).toBe(201)
    expect((await request(t.app).get("/v1/offers/a-offer").set(T.bearer(t.keyA))).body.name).toBe(
      "Acme CRM Team",
    )
    expect((await request(t.app).get("/v1/offers/a-offer").set(b())).body.name).toBe("B's plan")
    await request(t.app).delete("/v1/offers/a-offer").set(b())
  })

  it("B cannot see, change, delete or record usage on A's subscription: 404", async () => {
    expect((await request(t.app).get("/v1/subscriptions/a-sub").set(b())).status).toBe(404)
    expect(
      (await request(t.app).patch("/v1/subscriptions/a-sub").set(b()).send({ seatsBought: 1 }))
        .status,
    ).toBe(404)
    expect((await request(t.app).delete("/v1/subscriptions/a-sub").set(b())).status).toBe(404)
    expect(
      (
        await request(t.app)
          .post("/v1/subscriptions/a-sub/usage")
          .set(b())
          .send({ seatsAssigned: 1 })
      ).status,
    ).toBe(404)
    expect((await request(t.app).get("/v1/subscriptions/a-sub/usage").set(b())).status).toBe(404)
    expect((await request(t.app).get("/v1/subscriptions").set(b())).body.data).toEqual([])
    // A's data is untouched.
    const a = await request(t.app).get("/v1/subscriptions/a-sub").set(T.bearer(t.keyA))
    expect(a.body.seatsBought).toBe(10)
  })

  it("B's alerts and calendar hold nothing of A's", async () => {
    expect((await request(t.app).get("/v1/alerts").set(b())).body.data).toEqual([])
    expect(
      (await request(t.app).get("/v1/alerts?subscriptionId=a-sub").set(b())).body.data,
    ).toEqual([])
    const token = await request(t.app).post("/v1/feed-tokens").set(b())
    const feed = await request(t.app).get(token.body.url)
    expect(feed.status).toBe(200)
    expect(feed.text).not.toContain("a-sub")
    expect(feed.text).not.toContain("VEVENT")
    const tokenA = await request(t.app).post("/v1/feed-tokens").set(T.bearer(t.keyA))
    expect((await request(t.app).get(tokenA.body.url)).text).toContain("a-sub")
  })

  it("B's idempotency keys do not replay A's answers", async () => {
    const body = { ...T.subscription, id: "idem-sub" }
    await request(t.app)
      .post("/v1/subscriptions")
      .set(T.bearer(t.keyA))
      .set("Idempotency-Key", "shared")
      .send(body)
    const res = await request(t.app)
      .post("/v1/subscriptions")
      .set(b())
      .set("Idempotency-Key", "shared")
      .send(body)
    expect(res.status).toBe(201)
    expect(res.body.tenantId).toBe("tenant-b")
  })
})
