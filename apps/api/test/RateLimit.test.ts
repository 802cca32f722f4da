import { describe, expect, it } from "@effect/vitest"
import * as RateLimit from "../src/RateLimit.js"

describe("RateLimit", () => {
  it("limits each key to its requests per window, then resets the window", () => {
    const limiter = new RateLimit.Limiter({ limit: 2, windowMs: 60_000 }, 0)
    expect(limiter.hit("a", 0)).toMatchObject({ limited: false, remaining: 1 })
    expect(limiter.hit("a", 1_000)).toMatchObject({ limited: false, remaining: 0 })
    expect(limiter.hit("a", 30_500)).toMatchObject({
      limited: true,
      remaining: 0,
      resetSeconds: 30,
    })
    expect(limiter.hit("b", 30_500).limited).toBe(false)
    expect(limiter.hit("a", 60_000)).toMatchObject({ limited: false, remaining: 1 })
  })

  it("keeps a key's window across a rotation of its counters", () => {
    const limiter = new RateLimit.Limiter({ limit: 1, windowMs: 60_000 }, 0)
    limiter.hit("a", 50_000)
    expect(limiter.hit("a", 70_000).limited).toBe(true)
    expect(limiter.hit("a", 110_000).limited).toBe(false)
  })

  it("answers the draft-7 headers", () => {
    const usage = new RateLimit.Limiter({ limit: 600, windowMs: 60_000 }, 0).hit("a", 0)
    expect(usage.policy).toBe("600;w=60")
    expect(usage.header).toBe("limit=600, remaining=599, reset=60")
  })

  it("tells a limited request to retry after at least a second", () => {
    const limiter = new RateLimit.Limiter({ limit: 1, windowMs: 1_000 }, 0)
    limiter.hit("a", 0)
    expect(limiter.hit("a", 999)).toMatchObject({ limited: true, resetSeconds: 1 })
  })
})
