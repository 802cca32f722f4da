/**
 * Requests run in a span named after their operation whenever the runtime
 * carries a real tracer (with Effect's built-in one the span is skipped).
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import * as Path from "node:path"
import * as Database from "@crm-cost/store/Database"
import * as Store from "@crm-cost/store/Store"
import { Effect, Layer, Logger, LogLevel, Redacted, Tracer } from "effect"
import request from "supertest"
import { afterAll, describe, expect, it } from "vitest"
import * as ApiConfig from "../src/ApiConfig.js"
import { createApp } from "../src/App.js"
import * as Bootstrap from "../src/Bootstrap.js"
import * as OfferCatalog from "../src/OfferCatalog.js"
import * as Readiness from "../src/Readiness.js"
import * as Runtime from "../src/runtime.js"
import { bearer, profile } from "./support/TestApp.js"

const dir = mkdtempSync(Path.join(tmpdir(), "crm-cost-api-tracing-"))
const spans: Array<string> = []
const builtIn = Effect.runSync(Effect.tracer)
// A tracer that records span names and otherwise behaves as the built-in one.
const recording = Tracer.make({
  span: (name, ...rest) => {
    spans.push(name)
    return builtIn.span(name, ...rest)
  },
  context: builtIn.context,
})

const runtime = Runtime.make(
  Layer.mergeAll(
    OfferCatalog.layer,
    Readiness.layer,
    Layer.succeed(ApiConfig.ApiConfig, ApiConfig.defaults),
  ).pipe(
    Layer.provideMerge(Store.layerOn(Database.layerSqlite(Path.join(dir, "api.db")))),
    Layer.provideMerge(Logger.minimumLogLevel(LogLevel.None)),
    Layer.provideMerge(Layer.setTracer(recording)),
  ),
)

afterAll(async () => {
  await runtime.dispose()
  rmSync(dir, { recursive: true, force: true })
})

describe("Tracing", () => {
  it("runs every request in a span named after its operation when a tracer is installed", async () => {
    const { secret } = await runtime.runPromise(Bootstrap.createKey("traced", { feed: false }))
    const app = createApp(runtime)
    for (let i = 0; i < 2; i++) {
      const res = await request(app)
        .post("/v1/quotes")
        .set(bearer(Redacted.value(secret)))
        .send({ offer: "example-per-user", profile })
      expect(res.status).toBe(200)
    }
    expect(spans.filter((name) => name === "createQuote")).toHaveLength(2)
  })
})
