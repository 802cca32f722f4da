import { describe, expect, it } from "@effect/vitest"
import express, { type NextFunction, type Request, type Response } from "express"
import request from "supertest"
import { inSequence } from "../src/App.js"
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
})
