/**
 * The HTTP server around the app, with a graceful stop: readiness turns 503,
 * no new connections are taken, keep-alive connections are closed as soon as
 * they are idle, and requests in flight finish (up to a grace period) before
 * the runtime — database, worker — is disposed.
 */
import type * as Http from "node:http"
import type * as ApiConfig from "./ApiConfig.js"
import { createApp } from "./App.js"
import type { Runtime } from "./runtime.js"

export interface Running {
  readonly server: Http.Server
  readonly port: number
  /** Stop taking requests, finish those in flight, then dispose the runtime. */
  readonly stop: () => Promise<void>
}

export const start = (
  runtime: Runtime,
  settings: ApiConfig.Settings,
  options: { readonly graceMs?: number } = {},
): Promise<Running> => {
  let draining = false
  const app = createApp(runtime, { settings, draining: () => draining })
  return new Promise((resolve, reject) => {
    const server = app.listen(settings.port, settings.host)
    // The responses not yet sent: when the stop begins each is told to close its
    // connection once sent (Connection: close), so no client sends another request on a
    // connection the stop is about to close; a request that arrives while stopping too.
    const unanswered = new Set<Http.ServerResponse>()
    server.on("request", (_req: Http.IncomingMessage, res: Http.ServerResponse) => {
      if (draining) {
        res.shouldKeepAlive = false
        return
      }
      unanswered.add(res)
      res.once("close", () => unanswered.delete(res))
    })
    server.once("error", reject)
    server.once("listening", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : settings.port
      let stopping: Promise<void> | undefined
      const stop = () => {
        stopping ??= new Promise<void>((done) => {
          draining = true
          for (const res of unanswered) if (!res.headersSent) res.shouldKeepAlive = false
          unanswered.clear()
          const timer = setTimeout(() => server.closeAllConnections(), options.graceMs ?? 10_000)
          timer.unref()
          // A keep-alive connection whose answer left before the stop becomes idle: closed
          // then, not at the client's keep-alive timeout.
          const sweep = setInterval(() => server.closeIdleConnections(), 50)
          sweep.unref()
          server.close(() => {
            clearTimeout(timer)
            clearInterval(sweep)
            runtime.dispose().then(done, done)
          })
          server.closeIdleConnections()
        })
        return stopping
      }
      resolve({ server, port, stop })
    })
  })
}
