import * as Calendar from "@crm-cost/domain/Calendar"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import {
  counts,
  postgres,
  type Receiver,
  receiver,
  seed,
  sqlite,
  until,
  withStore,
  worker,
} from "./support.js"

const SECRET = "many-workers"

describe("Several workers", () => {
  let hook: Receiver
  beforeAll(async () => {
    hook = await receiver(SECRET)
  })
  afterAll(async () => {
    await hook.close()
  })

  it("on PostgreSQL, two at once decide each alert once and deliver each once", async () => {
    const engine = await postgres()
    if (engine === undefined) return
    try {
      const today = Calendar.fromInstant(new Date(), "UTC")
      await withStore(
        engine,
        seed("pg", 500, { today, deadlineIn: 7, channels: [{ _tag: "Webhook", url: hook.url }] }),
      )
      const env = {
        ...engine.env,
        WEBHOOK_SECRETS: `pg=${SECRET}`,
        WORKER_PAGE_SIZE: "50",
        WORKER_DELIVERY_BATCH: "10",
      }
      const expected = 1_000
      // Two rounds of two concurrent runs: the second round finds nothing left.
      for (let round = 0; round < 2; round++) {
        const a = worker(["--once"], env)
        const b = worker(["--once"], env)
        const [ea, eb] = await Promise.all([a.exit, b.exit])
        expect([ea.code, eb.code], a.output() + b.output()).toEqual([0, 0])
        const recorded = [a.output(), b.output()]
          .flatMap((o) => [...o.matchAll(/(\d+) new alerts/g)])
          .reduce((n, m) => n + Number(m[1]), 0)
        expect(recorded).toBe(round === 0 ? expected : 0)
      }
      const c = await counts(engine)
      expect(c.alerts).toBe(expected)
      expect(c.distinctKeys).toBe(expected)
      expect(c.status).toEqual({ sent: expected })
      const keys = [...hook.seen.entries()].filter(([k]) => k.includes("/notice-reminder/"))
      expect(keys).toHaveLength(expected)
      // No delivery was claimed twice: not even a repeat for the receiver to drop.
      expect(keys.every(([, n]) => n === 1)).toBe(true)
    } finally {
      await engine.cleanup()
    }
  }, 120_000)

  it("on SQLite, a second worker refuses to start and says why", async () => {
    const engine = sqlite()
    try {
      const first = worker([], { ...engine.env, WORKER_DELIVERY_POLL_MS: "500" })
      await until("the first worker to start", () => first.output().includes("worker started"))
      const second = worker(["--once"], engine.env)
      const { code } = await second.exit
      expect(code).not.toBe(0)
      expect(second.output()).toContain("another worker already runs on this SQLite database")
      first.kill("SIGTERM")
      const { code: firstCode, signal } = await first.exit
      expect(
        firstCode === 0 || signal === "SIGTERM" || firstCode === 130 || firstCode === 143,
      ).toBe(true)
      // Once the first one is gone, the slot is free again.
      const third = worker(["--once"], engine.env)
      expect((await third.exit).code, third.output()).toBe(0)
    } finally {
      await engine.cleanup()
    }
  }, 60_000)
})
