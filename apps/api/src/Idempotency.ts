/**
 * Idempotency keys (as Stripe has them): a POST retried with the same
 * `Idempotency-Key` gets the first answer again instead of acting twice; the
 * same key with a different request is a 409, and so is a retry sent while
 * another copy of the API still runs the first. Answers are kept per tenant
 * through the IdempotencyRepo. Failed requests are not kept, so a request
 * that failed can be retried with its key once it is fixed.
 */
import { createHash } from "node:crypto"
import * as Ports from "@crm-cost/domain/Ports"
import type { TenantId } from "@crm-cost/domain/Subscription"
import { DateTime, Duration, Effect, Exit } from "effect"
import { IdempotencyKeyInUse, IdempotencyKeyReused, InvalidRequest } from "./ApiError.js"
import type { Reply } from "./Route.js"

const KEY = /^[!-~]{1,255}$/

/** JSON with object keys sorted, so equal bodies hash equally whatever their key order. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`
  }
  return JSON.stringify(value) ?? "null"
}

/** What identifies a request for its key: method, path and body. */
export const requestHash = (method: string, path: string, body: unknown): string =>
  createHash("sha256")
    .update(`${method} ${path}\n${canonical(body)}`)
    .digest("hex")

interface Stored {
  readonly body?: unknown
  readonly contentType?: string
  readonly headers?: Readonly<Record<string, string>>
}

const isStored = (u: unknown): u is Stored => typeof u === "object" && u !== null

const replay = (record: Ports.IdempotencyRecord): Reply => {
  const stored: Stored = isStored(record.response) ? record.response : {}
  return {
    status: record.status,
    ...(stored.body === undefined ? {} : { body: stored.body }),
    ...(stored.contentType === undefined ? {} : { contentType: stored.contentType }),
    headers: { ...stored.headers, "Idempotent-Replayed": "true" },
  }
}

// Requests with one key in one process run one after the other, so a retry
// sent while the first is still running waits for its answer. Across copies
// of the API the key's reservation in the store decides: the later request
// gets a 409 (idempotency_key_in_use) and retries.
const inFlight = new Map<string, { readonly lock: Effect.Semaphore; users: number }>()

const serialized = <A, E, R>(id: string, self: Effect.Effect<A, E, R>) =>
  Effect.suspend(() => {
    let entry = inFlight.get(id)
    if (entry === undefined) {
      entry = { lock: Effect.unsafeMakeSemaphore(1), users: 0 }
      inFlight.set(id, entry)
    }
    const held = entry
    held.users++
    return held.lock
      .withPermits(1)(self)
      .pipe(
        Effect.ensuring(
          Effect.sync(() => {
            held.users--
            if (held.users === 0 && inFlight.get(id) === held) inFlight.delete(id)
          }),
        ),
      )
  })

/** A reservation older than this whose holder never answered was left by a copy that died. */
export const staleAfter = Duration.minutes(10)

/** Run `handler` under an idempotency key. */
export const withKey = <E, R>(
  tenantId: TenantId,
  key: string,
  hash: string,
  handler: Effect.Effect<Reply, E, R>,
): Effect.Effect<
  Reply,
  E | IdempotencyKeyReused | IdempotencyKeyInUse | InvalidRequest,
  R | Ports.IdempotencyRepo | Ports.Transactor
> =>
  Effect.gen(function* () {
    if (!KEY.test(key)) {
      return yield* new InvalidRequest({
        issues: [
          {
            in: "header",
            path: ["Idempotency-Key"],
            message: "expected 1 to 255 printable ASCII characters",
          },
        ],
      })
    }
    const repo = yield* Ports.IdempotencyRepo
    return yield* serialized(
      `${tenantId}\u0000${key}`,
      Effect.gen(function* () {
        const now = yield* DateTime.now
        const taken = yield* repo.reserve({
          tenantId,
          key,
          requestHash: hash,
          now,
          staleBefore: DateTime.subtractDuration(now, staleAfter),
        })
        if (taken._tag === "Answered") {
          if (taken.record.requestHash !== hash) return yield* new IdempotencyKeyReused()
          return replay(taken.record)
        }
        if (taken._tag === "InProgress") {
          return yield* taken.requestHash !== hash
            ? new IdempotencyKeyReused()
            : new IdempotencyKeyInUse()
        }
        // Reserved: answer, keep the answer; a failure (or an interruption) gives the key back.
        // Reserved. The request's writes and its answer commit together, so an answer is
        // kept exactly when the request's work is; a failure (or an interruption) rolls
        // both back and gives the key back. Held past `staleAfter` and taken over, the
        // request undoes its work and says the key is in use: the new holder acts once.
        const reservation = taken.reservation
        const transactor = yield* Ports.Transactor
        return yield* transactor
          .withTransaction(
            Effect.gen(function* () {
              const reply = yield* handler
              const kept = yield* repo.complete(
                new Ports.IdempotencyRecord({
                  tenantId,
                  key,
                  requestHash: hash,
                  status: reply.status,
                  response: {
                    ...(reply.body === undefined ? {} : { body: reply.body }),
                    ...(reply.contentType === undefined ? {} : { contentType: reply.contentType }),
                    ...(reply.headers === undefined ? {} : { headers: reply.headers }),
                  },
                  createdAt: now,
                }),
                reservation,
              )
              if (!kept) return yield* new IdempotencyKeyInUse()
              return reply
            }),
          )
          .pipe(
            Effect.onExit((exit) =>
              Exit.isSuccess(exit) ? Effect.void : repo.release(tenantId, key, reservation),
            ),
          )
      }),
    )
  })
