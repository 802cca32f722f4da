/**
 * The app over a real store on a temp SQLite file, with two tenants (A and
 * B), each with an API key. Logs are off; the rate limit is high unless a
 * test asks for a low one.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import * as Path from "node:path"
import * as Database from "@crm-cost/store/Database"
import * as Store from "@crm-cost/store/Store"
import { Clock, Effect, Layer, Logger, LogLevel, Redacted } from "effect"
import * as ApiConfig from "../../src/ApiConfig.js"
import { createApp, type Options } from "../../src/App.js"
import * as Bootstrap from "../../src/Bootstrap.js"
import * as OfferCatalog from "../../src/OfferCatalog.js"
import * as Readiness from "../../src/Readiness.js"
import * as Runtime from "../../src/runtime.js"

export interface TestApp {
  readonly app: ReturnType<typeof createApp>
  readonly runtime: Runtime.Runtime
  readonly keyA: string
  readonly keyB: string
  readonly cleanup: () => Promise<void>
}

/** A day inside the fixture contract's first term (2026-01-01 to 2027-01-01). */
export const now = new Date("2026-06-15T12:00:00Z")

/** A clock that stands still at `at` (sleeps still take real time), for answers that depend on today. */
export const fixedClock = (at: Date): Clock.Clock => {
  const live = Clock.make()
  const millis = at.getTime()
  const nanos = BigInt(millis) * 1_000_000n
  return {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: () => millis,
    currentTimeMillis: Effect.succeed(millis),
    unsafeCurrentTimeNanos: () => nanos,
    currentTimeNanos: Effect.succeed(nanos),
    sleep: (duration) => live.sleep(duration),
  }
}

interface RuntimeOptions {
  readonly ready?: () => boolean
  /** Stop the runtime's clock at this instant. */
  readonly now?: Date
}

/** The runtime over a real store on a temp SQLite file, with tenants A and B and a key each. */
export const makeRuntime = async (options: RuntimeOptions = {}) => {
  const dir = mkdtempSync(Path.join(tmpdir(), "crm-cost-api-"))
  const readiness =
    options.ready === undefined ? Readiness.layer : Readiness.layerTest(options.ready)
  const layer = Layer.mergeAll(
    OfferCatalog.layer,
    readiness,
    Layer.succeed(ApiConfig.ApiConfig, ApiConfig.defaults),
  ).pipe(
    Layer.provideMerge(Store.layerOn(Database.layerSqlite(Path.join(dir, "api.db")))),
    Layer.provideMerge(Logger.minimumLogLevel(LogLevel.None)),
    Layer.provideMerge(
      options.now === undefined ? Layer.empty : Layer.setClock(fixedClock(options.now)),
    ),
  )
  const runtime = Runtime.make(layer)
  const keys = await runtime.runPromise(
    Effect.all({
      a: Bootstrap.createKey("tenant-a", { feed: false }),
      b: Bootstrap.createKey("tenant-b", { feed: false }),
    }),
  )
  return {
    runtime,
    keyA: Redacted.value(keys.a.secret),
    keyB: Redacted.value(keys.b.secret),
    /** Removes the temp folder; dispose the runtime first. */
    removeFiles: () => rmSync(dir, { recursive: true, force: true }),
  }
}

export const make = async (options: Options & RuntimeOptions = {}): Promise<TestApp> => {
  const { ready, now, ...appOptions } = options
  const { runtime, keyA, keyB, removeFiles } = await makeRuntime({
    ...(ready === undefined ? {} : { ready }),
    ...(now === undefined ? {} : { now }),
  })
  const app = createApp(runtime, {
    ...appOptions,
    settings: { rateLimit: { limit: 1_000_000, windowMs: 60_000 }, ...appOptions.settings },
  })
  return {
    app,
    runtime,
    keyA,
    keyB,
    cleanup: async () => {
      await runtime.dispose()
      removeFiles()
    },
  }
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` })

/** A profile: 10 seats for 12 months from 2026-01-01. */
export const profile = { seats: 10, horizonMonths: 12, startDate: "2026-01-01" }

/** The profile in USD, with the rates every built-in currency needs. */
export const usdProfile = {
  ...profile,
  currency: "USD",
  fx: {
    asOf: "2026-01-01",
    rates: [
      { from: "CNY", to: "USD", rate: "0.14" },
      { from: "EUR", to: "USD", rate: "1.08" },
      { from: "GBP", to: "USD", rate: "1.27" },
    ],
  },
}

/** A contract: 10 Salesforce seats, a year from 2026-01-01, 30 days' notice. */
export const subscription = {
  vendor: "Salesforce",
  seatsBought: 10,
  termStart: "2026-01-01",
  termMonths: 12,
  autoRenew: true,
  noticeDays: 30,
  recurringPrice: { amount: "12000.00", currency: "USD" },
  quotas: [
    { metric: "storageGb", included: "10", overageRate: { amount: "5.00", currency: "USD" } },
  ],
}

/** A tenant's own offer: 40 USD per user per month. */
export const customOffer = (id: string) => ({
  id,
  vendor: "Acme",
  name: "Acme CRM Team",
  currency: "USD",
  components: [
    {
      _tag: "PerSeat",
      id: "seat",
      name: "User licence",
      price: { amount: "40", per: "month" },
    },
  ],
  source: { source: "quote-2026-01", confidence: "high" as const },
  asOf: "2026-01-01",
})
