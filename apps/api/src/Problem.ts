/**
 * RFC 9457 problem details, and the one table from failure to HTTP status.
 * A defect (a bug, a lost database) becomes a 500 that names the request id
 * and nothing else: no stack, no message, no internals.
 */
import * as Messages from "@crm-cost/domain/Messages"
import type { ApiError } from "./ApiError.js"
import { type Texts, texts } from "./i18n/Texts.js"

export const contentType = "application/problem+json"

/** A problem document as sent. */
export interface Problem {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail?: string
  readonly instance?: string
  readonly code: string
  readonly requestId?: string
  readonly errors?: ReadonlyArray<{
    readonly in: string
    readonly pointer: string
    readonly path: string
    readonly message: string
  }>
  readonly offerId?: string
}

interface Entry<E> {
  readonly status: number
  readonly code: (e: E) => string
  readonly title: (t: Texts) => string
  readonly detail: (e: E, t: Texts, locale: Messages.Locale) => string | undefined
}

type Table = { readonly [T in ApiError["_tag"]]: Entry<Extract<ApiError, { _tag: T }>> }

/** The error → HTTP status table: the only place statuses of failures are decided. */
export const table: Table = {
  InvalidRequest: {
    status: 400,
    code: () => "validation_failed",
    title: (t) => t.problem.validation.title,
    detail: (e, t) => t.problem.validation.detail(e.issues.length),
  },
  MalformedJson: {
    status: 400,
    code: () => "malformed_json",
    title: (t) => t.problem.malformedJson.title,
    detail: (_, t) => t.problem.malformedJson.detail,
  },
  Unauthorized: {
    status: 401,
    code: () => "unauthorized",
    title: (t) => t.problem.unauthorized.title,
    detail: (e, t) => (e.feed ? t.problem.feedUnauthorized.detail : t.problem.unauthorized.detail),
  },
  NotFound: {
    status: 404,
    code: () => "not_found",
    title: (t) => t.problem.notFound.title,
    detail: (e, t) => t.problem.notFound.detail(e.what(t)),
  },
  RouteNotFound: {
    status: 404,
    code: () => "route_not_found",
    title: (t) => t.problem.routeNotFound.title,
    detail: (e, t) => t.problem.routeNotFound.detail(e.method, e.path),
  },
  MethodNotAllowed: {
    status: 405,
    code: () => "method_not_allowed",
    title: (t) => t.problem.methodNotAllowed.title,
    detail: (e, t) => t.problem.methodNotAllowed.detail(e.method, e.path, e.allow),
  },
  Conflict: {
    status: 409,
    code: (e) => e.code,
    title: (t) => t.problem.conflict.title,
    detail: (e, t) => e.detail(t),
  },
  IdempotencyKeyReused: {
    status: 409,
    code: () => "idempotency_key_reused",
    title: (t) => t.problem.idempotencyReused.title,
    detail: (_, t) => t.problem.idempotencyReused.detail,
  },
  IdempotencyKeyInUse: {
    status: 409,
    code: () => "idempotency_key_in_use",
    title: (t) => t.problem.idempotencyInUse.title,
    detail: (_, t) => t.problem.idempotencyInUse.detail,
  },
  PayloadTooLarge: {
    status: 413,
    code: () => "payload_too_large",
    title: (t) => t.problem.tooLarge.title,
    detail: (e, t) => t.problem.tooLarge.detail(e.limit),
  },
  UnsupportedMediaType: {
    status: 415,
    code: () => "unsupported_media_type",
    title: (t) => t.problem.unsupportedMediaType.title,
    detail: (_, t) => t.problem.unsupportedMediaType.detail,
  },
  RateLimited: {
    status: 429,
    code: () => "rate_limited",
    title: (t) => t.problem.rateLimited.title,
    detail: (e, t) => t.problem.rateLimited.detail(e.retryAfterSeconds),
  },
  Unpriceable: {
    status: 422,
    code: (e) => e.code,
    title: (t) => t.problem.unpriceable.title,
    detail: (e, _, locale) =>
      typeof e.detail === "string" ? e.detail : Messages.render(e.detail, locale),
  },
  Unavailable: {
    status: 503,
    code: () => "unavailable",
    title: (t) => t.problem.unavailable.title,
    detail: (_, t) => t.problem.unavailable.detail,
  },
}

const typeUri = (code: string) => `https://crm-cost.dev/problems/${code.replaceAll("_", "-")}`

const pointer = (path: ReadonlyArray<PropertyKey>) =>
  path.map((p) => `/${String(p).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("")

const dotted = (path: ReadonlyArray<PropertyKey>) =>
  path.reduce<string>(
    (acc, p) =>
      typeof p === "number" ? `${acc}[${p}]` : acc === "" ? String(p) : `${acc}.${String(p)}`,
    "",
  )

/** The HTTP status of a failure. */
export const statusOf = (error: ApiError): number => table[error._tag].status

/** The problem document of a failure, in the reader's locale. */
export const fromError = (
  error: ApiError,
  locale: Messages.Locale,
  context: { readonly instance?: string; readonly requestId?: string },
): Problem => {
  const t = texts[locale]
  // The table is indexed by the error's own tag, so the entry fits the error.
  const entry = table[error._tag] as Entry<ApiError>
  const code = entry.code(error)
  const detail = entry.detail(error, t, locale)
  return {
    type: typeUri(code),
    title: entry.title(t),
    status: entry.status,
    code,
    ...(detail === undefined ? {} : { detail }),
    ...(context.instance === undefined ? {} : { instance: context.instance }),
    ...(context.requestId === undefined ? {} : { requestId: context.requestId }),
    ...(error._tag === "InvalidRequest"
      ? {
          errors: error.issues.map((i) => ({
            in: i.in,
            pointer: pointer(i.path),
            path: dotted(i.path),
            message: i.message,
          })),
        }
      : {}),
    ...(error._tag === "Unpriceable" && error.offerId !== undefined
      ? { offerId: error.offerId }
      : {}),
  }
}

/** The 500 document: the request id to quote, nothing about the cause. */
export const internal = (
  locale: Messages.Locale,
  context: { readonly instance?: string; readonly requestId?: string },
): Problem => {
  const t = texts[locale]
  return {
    type: typeUri("internal_error"),
    title: t.problem.internal.title,
    status: 500,
    code: "internal_error",
    detail: t.problem.internal.detail,
    ...(context.instance === undefined ? {} : { instance: context.instance }),
    ...(context.requestId === undefined ? {} : { requestId: context.requestId }),
  }
}
