/**
 * The Express app: `createApp(runtime)` registers every route of the route
 * table behind helmet, request ids, metrics and access logs, authentication,
 * per-key rate limits, content-type and size checks, and renders every
 * failure as problem+json through the one table in Problem.ts.
 */
import { randomUUID } from "node:crypto"
import { createRequire } from "node:module"
import * as Path from "node:path"
import { Cause, Effect, Exit, FiberRef, identity, LogLevel, Option } from "effect"
import express, { type NextFunction, type Request, type Response } from "express"
import helmet from "helmet"
import * as ApiConfig from "./ApiConfig.js"
import {
  type ApiError,
  MalformedJson,
  MethodNotAllowed,
  PayloadTooLarge,
  RateLimited,
  RouteNotFound,
  UnsupportedMediaType,
} from "./ApiError.js"
import * as Auth from "./Auth.js"
import * as Idempotency from "./Idempotency.js"
import { fromAcceptLanguage } from "./i18n/Texts.js"
import * as JsonBody from "./JsonBody.js"
import { Registry } from "./Metrics.js"
import * as OpenApi from "./OpenApi.js"
import * as Problem from "./Problem.js"
import * as RateLimit from "./RateLimit.js"
import type { AppContext, Reply, Auth as RequestAuth, Route, Services } from "./Route.js"
import * as Routes from "./Routes.js"
import { fork, type Runtime, run, runCallback } from "./runtime.js"

export interface Options {
  readonly settings?: Partial<Pick<ApiConfig.Settings, "rateLimit" | "bodyLimit">>
  /** True once shutdown began: readiness answers 503 so load balancers stop sending. */
  readonly draining?: () => boolean
  readonly routes?: ReadonlyArray<Route>
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/
const JSON_TYPES = ["application/json", "application/*+json"]

interface Locals {
  requestId: string
  startedAt: bigint
  /** The URL as the client sent it (Express's originalUrl), for problem instances and metrics. */
  url: string
  /** The JSON body when JsonBody read it (else Express's parser put it on req.body). */
  body?: unknown
  /** The route's pattern, for a request sent straight to a route without parameters. */
  route?: string
  auth?: RequestAuth
  /**
   * The headers of a direct route's answer not yet set on the response, as
   * name, value, name, value...: written with the status line in one
   * `writeHead`, where setting each (a dozen, most of them helmet's) costs about
   * a third of a microsecond. Set on the response before anything else writes
   * its head (see `setHeader` and `setKeptHeaders`).
   */
  headers?: Array<string> | undefined
}

// A request's own state is kept beside its response, not on it: each property
// added to Node's request and response objects costs about a microsecond
// (measured), and the API's answers are small.
const states = new WeakMap<Response, Locals>()
const locals = (res: Response): Locals => {
  let state = states.get(res)
  if (state === undefined) {
    state = { requestId: "", startedAt: 0n, url: "" }
    states.set(res, state)
  }
  return state
}

/** Set a header on a response, or keep it for its status line when the response keeps its headers. */
const setHeader = (res: Response, name: string, value: string) => {
  const kept = locals(res).headers
  if (kept === undefined) {
    res.setHeader(name, value)
    return
  }
  // As setHeader does: a name set again (in any case) replaces its value.
  for (let i = 0; i < kept.length; i += 2) {
    const other = kept[i] ?? ""
    if (other.length === name.length && other.toLowerCase() === name.toLowerCase()) {
      kept[i + 1] = value
      return
    }
  }
  kept.push(name, value)
}

/** Set the headers a response kept on it: before Express or Node writes its head. */
const setKeptHeaders = (res: Response) => {
  const l = locals(res)
  const kept = l.headers
  if (kept === undefined) return
  l.headers = undefined
  for (let i = 0; i < kept.length; i += 2) res.setHeader(kept[i] ?? "", kept[i + 1] ?? "")
}

interface Authenticated {
  readonly auth: RequestAuth
  readonly until: number
}

const swaggerUiDir = Path.dirname(
  createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"),
)

const PLAIN_JSON = /^application\/json(?:;[ \t]*charset=utf-8)?$/i

/** The body is JSON: the usual header by a quick look, any other through type-is. */
const isJson = (req: Request) => {
  const type = req.headers["content-type"]
  return (type !== undefined && PLAIN_JSON.test(type)) || Boolean(req.is(JSON_TYPES))
}

const hasBody = (req: Request) =>
  req.headers["transfer-encoding"] !== undefined ||
  (req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0")

/**
 * helmet's headers, worked out once: its default policy does not depend on
 * the request, so each response gets the same list without running helmet's
 * dozen middlewares per request. (helmet also removes X-Powered-By; the app
 * never sets it: x-powered-by is disabled.)
 */
const securityHeaders = (): ReadonlyArray<readonly [string, string]> => {
  const headers: Array<readonly [string, string]> = []
  const recorder = {
    setHeader: (name: string, value: unknown) => {
      headers.push([name, String(value)])
    },
    removeHeader: () => undefined,
  }
  helmet()({} as unknown as Request, recorder as unknown as Response, () => undefined)
  return headers
}

type Handler = (req: Request, res: Response, next: NextFunction) => unknown

/**
 * A route's handlers (authentication, rate limit, body checks, the route
 * itself) as one Express handler: the router dispatches once per request
 * instead of once per step. As in Express, a step that throws or returns a
 * rejected promise hands its error on, and `next(error)` skips to the error
 * handlers.
 */
export const inSequence =
  (handlers: ReadonlyArray<Handler>): Handler =>
  (req, res, next) => {
    let index = 0
    const step = (error?: unknown): void => {
      if (error !== undefined && error !== null) {
        next(error)
        return
      }
      const handler = handlers[index++]
      if (handler === undefined) {
        next()
        return
      }
      try {
        const result = handler(req, res, step)
        if (result instanceof Promise) {
          result.then(undefined, (rejected: unknown) =>
            next(rejected ?? new Error("Rejected promise")),
          )
        }
      } catch (thrown) {
        next(thrown)
      }
    }
    step()
  }

/**
 * Send a text body of a media type. GET and HEAD go through `res.send`,
 * which tags the answer (ETag) and answers a conditional request with 304.
 * An answer to any other method is never revalidated, so it goes out
 * without a hash of the body. Its headers are those `res.send` would set,
 * the ETag aside.
 */
const contentTypes = new Map<string, string>()
const sendText = (req: Request, res: Response, type: string, text: string) => {
  if (req.method === "GET" || req.method === "HEAD") {
    setKeptHeaders(res)
    res.type(type).send(text)
    return
  }
  let contentType = contentTypes.get(type)
  if (contentType === undefined) {
    // As res.type and res.send spell it: the full type, with charset=utf-8 for a string.
    const given = String(res.type(type).get("Content-Type"))
    contentType = /;\s*charset=/i.test(given) ? given : `${given}; charset=utf-8`
    contentTypes.set(type, contentType)
  }
  // Encoded once into a buffer: the socket then writes bytes as they are, where a
  // string (a rope, as Render builds it) would be flattened, measured, joined to
  // the header text and encoded again on the way out.
  const body = Buffer.from(text)
  setHeader(res, "Content-Type", contentType)
  setHeader(res, "Content-Length", String(body.length))
  const l = locals(res)
  const kept = l.headers
  if (kept !== undefined) {
    l.headers = undefined
    // With no header set on the response, Node takes the list as it is (each
    // checked as setHeader checks it); with some, it sets the list's over them.
    res.writeHead(res.statusCode, kept)
  }
  res.end(body)
}

/** The tracer a runtime has when none is installed: Effect's own, which exports nothing. */
const builtInTracer = Effect.runSync(Effect.tracer)

/** Build the app over a runtime. */
export const createApp = (runtime: Runtime, options: Options = {}) => {
  const routes = options.routes ?? Routes.all
  const settings = { ...ApiConfig.defaults, ...options.settings }
  const metrics = new Registry()
  let document: unknown
  const context: AppContext = {
    metricsText: () => metrics.text(),
    openApi: () => {
      document ??= OpenApi.make(routes, { title: "crm-cost API", version: "1.0.0" })
      return document
    },
    draining: options.draining ?? (() => false),
  }

  const sendProblem = (req: Request, res: Response, error: ApiError) => {
    const locale = fromAcceptLanguage(req.get("accept-language"))
    const problem = Problem.fromError(error, locale, {
      instance: locals(res).url.split("?")[0] ?? "",
      requestId: locals(res).requestId,
    })
    if (error._tag === "RateLimited") setHeader(res, "Retry-After", String(error.retryAfterSeconds))
    if (error._tag === "IdempotencyKeyInUse") setHeader(res, "Retry-After", "1")
    if (error._tag === "Unauthorized") {
      setHeader(
        res,
        "WWW-Authenticate",
        error.feed ? 'Token realm="calendar"' : 'Bearer realm="crm-cost"',
      )
    }
    res.status(problem.status)
    sendText(req, res, Problem.contentType, JSON.stringify(problem))
  }

  const sendInternal = (req: Request, res: Response) => {
    if (res.headersSent) {
      res.destroy()
      return
    }
    const locale = fromAcceptLanguage(req.get("accept-language"))
    const problem = Problem.internal(locale, {
      instance: locals(res).url.split("?")[0] ?? "",
      requestId: locals(res).requestId,
    })
    res.status(500)
    sendText(req, res, Problem.contentType, JSON.stringify(problem))
  }

  const sendReply = (req: Request, res: Response, reply: Reply) => {
    for (const [name, value] of Object.entries(reply.headers ?? {})) setHeader(res, name, value)
    // As res.status sets it; a route's statuses are integers the route table lists.
    res.statusCode = reply.status
    if (reply.body === undefined) {
      setKeptHeaders(res)
      res.end()
    } else if (reply.contentType !== undefined && typeof reply.body === "string") {
      sendText(req, res, reply.contentType, reply.body)
    } else {
      sendText(req, res, "application/json", JSON.stringify(reply.body))
    }
  }

  /** Send the outcome of an effect: the reply, its problem, or a bare 500. */
  const sendFailure = (req: Request, res: Response, cause: Cause.Cause<ApiError>) => {
    const failure = Cause.failureOption(cause)
    if (Option.isSome(failure)) return sendProblem(req, res, failure.value)
    return sendInternal(req, res)
  }

  const sendExit = (req: Request, res: Response, exit: Exit.Exit<Reply, ApiError>) =>
    Exit.isSuccess(exit) ? sendReply(req, res, exit.value) : sendFailure(req, res, exit.cause)

  // Whether the runtime's minimum log level lets access lines (Info) through.
  // The level is fixed when the runtime is built; the first access line that
  // runs on it reads it, and later requests skip the log fiber when it is off.
  let accessLog: "unknown" | "on" | "off" = "unknown"
  const learnAccessLog = <A, E, R>(line: Effect.Effect<A, E, R>) =>
    Effect.flatMap(FiberRef.get(FiberRef.currentMinimumLogLevel), (level) => {
      accessLog = LogLevel.greaterThanEqual(LogLevel.Info, level) ? "on" : "off"
      return line
    })

  const app = express()
  app.disable("x-powered-by")
  app.set("query parser", "simple")

  // Request id, security headers, metrics and the access log: first, so every answer has them.
  // What every request needs goes in `begin`, not in a middleware of its own: a
  // route without path parameters is reached without the router (see `app.handle` below).
  const security = securityHeaders()
  const securityList = security.flat()
  const begin = (req: Request, res: Response, keepHeaders = false) => {
    const sent = req.headers["x-request-id"]
    const given = Array.isArray(sent) ? sent[0] : sent
    const requestId = given !== undefined && REQUEST_ID.test(given) ? given : randomUUID()
    const l = locals(res)
    l.requestId = requestId
    l.startedAt = process.hrtime.bigint()
    // Set by Express's router, which a direct route does not pass through.
    l.url = req.originalUrl ?? req.url
    if (keepHeaders) {
      l.headers = ["X-Request-Id", requestId, ...securityList]
    } else {
      res.setHeader("X-Request-Id", requestId)
      for (const [name, value] of security) res.setHeader(name, value)
    }
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - l.startedAt) / 1e9
      const route: string =
        l.route ??
        req.route?.path ??
        (l.url.startsWith("/docs/assets/") ? "/docs/assets" : "unmatched")
      metrics.observe(req.method, route, res.statusCode, seconds)
      // No fiber for a line the runtime's minimum level drops anyway.
      if (accessLog === "off") return
      fork(
        runtime,
        Effect.logInfo("request").pipe(
          Effect.annotateLogs({
            requestId,
            method: req.method,
            route,
            status: res.statusCode,
            durationMs: Math.round(seconds * 1e6) / 1e3,
            ...(l.auth === undefined
              ? {}
              : { tenantId: l.auth.tenantId, apiKeyId: l.auth.apiKey.id }),
          }),
          accessLog === "on" ? identity : learnAccessLog,
        ),
      )
    })
  }
  app.use((req, res, next) => {
    begin(req, res)
    next()
  })
  app.use("/docs/assets", express.static(swaggerUiDir, { index: false, fallthrough: false }))

  // Routes without path parameters, by method and path as sent (see `app.handle` below).
  const directRoutes = new Map<string, { readonly path: string; readonly handler: Handler }>()

  // A credential checked in the last few seconds is not looked up again (a
  // revoked key stops working within authCacheMs). The cache is keyed by the
  // header (or feed token) as sent, so a hit costs a map lookup; a miss is
  // verified against the stored hash. Bounded: the oldest entry goes first.
  const authCache = {
    key: new Map<string, Authenticated>(),
    feed: new Map<string, Authenticated>(),
  }
  const authCacheMs = 5_000
  const authCacheSize = 10_000

  const authenticate =
    (kind: "key" | "feed") => (req: Request, res: Response, next: NextFunction) => {
      const credential: unknown = kind === "key" ? req.headers.authorization : req.query.token
      const cache = authCache[kind]
      const cached = typeof credential === "string" ? cache.get(credential) : undefined
      if (cached !== undefined && cached.until > Date.now()) {
        locals(res).auth = cached.auth
        return next()
      }
      const effect =
        kind === "key"
          ? Auth.bearer(typeof credential === "string" ? credential : undefined)
          : Auth.feedToken(credential)
      return run(runtime, effect).then((exit) => {
        if (Exit.isFailure(exit)) return sendFailure(req, res, exit.cause)
        if (typeof credential === "string") {
          cache.delete(credential)
          if (cache.size >= authCacheSize) {
            const oldest = cache.keys().next()
            if (oldest.done !== true) cache.delete(oldest.value)
          }
          cache.set(credential, { auth: exit.value, until: Date.now() + authCacheMs })
        }
        locals(res).auth = exit.value
        return next()
      })
    }

  const rateLimits = new RateLimit.Limiter(settings.rateLimit)
  const limiter = (req: Request, res: Response, next: NextFunction) => {
    const usage = rateLimits.hit(locals(res).auth?.apiKey.id ?? "anonymous")
    setHeader(res, "RateLimit-Policy", usage.policy)
    setHeader(res, "RateLimit", usage.header)
    if (usage.limited) {
      return sendProblem(req, res, new RateLimited({ retryAfterSeconds: usage.resetSeconds }))
    }
    next()
  }

  const mediaType = (req: Request, res: Response, next: NextFunction) => {
    if (hasBody(req) && !isJson(req)) {
      return sendProblem(req, res, new UnsupportedMediaType())
    }
    next()
  }

  const json = JsonBody.parser({
    limit: settings.bodyLimit,
    types: JSON_TYPES,
    keep: (_req, res, body) => {
      locals(res).body = body
    },
  })

  // Whether a tracer other than Effect's built-in one is installed. The
  // built-in tracer's spans go nowhere, so without a real tracer a request
  // runs without its span (its operation still names it in the route). The
  // tracer is fixed when the runtime is built; the first request learns it.
  let tracing: "unknown" | "on" | "off" = "unknown"
  const span = { captureStackTrace: false } as const
  const traced = <A, E, R>(operationId: string, effect: Effect.Effect<A, E, R>) =>
    tracing === "off"
      ? effect
      : tracing === "on"
        ? Effect.withSpan(effect, operationId, span)
        : Effect.tracerWith((tracer) => {
            tracing = tracer === builtInTracer ? "off" : "on"
            return Effect.withSpan(effect, operationId, span)
          })

  const noParams: Readonly<Record<string, never>> = Object.freeze({})
  const handle = (route: Route) => {
    return (req: Request, res: Response, next: NextFunction) => {
      const l = locals(res)
      const locale = fromAcceptLanguage(req.headers["accept-language"])
      const body: unknown = l.body !== undefined ? l.body : req.body
      let effect: Effect.Effect<Reply, ApiError, Services> = route.run({
        // Only routes that take them read the router's params and the query, which
        // Express parses again on each read of req.query.
        params: route.params === undefined ? noParams : req.params,
        query: route.query === undefined ? noParams : req.query,
        body,
        auth: l.auth,
        locale,
        requestId: l.requestId,
        app: context,
      })
      const key = req.headers["idempotency-key"]
      if (route.idempotent && typeof key === "string" && l.auth !== undefined) {
        const hash = Idempotency.requestHash(req.method, req.path, body)
        effect = Idempotency.withKey(l.auth.tenantId, key, hash, effect)
      }
      runCallback(
        runtime,
        traced(
          route.operationId,
          Effect.tapDefect(effect, (cause) => Effect.logError("request failed", cause)),
        ),
        { requestId: l.requestId },
        (exit) => {
          // The callback runs on the fiber's exit: a throw belongs to Express's error handler.
          try {
            sendExit(req, res, exit)
          } catch (error) {
            next(error)
          }
        },
      )
    }
  }

  for (const route of routes) {
    const chain: Array<Handler> = []
    if (route.auth !== "none") chain.push(authenticate(route.auth), limiter)
    if (route.body !== undefined || route.method === "post") chain.push(mediaType, json)
    chain.push(handle(route))
    const handler = inSequence(chain)
    app[route.method](route.path, handler)
    if (!/[:*{}()]/.test(route.path)) {
      directRoutes.set(`${route.method.toUpperCase()} ${route.path}`, { path: route.path, handler })
    }
  }

  // A path the API has, asked with a method it does not take: 405 with the methods it
  // takes (Allow), and OPTIONS answered with them. Registered after every route, so only
  // the methods no route took arrive here.
  const methodsByPath = new Map<string, Array<string>>()
  for (const route of routes) {
    const methods = methodsByPath.get(route.path) ?? []
    methods.push(route.method.toUpperCase())
    if (route.method === "get") methods.push("HEAD")
    methodsByPath.set(route.path, methods)
  }
  for (const [path, methods] of methodsByPath) {
    const allow = [...methods, "OPTIONS"]
    const header = allow.join(", ")
    app.all(path, function methodNotAllowed(req: Request, res: Response) {
      res.setHeader("Allow", header)
      if (req.method === "OPTIONS") {
        res.status(204).end()
        return
      }
      sendProblem(req, res, new MethodNotAllowed({ method: req.method, path: req.path, allow }))
    })
  }

  const notFound = (req: Request, res: Response) => {
    sendProblem(req, res, new RouteNotFound({ method: req.method, path: req.path }))
  }
  app.use(notFound)

  // Failures of the body parser and the static files, and anything unforeseen.
  const onError = (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const type = typeof err === "object" && err !== null && "type" in err ? err.type : undefined
    const status =
      typeof err === "object" && err !== null && "status" in err && typeof err.status === "number"
        ? err.status
        : 500
    if (type === "entity.too.large") {
      return sendProblem(
        req,
        res,
        new PayloadTooLarge({ limit: settings.bodyLimit.toUpperCase().replace("MB", " MB") }),
      )
    }
    if (type === "entity.parse.failed") return sendProblem(req, res, new MalformedJson())
    if (type === "encoding.unsupported" || type === "charset.unsupported") {
      return sendProblem(req, res, new UnsupportedMediaType())
    }
    if (status === 404) {
      return sendProblem(req, res, new RouteNotFound({ method: req.method, path: req.path }))
    }
    if (status >= 400 && status < 500) return sendProblem(req, res, new MalformedJson())
    fork(
      runtime,
      Effect.logError("request failed outside a route").pipe(
        Effect.annotateLogs({ requestId: locals(res).requestId, error: String(err) }),
      ),
    )
    return sendInternal(req, res)
  }
  app.use(onError)

  // A request for a route without path parameters, sent as the route is written,
  // goes straight to the route's handlers. Express's own `app.handle` would set the
  // request up and walk its router layer by layer, each layer writing its state
  // onto the request (originalUrl, baseUrl, params, route...): for the API's small
  // requests that walk cost about a tenth of the answer. Here the request and
  // response get what Express's methods need (their prototypes and each other);
  // what the layers do for such a route is `begin` and the route's handlers, and
  // the app's own per-request state lives beside the response (`locals`), so
  // `res.locals` and the router's fields are not set. Any other request (other
  // spelling of the path, HEAD, a path with parameters, the Swagger assets, the
  // app mounted inside another) goes through Express as before.
  const application = app as unknown as {
    handle: (req: Request, res: Response, callback?: NextFunction) => void
    readonly request: object
    readonly response: object
  }
  const throughRouter = application.handle.bind(app)
  application.handle = (req, res, callback) => {
    const url = req.url
    const end = url.indexOf("?")
    const direct =
      callback === undefined
        ? directRoutes.get(`${req.method} ${end === -1 ? url : url.slice(0, end)}`)
        : undefined
    if (direct === undefined) {
      throughRouter(req, res, callback)
      return
    }
    req.res = res
    res.req = req
    Object.setPrototypeOf(req, application.request)
    Object.setPrototypeOf(res, application.response)
    // A route's handlers answer or fail; none passes a request on.
    const next = (error?: unknown) => {
      if (error !== undefined && error !== null) onError(error, req, res, () => undefined)
      else notFound(req, res)
    }
    try {
      // A direct route's answers all go out through sendText or sendReply, which
      // write the kept headers: its response keeps them (see Locals.headers).
      begin(req, res, true)
      locals(res).route = direct.path
      direct.handler(req, res, next)
    } catch (error) {
      // As Express's router does with a handler that throws.
      next(error)
    }
  }

  return app
}
