/**
 * POST /v1/quotes through the whole API (auth, rate limit, validation,
 * pricing, rendering, metrics) against a bare Express route that returns the
 * same JSON, with the same connections and duration, on loopback, in one
 * run. Last line:
 *   api-quotes rps=<n> bare_rps=<n> ratio=<n> p99_ms=<n> errors=<n>
 * BENCH_SECONDS (default 5) and BENCH_CONNECTIONS (default 10) tune it.
 */
import { mkdtempSync, rmSync } from "node:fs"
import type * as Http from "node:http"
import { tmpdir } from "node:os"
import * as Path from "node:path"
import * as Database from "@crm-cost/store/Database"
import * as Store from "@crm-cost/store/Store"
import autocannon from "autocannon"
import { Layer, Logger, LogLevel, Redacted } from "effect"
import express from "express"
import * as ApiConfig from "../src/ApiConfig.js"
import { createApp } from "../src/App.js"
import * as Bootstrap from "../src/Bootstrap.js"
import * as OfferCatalog from "../src/OfferCatalog.js"
import * as Readiness from "../src/Readiness.js"
import * as Runtime from "../src/runtime.js"

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)

const listen = (app: express.Express) =>
  new Promise<{ server: Http.Server; url: string }>((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      resolve({ server, url: `http://127.0.0.1:${port}` })
    })
  })

const close = (server: Http.Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })

const run = (url: string, headers: Record<string, string>, body: string) =>
  autocannon({
    url: `${url}/v1/quotes`,
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    connections,
    duration: seconds,
  })

const dir = mkdtempSync(Path.join(tmpdir(), "crm-cost-bench-"))
const runtime = Runtime.make(
  Layer.mergeAll(
    OfferCatalog.layer,
    Readiness.layer,
    Layer.succeed(ApiConfig.ApiConfig, ApiConfig.defaults),
  ).pipe(
    Layer.provideMerge(Store.layerOn(Database.layerSqlite(Path.join(dir, "bench.db")))),
    Layer.provideMerge(Logger.minimumLogLevel(LogLevel.Warning)),
  ),
)
try {
  const { secret } = await runtime.runPromise(Bootstrap.createKey("bench", { feed: false }))
  const auth = { authorization: `Bearer ${Redacted.value(secret)}` }
  const body = JSON.stringify({
    offer: "example-per-user",
    profile: { seats: 10, horizonMonths: 36, startDate: "2026-01-01" },
  })

  const api = await listen(
    createApp(runtime, { settings: { rateLimit: { limit: 1_000_000_000, windowMs: 60_000 } } }),
  )
  const sample = await fetch(`${api.url}/v1/quotes`, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth },
    body,
  })
  const answer = await sample.text()
  if (sample.status !== 200) throw new Error(`quote failed: ${sample.status} ${answer}`)

  const bareApp = express()
  bareApp.post("/v1/quotes", express.json(), (_req, res) => {
    res.type("application/json").send(answer)
  })
  const bare = await listen(bareApp)

  const apiResult = await run(api.url, auth, body)
  const bareResult = await run(bare.url, {}, body)
  await close(api.server)
  await close(bare.server)

  const errors = apiResult.errors + apiResult.timeouts + apiResult.non2xx
  const rps = apiResult.requests.average
  const bareRps = bareResult.requests.average
  const ratio = bareRps === 0 ? 0 : rps / bareRps
  process.stdout.write(
    `api: ${apiResult.requests.total} requests in ${seconds}s, ${connections} connections; bare: ${bareResult.requests.total}\n`,
  )
  process.stdout.write(
    `api-quotes rps=${Math.round(rps)} bare_rps=${Math.round(bareRps)} ratio=${ratio.toFixed(2)} p99_ms=${apiResult.latency.p99} errors=${errors}\n`,
  )
} finally {
  await runtime.dispose()
  rmSync(dir, { recursive: true, force: true })
}
