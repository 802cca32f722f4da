import { validate } from "@readme/openapi-parser"
import request from "supertest"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as T from "./support/TestApp.js"

let t: T.TestApp
let down: T.TestApp
let draining = false
beforeAll(async () => {
  t = await T.make({ draining: () => draining })
  down = await T.make({ ready: () => false })
})
afterAll(async () => {
  await t.cleanup()
  await down.cleanup()
})

describe("Operations", () => {
  it("healthz answers while the process runs", async () => {
    const res = await request(t.app).get("/healthz")
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: "ok" })
  })

  it("readyz is 200 with a reachable database, 503 without one or while draining", async () => {
    expect((await request(t.app).get("/readyz")).status).toBe(200)
    const unavailable = await request(down.app).get("/readyz")
    expect(unavailable.status).toBe(503)
    expect(unavailable.body).toEqual({ status: "unavailable" })
    expect(unavailable.headers["content-type"]).toMatch(/^application\/json/)
    // The document says so too (not problem+json, the default of failures).
    const doc = (await request(t.app).get("/openapi.json")).body
    expect(Object.keys(doc.paths["/readyz"].get.responses["503"].content)).toEqual([
      "application/json",
    ])
    draining = true
    const drain = await request(t.app).get("/readyz")
    draining = false
    expect(drain.status).toBe(503)
    expect(drain.body).toEqual({ status: "draining" })
  })

  it("metrics count requests and time them by route pattern and status", async () => {
    await request(t.app).get("/v1/offers/example-per-user").set(T.bearer(t.keyA))
    await request(t.app).get("/v1/offers/no-such").set(T.bearer(t.keyA))
    const res = await request(t.app).get("/metrics")
    expect(res.status).toBe(200)
    expect(res.headers["content-type"]).toMatch(/^text\/plain; version=0.0.4/)
    expect(res.text).toContain(
      'http_requests_total{method="GET",route="/v1/offers/:id",status="200"} 1',
    )
    expect(res.text).toContain(
      'http_requests_total{method="GET",route="/v1/offers/:id",status="404"} 1',
    )
    expect(res.text).toMatch(
      /http_request_duration_seconds_bucket\{method="GET",route="\/v1\/offers\/:id",status="200",le="\+Inf"\} 1/,
    )
    expect(res.text).toMatch(/# TYPE http_request_duration_seconds histogram/)
  })

  it("every response carries a request id and helmet's headers", async () => {
    const res = await request(t.app).get("/healthz").set("X-Request-Id", "abc-123")
    expect(res.headers["x-request-id"]).toBe("abc-123")
    expect(res.headers["x-content-type-options"]).toBe("nosniff")
    expect(res.headers["x-powered-by"]).toBeUndefined()
    const generated = await request(t.app).get("/healthz").set("X-Request-Id", "bad id with spaces")
    expect(generated.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/)
  })

  it("serves the docs page and Swagger UI from this process", async () => {
    const page = await request(t.app).get("/docs")
    expect(page.status).toBe(200)
    expect(page.text).toContain("/docs/assets/swagger-ui-bundle.js")
    expect(page.text).not.toMatch(/https?:\/\//)
    const bundle = await request(t.app).get("/docs/assets/swagger-ui-bundle.js")
    expect(bundle.status).toBe(200)
    expect((await request(t.app).get("/docs/init.js")).text).toContain("/openapi.json")
  })
})

describe("OpenAPI", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const res = await request(t.app).get("/openapi.json")
    expect(res.status).toBe(200)
    expect(res.body.openapi).toBe("3.1.0")
    const result = await validate(structuredClone(res.body))
    expect(result.valid ? [] : result.errors).toEqual([])
  })

  it("describes every route the app serves, with its method", async () => {
    const doc = (await request(t.app).get("/openapi.json")).body
    const stack = (
      t.app as unknown as {
        router: {
          stack: Array<{
            route?: {
              path: string
              methods: Record<string, boolean>
              stack: Array<{ handle: { name: string } }>
            }
          }>
        }
      }
    ).router.stack
    const served = stack.flatMap((layer) =>
      layer.route === undefined ||
      // The 405 answer for a path's other methods is not an operation.
      layer.route.stack[0]?.handle.name === "methodNotAllowed"
        ? []
        : Object.keys(layer.route.methods).map(
            (m) => `${m} ${layer.route?.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}")}`,
          ),
    )
    expect(served.length).toBeGreaterThan(20)
    for (const route of served) {
      const [method = "", path = ""] = route.split(" ")
      expect(doc.paths[path]?.[method], route).toBeDefined()
    }
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item as object).map((m) => `${m} ${path}`),
    )
    expect(documented.sort()).toEqual(served.sort())
  })

  it("documents requests with the schemas that validate them", async () => {
    const doc = (await request(t.app).get("/openapi.json")).body
    const body = doc.paths["/v1/quotes"].post.requestBody.content["application/json"].schema
    expect(body.$ref).toBe("#/components/schemas/QuoteRequest")
    const quoteRequest = doc.components.schemas.QuoteRequest
    expect(quoteRequest.required).toEqual(["offer", "profile"])
    expect(quoteRequest.additionalProperties).toBe(false)
    const params = doc.paths["/v1/offers"].get.parameters.map((p: { name?: string }) => p.name)
    expect(params).toEqual(
      expect.arrayContaining(["limit", "cursor", "currency", "feeModel", "origin"]),
    )
  })
})
