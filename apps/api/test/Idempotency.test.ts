/**
 * Idempotency.withKey against the real store (SQLite): a keyed request's
 * writes and its kept answer commit together, or not at all.
 */
import * as Ports from "@crm-cost/domain/Ports"
import * as Subscription from "@crm-cost/domain/Subscription"
import { DateTime, Effect, Exit, Option } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { InvalidRequest } from "../src/ApiError.js"
import * as Idempotency from "../src/Idempotency.js"
import * as T from "./support/TestApp.js"

let t: Awaited<ReturnType<typeof T.makeRuntime>>
beforeAll(async () => {
  t = await T.makeRuntime()
})
afterAll(async () => {
  await t.runtime.dispose()
  t.removeFiles()
})

const tenantId = Subscription.TenantId.make("tenant-a")

/** A handler that creates subscription `id`, then answers or fails as told. */
const creating = (id: string, then: Effect.Effect<void, InvalidRequest, Ports.IdempotencyRepo>) =>
  Effect.gen(function* () {
    const subs = yield* Ports.SubscriptionRepo
    const sub = yield* Subscription.decode({ ...T.subscription, id, tenantId }).pipe(Effect.orDie)
    yield* Effect.orDie(subs.insert(sub))
    yield* then
    return { status: 201, body: { id } }
  })

const exists = (id: string) =>
  t.runtime.runPromise(
    Effect.flatMap(Ports.SubscriptionRepo, (subs) =>
      subs.get(tenantId, Subscription.SubscriptionId.make(id)),
    ).pipe(Effect.map(Option.isSome)),
  )

describe("Idempotency.withKey", () => {
  it("a request that fails after writing undoes its writes and gives its key back", async () => {
    const failed = await t.runtime.runPromiseExit(
      Idempotency.withKey(
        tenantId,
        "undo-1",
        "h1",
        creating("undone-1", Effect.fail(new InvalidRequest({ issues: [] }))),
      ),
    )
    expect(Exit.isFailure(failed)).toBe(true)
    expect(await exists("undone-1")).toBe(false)
    const retried = await t.runtime.runPromise(
      Idempotency.withKey(tenantId, "undo-1", "h2", creating("undone-1", Effect.void)),
    )
    expect(retried.status).toBe(201)
    expect(await exists("undone-1")).toBe(true)
  })

  it("a request whose key was taken over meanwhile undoes its work and says the key is in use", async () => {
    // While this request runs, another holder takes the key over (as a copy would once
    // the reservation went stale).
    const takeOver = Effect.flatMap(Ports.IdempotencyRepo, (repo) =>
      Effect.flatMap(DateTime.now, (now) =>
        repo.reserve({
          tenantId,
          key: "taken-1",
          requestHash: "h1",
          now,
          staleBefore: DateTime.add(now, { minutes: 1 }),
        }),
      ),
    ).pipe(Effect.asVoid)
    const exit = await t.runtime.runPromiseExit(
      Idempotency.withKey(tenantId, "taken-1", "h1", creating("taken-sub", takeOver)),
    )
    expect(
      Exit.isFailure(exit) && exit.cause._tag === "Fail" ? exit.cause.error._tag : "no failure",
    ).toBe("IdempotencyKeyInUse")
    expect(await exists("taken-sub")).toBe(false)
  })
})
