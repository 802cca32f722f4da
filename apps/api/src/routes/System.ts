/** What operators and tools use: health, readiness, metrics, the OpenAPI document and its docs page. */
import { Effect, Schema } from "effect"
import { Readiness } from "../Readiness.js"
import * as Route from "../Route.js"
import { Health } from "../Wire.js"

export const healthz = Route.make({
  method: "get",
  path: "/healthz",
  operationId: "health",
  summary: "Liveness: the process answers",
  tag: "Operations",
  auth: "none",
  responses: [{ status: 200, description: "Alive", schema: Health }],
  handler: () => Effect.succeed({ status: 200, body: { status: "ok" } }),
})

export const readyz = Route.make({
  method: "get",
  path: "/readyz",
  operationId: "ready",
  summary: "Readiness: the database is reachable and the process is not shutting down",
  tag: "Operations",
  auth: "none",
  responses: [
    { status: 200, description: "Ready", schema: Health },
    {
      status: 503,
      description: "Not ready (database unreachable or draining)",
      schema: Health,
      contentType: "application/json",
    },
  ],
  handler: ({ app }) =>
    Effect.gen(function* () {
      if (app.draining()) return { status: 503, body: { status: "draining" } }
      const readiness = yield* Readiness
      const ok = yield* readiness.check
      return ok
        ? { status: 200, body: { status: "ok" } }
        : { status: 503, body: { status: "unavailable" } }
    }),
})

export const metrics = Route.make({
  method: "get",
  path: "/metrics",
  operationId: "metrics",
  summary: "Prometheus metrics: request counts and latency by route and status",
  tag: "Operations",
  auth: "none",
  responses: [
    {
      status: 200,
      description: "Prometheus text exposition format",
      schema: Schema.String,
      contentType: "text/plain; version=0.0.4",
    },
  ],
  handler: ({ app }) =>
    Effect.sync(() => ({
      status: 200,
      body: app.metricsText(),
      contentType: "text/plain; version=0.0.4; charset=utf-8",
    })),
})

export const openApi = Route.make({
  method: "get",
  path: "/openapi.json",
  operationId: "openApi",
  summary: "This API's OpenAPI 3.1 document",
  tag: "Operations",
  auth: "none",
  responses: [{ status: 200, description: "The OpenAPI document", schema: Schema.Object }],
  handler: ({ app }) => Effect.sync(() => ({ status: 200, body: app.openApi() })),
})

/** Served from this process (swagger-ui-dist), no CDN; the script is a file, so the CSP stays strict. */
const docsPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>crm-cost API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`

export const docsInit = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });\n`

export const docs = Route.make({
  method: "get",
  path: "/docs",
  operationId: "docs",
  summary: "Interactive documentation of this API",
  tag: "Operations",
  auth: "none",
  responses: [
    { status: 200, description: "An HTML page", schema: Schema.String, contentType: "text/html" },
  ],
  handler: () =>
    Effect.succeed({ status: 200, body: docsPage, contentType: "text/html; charset=utf-8" }),
})

export const docsScript = Route.make({
  method: "get",
  path: "/docs/init.js",
  operationId: "docsScript",
  summary: "The script that starts the documentation page",
  tag: "Operations",
  auth: "none",
  responses: [
    {
      status: 200,
      description: "JavaScript",
      schema: Schema.String,
      contentType: "text/javascript",
    },
  ],
  handler: () =>
    Effect.succeed({ status: 200, body: docsInit, contentType: "text/javascript; charset=utf-8" }),
})

export const routes = [healthz, readyz, metrics, openApi, docs, docsScript]
