/**
 * Per-key rate limits: a fixed window per key that starts at the key's first
 * request, as express-rate-limit's memory store counts, without its promise
 * chain per request. The answer carries the IETF draft-7 headers
 * (`RateLimit-Policy`, `RateLimit`); a request over the limit learns when to
 * retry.
 */
import type * as ApiConfig from "./ApiConfig.js"

type Settings = ApiConfig.Settings["rateLimit"]

/** What one request used up. */
export interface Usage {
  readonly limited: boolean
  readonly remaining: number
  /** Whole seconds until the key's window resets (at least 1 when limited). */
  readonly resetSeconds: number
  /** `RateLimit-Policy` header value. */
  readonly policy: string
  /** `RateLimit` header value. */
  readonly header: string
}

interface Window {
  hits: number
  resetAt: number
}

/**
 * The counters of one process. Keys not seen for a whole window are dropped:
 * the counters live in two generations, and a generation older than a window
 * holds only expired windows.
 */
export class Limiter {
  private current = new Map<string, Window>()
  private previous = new Map<string, Window>()
  private rotateAt: number
  private readonly policy: string

  constructor(
    private readonly settings: Settings,
    now: number = Date.now(),
  ) {
    this.rotateAt = now + settings.windowMs
    this.policy = `${settings.limit};w=${Math.ceil(settings.windowMs / 1000)}`
  }

  /** Count one request of `key` at `now` (ms since the epoch). */
  hit(key: string, now: number = Date.now()): Usage {
    if (now >= this.rotateAt) {
      this.previous = this.current
      this.current = new Map()
      this.rotateAt = now + this.settings.windowMs
    }
    let window = this.current.get(key)
    if (window === undefined) {
      window = this.previous.get(key) ?? { hits: 0, resetAt: now + this.settings.windowMs }
      this.previous.delete(key)
      this.current.set(key, window)
    }
    if (window.resetAt <= now) {
      window.hits = 0
      window.resetAt = now + this.settings.windowMs
    }
    window.hits++
    const limit = this.settings.limit
    const remaining = Math.max(limit - window.hits, 0)
    const limited = window.hits > limit
    const untilReset = Math.max(0, Math.ceil((window.resetAt - now) / 1000))
    return {
      limited,
      remaining,
      resetSeconds: limited ? Math.max(1, untilReset) : untilReset,
      policy: this.policy,
      header: `limit=${limit}, remaining=${remaining}, reset=${untilReset}`,
    }
  }
}
