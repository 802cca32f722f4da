/**
 * A route of the API as data: method, path, the schemas that validate its
 * path parameters, query and body, its responses and its handler. The app
 * registers routes from this description and the OpenAPI document is
 * generated from it, so the two cannot drift.
 */
import type * as Messages from "@crm-cost/domain/Messages"
import type { ApiKey } from "@crm-cost/domain/Ports"
import type { TenantId } from "@crm-cost/domain/Subscription"
import type * as Store from "@crm-cost/store/Store"
import { Effect, Either, ParseResult, Schema } from "effect"
import { type ApiError, InvalidRequest, type Issue } from "./ApiError.js"
import * as ExcessKeys from "./ExcessKeys.js"
import type { OfferCatalog } from "./OfferCatalog.js"
import type { Readiness } from "./Readiness.js"

/** What the handlers of the API need from the runtime. */
export type Services = Store.Repositories | OfferCatalog | Readiness

/** The tenant a request acts for, from its API key (or calendar feed token). */
export interface Auth {
  readonly tenantId: TenantId
  readonly apiKey: ApiKey
}

/** "key": Bearer API key; "feed": feed token in the query; "none": public. */
export type AuthKind = "key" | "feed" | "none"

export interface Reply {
  readonly status: number
  /** JSON to send, or a string with `contentType`; none for 204. */
  readonly body?: unknown
  readonly contentType?: string
  readonly headers?: Readonly<Record<string, string>>
}

export interface ResponseSpec {
  readonly status: number
  readonly description: string
  readonly schema?: Schema.Schema.AnyNoContext
  /** Default: application/json (problem+json for errors). */
  readonly contentType?: string
}

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete"

/** What the app itself offers to the routes that describe it (metrics, OpenAPI, readiness). */
export interface AppContext {
  readonly metricsText: () => string
  readonly openApi: () => unknown
  readonly draining: () => boolean
}

export interface Request<P, Q, B, A extends AuthKind> {
  readonly params: P
  readonly query: Q
  readonly body: B
  readonly auth: A extends "none" ? undefined : Auth
  readonly locale: Messages.Locale
  readonly requestId: string
  readonly app: AppContext
}

/** The request as Express hands it over, before validation. */
export interface RawRequest {
  readonly params: unknown
  readonly query: unknown
  readonly body: unknown
  readonly auth: Auth | undefined
  readonly locale: Messages.Locale
  readonly requestId: string
  readonly app: AppContext
}

type AnySchema = Schema.Schema.AnyNoContext

export interface Definition<
  PS extends AnySchema,
  QS extends AnySchema,
  BS extends AnySchema,
  A extends AuthKind,
> {
  readonly method: HttpMethod
  /** Express syntax: `/v1/offers/:id`. */
  readonly path: string
  readonly operationId: string
  readonly summary: string
  readonly description?: string
  readonly tag: string
  readonly auth: A
  readonly params?: PS
  readonly query?: QS
  readonly body?: BS
  readonly responses: ReadonlyArray<ResponseSpec>
  /** POSTs that honour an Idempotency-Key header. */
  readonly idempotent?: boolean
  readonly handler: (
    request: Request<Schema.Schema.Type<PS>, Schema.Schema.Type<QS>, Schema.Schema.Type<BS>, A>,
  ) => Effect.Effect<Reply, ApiError, Services>
}

/** A route with its types erased, as the app and the OpenAPI generator see it. */
export interface Route {
  readonly method: HttpMethod
  readonly path: string
  readonly operationId: string
  readonly summary: string
  readonly description: string | undefined
  readonly tag: string
  readonly auth: AuthKind
  readonly params: AnySchema | undefined
  readonly query: AnySchema | undefined
  readonly body: AnySchema | undefined
  readonly responses: ReadonlyArray<ResponseSpec>
  readonly idempotent: boolean
  readonly run: (raw: RawRequest) => Effect.Effect<Reply, ApiError, Services>
}

const parseOptions = { errors: "all", onExcessProperty: "error" } as const

const EXPECTED = /^Expected (.+), actual (.+)$/s

/**
 * One issue per failing field. A union reports each member it tried
 * ("Expected "USD", actual "XYZ"" for every currency); those read better as
 * one message with the alternatives.
 */
const merge = (
  issues: ReadonlyArray<ParseResult.ArrayFormatterIssue>,
  where: Issue["in"],
): Array<Issue> => {
  const byPath = new Map<string, { path: ReadonlyArray<PropertyKey>; messages: Array<string> }>()
  for (const i of issues) {
    const id = JSON.stringify(i.path.map(String))
    const entry = byPath.get(id) ?? { path: i.path, messages: [] }
    if (!entry.messages.includes(i.message)) entry.messages.push(i.message)
    byPath.set(id, entry)
  }
  return [...byPath.values()].map(({ path, messages }) => {
    const parsed = messages.map((m) => EXPECTED.exec(m))
    const actual = parsed[0]?.[2]
    const message =
      messages.length > 1 && parsed.every((p) => p !== null && p[2] === actual)
        ? `Expected ${parsed.map((p) => p?.[1]).join(" | ")}, actual ${actual}`
        : messages.join("; ")
    return { in: where, path, message }
  })
}

/** Validate one part of a request with its schema; every failing field becomes an issue. */
export const validate = <A, I>(
  schema: Schema.Schema<A, I>,
  where: Issue["in"],
  input: unknown,
): Effect.Effect<A, InvalidRequest> =>
  Schema.decodeUnknown(
    schema,
    parseOptions,
  )(input).pipe(Effect.mapError((error) => new InvalidRequest({ issues: issuesOf(error, where) })))

const issuesOf = (error: ParseResult.ParseError, where: Issue["in"]) =>
  merge(ParseResult.ArrayFormatter.formatErrorSync(error), where)

const lenientOptions = { errors: "first", onExcessProperty: "ignore" } as const

/**
 * A decoder for one part of a request, built once per route. The schemas of
 * requests are synchronous (data, no services), so a part decodes without an
 * effect; its issues or its value. A part with no undeclared key anywhere
 * (ExcessKeys) decodes without Effect's own key check, which gives the same
 * value; any other part, and any part that fails, goes through the strict
 * decode, which reports every issue.
 */
export const decoderOf = <A, I>(schema: Schema.Schema<A, I>, where: Issue["in"]) => {
  const strict = Schema.decodeUnknownEither(schema, parseOptions)
  const lenient = Schema.decodeUnknownEither(schema, lenientOptions)
  const mayHaveExcessKeys = ExcessKeys.make(schema.ast)
  return (input: unknown): Either.Either<A, ReadonlyArray<Issue>> => {
    if (!mayHaveExcessKeys(input)) {
      const decoded = lenient(input)
      if (Either.isRight(decoded)) return Either.right(decoded.right)
    }
    return Either.mapLeft(strict(input), (error) => issuesOf(error, where))
  }
}

const noIssues: ReadonlyArray<Issue> = []
const issuesIn = <A>(part: Either.Either<A, ReadonlyArray<Issue>>) =>
  Either.isLeft(part) ? part.left : noIssues

const Empty = Schema.Struct({})

/** Describe a route; its handler receives validated, typed input. */
export const make = <
  A extends AuthKind,
  PS extends AnySchema = typeof Empty,
  QS extends AnySchema = typeof Empty,
  BS extends AnySchema = typeof Schema.Unknown,
>(
  def: Definition<PS, QS, BS, A>,
): Route => ({
  method: def.method,
  path: def.path,
  operationId: def.operationId,
  summary: def.summary,
  description: def.description,
  tag: def.tag,
  auth: def.auth,
  params: def.params,
  query: def.query,
  body: def.body,
  responses: def.responses,
  idempotent: def.idempotent ?? false,
  run: run(def),
})

const emptyPart = Either.right({})

const run = <A extends AuthKind, PS extends AnySchema, QS extends AnySchema, BS extends AnySchema>(
  def: Definition<PS, QS, BS, A>,
) => {
  const params = def.params === undefined ? undefined : decoderOf(def.params, "path")
  const query = def.query === undefined ? undefined : decoderOf(def.query, "query")
  const body = def.body === undefined ? undefined : decoderOf(def.body, "body")
  return (raw: RawRequest): Effect.Effect<Reply, ApiError, Services> =>
    Effect.suspend(() => {
      // Every part is decoded, so one answer lists the issues of them all.
      const p = params === undefined ? emptyPart : params(raw.params)
      const q = query === undefined ? emptyPart : query(raw.query ?? {})
      const b = body === undefined ? Either.right(undefined) : body(raw.body)
      if (Either.isLeft(p) || Either.isLeft(q) || Either.isLeft(b)) {
        return Effect.fail(
          new InvalidRequest({ issues: [...issuesIn(p), ...issuesIn(q), ...issuesIn(b)] }),
        )
      }
      return def.handler({
        params: p.right,
        query: q.right,
        body: b.right,
        auth: raw.auth,
        locale: raw.locale,
        requestId: raw.requestId,
        app: raw.app,
      } as Request<Schema.Schema.Type<PS>, Schema.Schema.Type<QS>, Schema.Schema.Type<BS>, A>)
    })
}

/** Express path → OpenAPI path: `/v1/offers/:id` → `/v1/offers/{id}`. */
export const openApiPath = (path: string): string => path.replace(/:([A-Za-z0-9_]+)/g, "{$1}")
