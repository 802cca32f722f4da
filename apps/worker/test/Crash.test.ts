import * as Calendar from "@crm-cost/domain/Calendar"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import {
  counts,
  type Engine,
  type Receiver,
  receiver,
  seed,
  sqlite,
  until,
  withStore,
  worker,
} from "./support.js"

const SECRET = "crash-secret"
const SUBSCRIPTIONS = 600 // two reminders each: 1,200 due alerts

describe("Worker crash safety", () => {
  let hook: Receiver
  let engine: Engine
  beforeAll(async () => {
    hook = await receiver(SECRET)
    engine = sqlite()
  })
  afterAll(async () => {
    await hook.close()
    await engine.cleanup()
  })

  it("delivers every alert exactly once to a key-honouring receiver through SIGKILLs at random points", async () => {
    const today = Calendar.fromInstant(new Date(), "UTC")
    await withStore(
      engine,
      seed("crash", SUBSCRIPTIONS, {
        today,
        deadlineIn: 7,
        channels: [{ _tag: "Webhook", url: hook.url }],
      }),
    )
    const env = {
      ...engine.env,
      WEBHOOK_SECRETS: `crash=${SECRET}`,
      WORKER_PAGE_SIZE: "100",
      WORKER_DELIVERY_BATCH: "25",
      WORKER_DELIVERY_CONCURRENCY: "4",
      WORKER_LEASE_MS: "1000",
      WORKER_RETRY_BASE_MS: "100",
    }
    const expected = SUBSCRIPTIONS * 2
    // Kill points: while deciding (before any webhook), then at random numbers of webhooks received.
    const targets = [
      0,
      ...[0.15, 0.4, 0.65, 0.85].map((f) => Math.floor(expected * f * (0.8 + Math.random() * 0.4))),
    ]
    let kills = 0
    for (const target of targets) {
      const child = worker(["--once"], env)
      let exited = false
      void child.exit.then(() => {
        exited = true
      })
      if (target === 0) {
        await until("the worker to open the database", async () => {
          const c = await counts(engine).catch(() => undefined)
          return exited || (c !== undefined && c.alerts > 0)
        })
      } else {
        await until(`${target} webhooks`, () => exited || hook.handled.size >= target, 2_000)
      }
      child.kill("SIGKILL")
      const { signal } = await child.exit
      if (signal === "SIGKILL") kills++
    }
    expect(kills).toBeGreaterThanOrEqual(3)
    // Restart until everything is sent (a killed worker's leases expire after 1 s).
    await until(
      "every delivery sent",
      async () => {
        const child = worker(["--once"], env)
        const { code } = await child.exit
        if (code !== 0) throw new Error(`worker failed:\n${child.output()}`)
        const c = await counts(engine)
        return c.status.sent === expected
      },
      40,
    )
    const final = await counts(engine)
    expect(final.alerts).toBe(expected)
    expect(final.distinctKeys).toBe(expected)
    expect(final.status).toEqual({ sent: expected })
    // 0 lost: every key reached the receiver, which handles a key once and drops its
    // repeats (at-least-once delivery through SIGKILLs; the key makes it exactly once).
    expect(hook.handled.size).toBe(expected)
    expect(new Set(hook.bodies.map((b) => b.key)).size).toBe(expected)
    expect(hook.badSignatures()).toBe(0)
    const repeats = [...hook.seen.values()].reduce((a, n) => a + n - 1, 0)
    console.info(`crash test: ${kills} SIGKILLs, ${repeats} repeated requests dropped by key`)
  }, 180_000)
})
