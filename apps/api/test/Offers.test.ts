import request from "supertest"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as T from "./support/TestApp.js"

let t: T.TestApp
beforeAll(async () => {
  t = await T.make()
})
afterAll(() => t.cleanup())

describe("Offers", () => {
  it("lists built-in offers by id, a page at a time, with a cursor to the next", async () => {
    const first = await request(t.app).get("/v1/offers?limit=5").set(T.bearer(t.keyA))
    expect(first.status).toBe(200)
    expect(first.body.data).toHaveLength(5)
    expect(first.body.hasMore).toBe(true)
    const ids: Array<string> = first.body.data.map((o: { id: string }) => o.id)
    expect([...ids].sort()).toEqual(ids)
    const second = await request(t.app)
      .get(`/v1/offers?limit=5&cursor=${first.body.nextCursor}`)
      .set(T.bearer(t.keyA))
    expect(second.status).toBe(200)
    const next: Array<string> = second.body.data.map((o: { id: string }) => o.id)
    expect((next[0] ?? "") > (ids[4] ?? "")).toBe(true)
    expect(new Set([...ids, ...next]).size).toBe(10)
  })

  it("walks every offer exactly once through the cursors", async () => {
    const all = await request(t.app).get("/v1/offers?limit=100").set(T.bearer(t.keyA))
    const seen: Array<string> = []
    let cursor: string | null = null
    do {
      const res: request.Response = await request(t.app)
        .get(`/v1/offers?limit=7${cursor === null ? "" : `&cursor=${cursor}`}`)
        .set(T.bearer(t.keyA))
      seen.push(...res.body.data.map((o: { id: string }) => o.id))
      cursor = res.body.nextCursor
    } while (cursor !== null)
    expect(seen).toEqual(all.body.data.map((o: { id: string }) => o.id))
  })

  it("filters by currency, fee model, vendor, origin and words", async () => {
    const cny = await request(t.app).get("/v1/offers?currency=CNY&limit=100").set(T.bearer(t.keyA))
    expect(cny.body.data.length).toBeGreaterThan(0)
    expect(cny.body.data.every((o: { currency: string }) => o.currency === "CNY")).toBe(true)
    const open = await request(t.app)
      .get("/v1/offers?feeModel=open-source&limit=100")
      .set(T.bearer(t.keyA))
    expect(
      open.body.data.every((o: { feeModels: Array<string> }) =>
        o.feeModels.includes("open-source"),
      ),
    ).toBe(true)
    const hubspot = await request(t.app)
      .get("/v1/offers?vendor=hubspot&limit=100")
      .set(T.bearer(t.keyA))
    expect(hubspot.body.data.length).toBeGreaterThan(0)
    expect(hubspot.body.data.every((o: { vendor: string }) => o.vendor === "HubSpot")).toBe(true)
    const custom = await request(t.app).get("/v1/offers?origin=custom").set(T.bearer(t.keyB))
    expect(custom.body).toEqual({ data: [], hasMore: false, nextCursor: null })
    const words = await request(t.app).get("/v1/offers?q=per-user%20example").set(T.bearer(t.keyA))
    expect(words.body.data.map((o: { id: string }) => o.id)).toContain("example-per-user")
  })

  it("answers 400 with every failing query parameter", async () => {
    const res = await request(t.app)
      .get("/v1/offers?limit=0&currency=XYZ&origin=mine")
      .set(T.bearer(t.keyA))
    expect(res.status).toBe(400)
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/)
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort()
    expect(paths).toEqual(["currency", "limit", "origin"])
    const cursor = await request(t.app).get("/v1/offers?cursor=nonsense").set(T.bearer(t.keyA))
    expect(cursor.status).toBe(400)
    expect(cursor.body.errors[0].path).toBe("cursor")
  })

  it("gets one offer, built-in or custom, and 404 for an unknown id", async () => {
    const res = await request(t.app).get("/v1/offers/example-per-user").set(T.bearer(t.keyA))
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id: "example-per-user",
      origin: "built-in",
      feeModels: ["per-user"],
    })
    const missing = await request(t.app).get("/v1/offers/no-such-offer").set(T.bearer(t.keyA))
    expect(missing.status).toBe(404)
    expect(missing.body.code).toBe("not_found")
  })

  it("creates, replaces and deletes a custom offer", async () => {
    const created = await request(t.app)
      .post("/v1/offers")
      .set(T.bearer(t.keyA))
      .send(T.customOffer("acme-team"))
    expect(created.status).toBe(201)
    expect(created.headers.location).toBe("/v1/offers/acme-team")
    expect(created.body).toMatchObject({ id: "acme-team", origin: "custom", currency: "USD" })
    expect(created.body.components[0].price).toEqual({ amount: "40", per: "month" })

    const again = await request(t.app)
      .post("/v1/offers")
      .set(T.bearer(t.keyA))
      .send(T.customOffer("acme-team"))
    expect(again.status).toBe(409)
    expect(again.body.code).toBe("offer_exists")

    const replaced = await request(t.app)
      .put("/v1/offers/acme-team")
      .set(T.bearer(t.keyA))
      .send({ ...T.customOffer("acme-team"), name: "Acme CRM Team 2" })
    expect(replaced.status).toBe(200)
    expect(replaced.body.name).toBe("Acme CRM Team 2")

    const mismatch = await request(t.app)
      .put("/v1/offers/acme-team")
      .set(T.bearer(t.keyA))
      .send(T.customOffer("other-id"))
    expect(mismatch.status).toBe(409)
    expect(mismatch.body.code).toBe("id_mismatch")

    const listed = await request(t.app).get("/v1/offers?origin=custom").set(T.bearer(t.keyA))
    expect(listed.body.data.map((o: { id: string }) => o.id)).toEqual(["acme-team"])

    const deleted = await request(t.app).delete("/v1/offers/acme-team").set(T.bearer(t.keyA))
    expect(deleted.status).toBe(204)
    const gone = await request(t.app).get("/v1/offers/acme-team").set(T.bearer(t.keyA))
    expect(gone.status).toBe(404)
    const deletedAgain = await request(t.app).delete("/v1/offers/acme-team").set(T.bearer(t.keyA))
    expect(deletedAgain.status).toBe(404)
    const replaceMissing = await request(t.app)
      .put("/v1/offers/acme-team")
      .set(T.bearer(t.keyA))
      .send(T.customOffer("acme-team"))
    expect(replaceMissing.status).toBe(404)
  })

  it("keeps built-in offers read-only: 409 on create, replace or delete", async () => {
    const create = await request(t.app)
      .post("/v1/offers")
      .set(T.bearer(t.keyA))
      .send(T.customOffer("example-per-user"))
    expect(create.status).toBe(409)
    expect(create.body.code).toBe("built_in_offer")
    const replace = await request(t.app)
      .put("/v1/offers/example-per-user")
      .set(T.bearer(t.keyA))
      .send(T.customOffer("example-per-user"))
    expect(replace.status).toBe(409)
    const remove = await request(t.app).delete("/v1/offers/example-per-user").set(T.bearer(t.keyA))
    expect(remove.status).toBe(409)
  })

  it("answers 400 listing every invalid field of an offer", async () => {
    const res = await request(t.app)
      .post("/v1/offers")
      .set(T.bearer(t.keyA))
      .send({ ...T.customOffer("bad offer id"), currency: "XXX", components: "none" })
    expect(res.status).toBe(400)
    const paths = res.body.errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(expect.arrayContaining(["id", "currency", "components"]))
  })
})
