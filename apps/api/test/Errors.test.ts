import * as Ports from "@crm-cost/domain/Ports"
import { TenantId } from "@crm-cost/domain/Subscription"
import { DateTime, Effect } from "effect"
import request from "supertest"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Idempotency from "../src/Idempotency.js"
import * as Route from "../src/Route.js"
import * as Routes from "../src/Routes.js"
import * as T from "./support/TestApp.js"

/** A route that fails with a defect, to see what a 500 shows. */
const broken = Route.make({
  method: "get",
  path: "/v1/broken",
  operationId: "broken",
  summary: "fails",
  tag: "Test",
  auth: "key",
  responses: [],
  handler: () => Effect.die(new Error("secret internals at /srv/db.ts:42")),
})

let t: T.TestApp
let limited: T.TestApp
beforeAll(async () => {
  t = await T.make({ routes: [...Routes.all, broken] })
  limited = await T.make({ settings: { rateLimit: { limit: 3, windowMs: 60_000 } } })
})
afterAll(async () => {
  await t.cleanup()
  await limited.cleanup()
})

const quote = { offer: "example-per-user", profile: T.profile }

describe("Errors", () => {
  it("401 without a key, with a malformed key and with an unknown key", async () => {
    for (const headers of [
      {},
      { Authorization: "Basic abc" },
      T.bearer("crmk_aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"),
    ]) {
      const res = await request(t.app).get("/v1/subscriptions").set(headers)
      expect(res.status).toBe(401)
      expect(res.headers["www-authenticate"]).toMatch(/^Bearer/)
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/)
      expect(res.body).toMatchObject({
        status: 401,
        code: "unauthorized",
        instance: "/v1/subscriptions",
      })
    }
  })

  it("400 for a body that is not JSON, 415 for a body that is not declared JSON", async () => {
    const malformed = await request(t.app)
      .post("/v1/quotes")
      .set(T.bearer(t.keyA))
      .set("Content-Type", "application/json")
      .send('{"offer": ')
    expect(malformed.status).toBe(400)
    expect(malformed.body.code).toBe("malformed_json")
    const text = await request(t.app)
      .post("/v1/quotes")
      .set(T.bearer(t.keyA))
      .set("Content-Type", "text/plain")
      .send(JSON.stringify(quote))
    expect(text.status).toBe(415)
    expect(text.body.code).toBe("unsupported_media_type")
  })

  it("413 for a body over 1 MB", async () => {
    const big = { ...quote, padding: "x".repeat(1_100_000) }
    const res = await request(t.app).post("/v1/quotes").set(T.bearer(t.keyA)).send(big)
    expect(res.status).toBe(413)
    expect(res.body.code).toBe("payload_too_large")
  })

  it("404 problem for a route that does not exist", async () => {
    const res = await request(t.app).get("/v1/nothing-here").set(T.bearer(t.keyA))
    expect(res.status).toBe(404)
    expect(res.body.code).toBe("route_not_found")
  })

  it("405 with Allow for a path that exists asked with another method, in zh-CN too", async () => {
    const res = await request(t.app).delete("/v1/quotes").set(T.bearer(t.keyA))
    expect(res.status).toBe(405)
    expect(res.headers.allow).toBe("POST, OPTIONS")
    expect(res.headers["content-type"]).toContain("application/problem+json")
    expect(res.body).toMatchObject({
      status: 405,
      code: "method_not_allowed",
      title: "Method not allowed",
      detail: "/v1/quotes does not take DELETE; it takes POST, OPTIONS.",
    })
    const zh = await request(t.app)
      .post("/v1/offers/example-per-user")
      .set(T.bearer(t.keyA))
      .set("Accept-Language", "zh-CN")
      .send({})
    expect(zh.status).toBe(405)
    expect(zh.headers.allow).toBe("GET, HEAD, PUT, DELETE, OPTIONS")
    expect(zh.body.title).toBe("不支持该方法")
    const options = await request(t.app).options("/v1/subscriptions")
    expect(options.status).toBe(204)
    expect(options.headers.allow).toBe("POST, GET, HEAD, OPTIONS")
  })

  it("500 names the request id and nothing of the cause", async () => {
    const res = await request(t.app)
      .get("/v1/broken")
      .set(T.bearer(t.keyA))
      .set("X-Request-Id", "req-500")
    expect(res.status).toBe(500)
    expect(res.headers["x-request-id"]).toBe("req-500")
    expect(res.body).toEqual({
      type: "https://crm-cost.dev/problems/internal-error",
      title: "Internal server error",
      status: 500,
      code: "internal_error",
      detail: expect.any(String),
      instance: "/v1/broken",
      requestId: "req-500",
    })
    expect(res.text).not.toMatch(/secret|srv|\.ts|at /)
  })

  it("problems follow Accept-Language", async () => {
    const res = await request(t.app).get("/v1/subscriptions").set("Accept-Language", "zh-CN")
    expect(res.body.title).toBe("需要身份验证")
    const en = await request(t.app).get("/v1/subscriptions").set("Accept-Language", "fr, en;q=0.5")
    expect(en.body.title).toBe("Authentication required")
  })

  it("429 with Retry-After once a key used up its requests; other keys go on", async () => {
    for (let i = 0; i < 3; i++) {
      expect(
        (await request(limited.app).get("/v1/subscriptions").set(T.bearer(limited.keyA))).status,
      ).toBe(200)
    }
    const res = await request(limited.app).get("/v1/subscriptions").set(T.bearer(limited.keyA))
    expect(res.status).toBe(429)
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0)
    expect(res.body.code).toBe("rate_limited")
    expect(
      (await request(limited.app).get("/v1/subscriptions").set(T.bearer(limited.keyB))).status,
    ).toBe(200)
  })
})

describe("Idempotency", () => {
  it("replays the first answer to a retried POST instead of acting twice", async () => {
    const body = { ...T.subscription }
    const first = await request(t.app)
      .post("/v1/subscriptions")
      .set(T.bearer(t.keyA))
      .set("Idempotency-Key", "create-1")
      .send(body)
    expect(first.status).toBe(201)
    const retry = await request(t.app)
      .post("/v1/subscriptions")
      .set(T.bearer(t.keyA))
      .set("Idempotency-Key", "create-1")
      .send(body)
    expect(retry.status).toBe(201)
    expect(retry.headers["idempotent-replayed"]).toBe("true")
    expect(retry.body.id).toBe(first.body.id)
    const list = await request(t.app).get("/v1/subscriptions").set(T.bearer(t.keyA))
    expect(list.body.data.filter((s: { id: string }) => s.id === first.body.id)).toHaveLength(1)
    expect(list.body.data).toHaveLength(1)
  })

  it("409 when a key is reused with a different body", async () => {
    await request(t.app)
      .post("/v1/quotes")
      .set(T.bearer(t.keyA))
      .set("Idempotency-Key", "q-1")
      .send(quote)
    const res = await request(t.app)
      .post("/v1/quotes")
      .set(T.bearer(t.keyA))
      .set("Idempotency-Key", "q-1")
      .send({ ...quote, termMonths: 1 })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe("idempotency_key_reused")
  })

  it("keys belong to a tenant: the same key from another tenant is a new request", async () => {
    const res = await request(t.app)
      .post("/v1/quotes")
      .set(T.bearer(t.keyB))
      .set("Idempotency-Key", "q-1")
      .send({ ...quote, termMonths: 1 })
    expect(res.status).toBe(200)
    expect(res.headers["idempotent-replayed"]).toBeUndefined()
  })

  it("409 in use while another copy of the API runs the key's first request", async () => {
    const body = { ...T.subscription, id: "held-1" }
    const hash = Idempotency.requestHash("POST", "/v1/subscriptions", body)
    const tenantId = TenantId.make("tenant-a")
    // Another copy reserved the key and is still working on it.
    const held = await t.runtime.runPromise(
      Effect.flatMap(Ports.IdempotencyRepo, (repo) =>
        Effect.flatMap(DateTime.now, (now) =>
          repo.reserve({ tenantId, key: "held", requestHash: hash, now, staleBefore: now }),
        ),
      ),
    )
    const post = (b: object) =>
      request(t.app)
        .post("/v1/subscriptions")
        .set(T.bearer(t.keyA))
        .set("Idempotency-Key", "held")
        .set("Accept-Language", "zh-CN")
        .send(b)
    const busy = await post(body)
    expect(busy.status).toBe(409)
    expect(busy.headers["retry-after"]).toBe("1")
    expect(busy.body).toMatchObject({ code: "idempotency_key_in_use", title: "幂等键正在使用中" })
    expect((await post({ ...body, seatsBought: 11 })).body.code).toBe("idempotency_key_reused")
    const none = await request(t.app).get("/v1/subscriptions/held-1").set(T.bearer(t.keyA))
    expect(none.status).toBe(404)
    // The other copy answers: the retry gets its answer, and nothing is created twice.
    await t.runtime.runPromise(
      Effect.flatMap(Ports.IdempotencyRepo, (repo) =>
        Effect.flatMap(DateTime.now, (createdAt) =>
          repo.complete(
            new Ports.IdempotencyRecord({
              tenantId,
              key: "held",
              requestHash: hash,
              status: 201,
              response: { body: { id: "held-1", answeredBy: "the other copy" } },
              createdAt,
            }),
            held._tag === "Reserved" ? held.reservation : "",
          ),
        ),
      ),
    )
    const replayed = await post(body)
    expect(replayed.status).toBe(201)
    expect(replayed.headers["idempotent-replayed"]).toBe("true")
    expect(replayed.body).toEqual({ id: "held-1", answeredBy: "the other copy" })
  })

  it("a request that failed gives its key back, so the fixed request can use it", async () => {
    const post = (b: object) =>
      request(t.app)
        .post("/v1/subscriptions")
        .set(T.bearer(t.keyA))
        .set("Idempotency-Key", "fix-me")
        .send(b)
    const bad = await post({ ...T.subscription, id: "fixed-1", seatsBought: -1 })
    expect(bad.status).toBe(400)
    const fixed = await post({ ...T.subscription, id: "fixed-1" })
    expect(fixed.status).toBe(201)
    const again = await post({ ...T.subscription, id: "fixed-1" })
    expect(again.headers["idempotent-replayed"]).toBe("true")
  })

  it("400 for an idempotency key that is too long", async () => {
    const res = await request(t.app)
      .post("/v1/quotes")
      .set(T.bearer(t.keyA))
      .set("Idempotency-Key", "k".repeat(300))
      .send(quote)
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ in: "header", path: "Idempotency-Key" })
  })
})
