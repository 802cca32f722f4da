import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import express, { type NextFunction, type Request, type Response } from "express"
import request from "supertest"
import { inSequence } from "../src/App.js"
import * as Route from "../src/Route.js"
import * as Routes from "../src/Routes.js"
import * as T from "./support/TestApp.js"

const req = {} as Request
const res = {} as Response

/** Run a sequence and collect what reaches Express's `next`. */
const outcome = (
  handlers: Parameters<typeof inSequence>[0],
): Promise<{ readonly calls: ReadonlyArray<unknown> }> =>
  new Promise((resolve) => {
    const calls: Array<unknown> = []
    const next = ((error?: unknown) => {
      calls.push(error)
      resolve({ calls })
    }) as NextFunction
    inSequence(handlers)(req, res, next)
  })

describe("App", () => {
  it("runs a route's handlers in order, each when the one before calls next", async () => {
    const seen: Array<string> = []
    const result = await outcome([
      (_q, _s, next) => {
        seen.push("auth")
        next()
      },
      (_q, _s, next) => {
        seen.push("limit")
        setTimeout(next, 1)
      },
      (_q, _s, next) => {
        seen.push("route")
        next()
      },
    ])
    expect(seen).toEqual(["auth", "limit", "route"])
    expect(result.calls).toEqual([undefined])
  })

  it("hands an error passed to next, thrown, or rejected on to Express and skips the rest", async () => {
    const boom = new Error("boom")
    let reached = false
    const rest = () => {
      reached = true
    }
    expect((await outcome([(_q, _s, next) => next(boom), rest])).calls).toEqual([boom])
    expect(
      (
        await outcome([
          () => {
            throw boom
          },
          rest,
        ])
      ).calls,
    ).toEqual([boom])
    expect((await outcome([() => Promise.reject(boom), rest])).calls).toEqual([boom])
    expect(reached).toBe(false)
  })

  it("stops at a handler that answers without calling next", async () => {
    const calls: Array<unknown> = []
    let routeRan = false
    inSequence([
      () => undefined,
      () => {
        routeRan = true
      },
    ])(req, res, ((error?: unknown) => calls.push(error)) as NextFunction)
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(routeRan).toBe(false)
    expect(calls).toEqual([])
  })

  it("answers a route without parameters alike however its path is sent, counted under its pattern", async () => {
    const t = await T.make()
    try {
      const body = {
        offer: "example-per-user",
        profile: { seats: 10, horizonMonths: 36, startDate: "2026-01-01" },
      }
      const direct = await request(t.app).post("/v1/quotes?x=1").set(T.bearer(t.keyA)).send(body)
      const slash = await request(t.app).post("/v1/quotes/").set(T.bearer(t.keyA)).send(body)
      const upper = await request(t.app).post("/V1/QUOTES").set(T.bearer(t.keyA)).send(body)
      expect(direct.status).toBe(200)
      expect(slash.body).toEqual(direct.body)
      expect(upper.body).toEqual(direct.body)
      // Mounted inside another app, it answers through its router.
      const outer = express()
      outer.use(t.app)
      const mounted = await request(outer).post("/v1/quotes").set(T.bearer(t.keyA)).send(body)
      expect(mounted.body).toEqual(direct.body)
      const malformed = await request(t.app)
        .post("/v1/quotes")
        .set(T.bearer(t.keyA))
        .set("Content-Type", "application/json")
        .send('{"offer": ')
      expect(malformed.status).toBe(400)
      expect(malformed.body.code).toBe("malformed_json")
      expect(malformed.headers["x-request-id"]).toBeDefined()
      expect(malformed.headers["x-content-type-options"]).toBe("nosniff")
      const unknown = await request(t.app).post("/v1/quotes-x").set(T.bearer(t.keyA)).send(body)
      expect(unknown.status).toBe(404)
      const anonymous = await request(t.app).post("/v1/quotes?x=1").send(body)
      expect(anonymous.status).toBe(401)
      expect(anonymous.body.instance).toBe("/v1/quotes")
      const prefixed = express()
      prefixed.use("/api", t.app)
      const anonymousMounted = await request(prefixed).post("/api/v1/quotes").send(body)
      expect(anonymousMounted.body.instance).toBe("/api/v1/quotes")
      const metrics = await request(t.app).get("/metrics")
      expect(metrics.text).toContain(
        'http_requests_total{method="POST",route="/v1/quotes",status="200"} 4',
      )
      expect(metrics.text).toContain(
        'http_requests_total{method="POST",route="/v1/quotes",status="400"} 1',
      )
      expect(metrics.text).toContain(
        'http_requests_total{method="POST",route="/v1/quotes",status="401"} 2',
      )
    } finally {
      await t.cleanup()
    }
  })

  it("gives a direct route's answers the headers the router's answers get, on every kind of answer", async () => {
    // Answers with their own headers, one of them a helmet header in another case, and none.
    const headed = Route.make({
      method: "post",
      path: "/v1/headed",
      operationId: "headed",
      summary: "answers with headers",
      tag: "Test",
      auth: "key",
      responses: [],
      handler: () =>
        Effect.succeed({
          status: 201,
          body: { ok: true },
          headers: { Location: "/v1/headed/1", "x-frame-options": "DENY" },
        }),
    })
    const empty = Route.make({
      method: "post",
      path: "/v1/empty",
      operationId: "empty",
      summary: "answers with no body",
      tag: "Test",
      auth: "key",
      responses: [],
      handler: () => Effect.succeed({ status: 204 }),
    })
    const t = await T.make({
      routes: [...Routes.all, headed, empty],
      settings: { rateLimit: { limit: 12, windowMs: 60_000 } },
    })
    // What may differ from one answer to the next (a problem names the path as sent).
    const varying = new Set(["date", "x-request-id", "ratelimit", "etag", "content-length"])
    const fixed = (headers: Record<string, string>) =>
      Object.fromEntries(Object.entries(headers).filter(([name]) => !varying.has(name)))
    try {
      const quote = {
        offer: "example-per-user",
        profile: { seats: 10, horizonMonths: 36, startDate: "2026-01-01" },
      }
      const asks = [
        { method: "post", path: "/v1/quotes", auth: true, body: quote, status: 200 },
        { method: "post", path: "/v1/quotes", auth: false, body: quote, status: 401 },
        { method: "post", path: "/v1/quotes", auth: true, body: { offer: 1 }, status: 400 },
        { method: "get", path: "/v1/offers", auth: true, body: undefined, status: 200 },
        { method: "post", path: "/v1/headed", auth: true, body: {}, status: 201 },
        { method: "post", path: "/v1/empty", auth: true, body: {}, status: 204 },
      ] as const
      for (const ask of asks) {
        const send = async (path: string) => {
          const base = ask.method === "get" ? request(t.app).get(path) : request(t.app).post(path)
          const authed = ask.auth ? base.set(T.bearer(t.keyA)) : base
          return ask.body === undefined ? await authed : await authed.send(ask.body)
        }
        // The same route, sent straight to it and (with a trailing slash) through the router.
        const direct = await send(ask.path)
        const routed = await send(`${ask.path}/`)
        expect(direct.status).toBe(ask.status)
        expect(routed.status).toBe(ask.status)
        expect(fixed(direct.headers)).toEqual(fixed(routed.headers))
        expect(direct.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/)
        expect(direct.headers["content-security-policy"]).toContain("default-src 'self'")
        if (ask.auth) expect(direct.headers.ratelimit).toMatch(/^limit=12, remaining=\d+/)
      }
      const headedAnswer = await request(t.app).post("/v1/headed").set(T.bearer(t.keyA)).send({})
      expect(headedAnswer.headers["x-frame-options"]).toBe("DENY")
      expect(headedAnswer.headers.location).toBe("/v1/headed/1")
      const unauthorized = await request(t.app).post("/v1/quotes").send(quote)
      expect(unauthorized.headers["www-authenticate"]).toBe('Bearer realm="crm-cost"')
      // Over the limit: 429 with Retry-After, from a direct route too.
      let limited = unauthorized
      for (let i = 0; i < 12 && limited.status !== 429; i++) {
        limited = await request(t.app).post("/v1/quotes").set(T.bearer(t.keyA)).send(quote)
      }
      expect(limited.status).toBe(429)
      expect(limited.headers["retry-after"]).toMatch(/^\d+$/)
      expect(limited.headers["x-content-type-options"]).toBe("nosniff")
    } finally {
      await t.cleanup()
    }
  })
})
