/**
 * The failures of the HTTP edge. Each names the condition; `Problem` holds
 * the one table that turns them into statuses and problem documents.
 */
import type * as Messages from "@crm-cost/domain/Messages"
import { Data } from "effect"
import type { Texts } from "./i18n/Texts.js"

/** One failing field: where it is (body, query or path) and what is wrong with it. */
export interface Issue {
  readonly in: "body" | "query" | "path" | "header"
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
}

export class InvalidRequest extends Data.TaggedError("InvalidRequest")<{
  readonly issues: ReadonlyArray<Issue>
}> {}

export class MalformedJson extends Data.TaggedError("MalformedJson")<Record<never, never>> {}

export class Unauthorized extends Data.TaggedError("Unauthorized")<{
  readonly feed: boolean
}> {}

/** A resource that does not exist for this tenant (another tenant's looks the same). */
export class NotFound extends Data.TaggedError("NotFound")<{
  readonly what: (t: Texts) => string
}> {}

export class RouteNotFound extends Data.TaggedError("RouteNotFound")<{
  readonly method: string
  readonly path: string
}> {}

/** The path exists, but not for this method; `allow` lists the methods it has. */
export class MethodNotAllowed extends Data.TaggedError("MethodNotAllowed")<{
  readonly method: string
  readonly path: string
  readonly allow: ReadonlyArray<string>
}> {}

export class Conflict extends Data.TaggedError("Conflict")<{
  readonly code: string
  readonly detail: (t: Texts) => string
}> {}

export class IdempotencyKeyReused extends Data.TaggedError("IdempotencyKeyReused")<
  Record<never, never>
> {}

/** Another request with this key is still running (in this copy of the API or another). */
export class IdempotencyKeyInUse extends Data.TaggedError("IdempotencyKeyInUse")<
  Record<never, never>
> {}

export class PayloadTooLarge extends Data.TaggedError("PayloadTooLarge")<{
  readonly limit: string
}> {}

export class UnsupportedMediaType extends Data.TaggedError("UnsupportedMediaType")<
  Record<never, never>
> {}

export class RateLimited extends Data.TaggedError("RateLimited")<{
  readonly retryAfterSeconds: number
}> {}

/** The domain could not price the request (unknown module, seat limit, missing rate...). */
export class Unpriceable extends Data.TaggedError("Unpriceable")<{
  /** The domain error's tag, as a machine-readable code. */
  readonly code: string
  readonly detail: Messages.Message | string
  readonly offerId: string | undefined
}> {}

export class Unavailable extends Data.TaggedError("Unavailable")<Record<never, never>> {}

export type ApiError =
  | InvalidRequest
  | MalformedJson
  | Unauthorized
  | NotFound
  | RouteNotFound
  | MethodNotAllowed
  | Conflict
  | IdempotencyKeyReused
  | IdempotencyKeyInUse
  | PayloadTooLarge
  | UnsupportedMediaType
  | RateLimited
  | Unpriceable
  | Unavailable
