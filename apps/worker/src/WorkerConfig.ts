/**
 * The worker's configuration, read once through effect `Config` (from the
 * environment by default). Secrets stay `Redacted` until a channel signs or
 * logs in with them.
 */
import type { Locale } from "@crm-cost/domain/Messages"
import {
  Config,
  ConfigError,
  Context,
  Cron,
  Duration,
  Effect,
  Either,
  Layer,
  Option,
  Redacted,
} from "effect"

export interface Smtp {
  readonly host: string
  readonly port: number
  readonly secure: boolean
  readonly user: Option.Option<string>
  readonly password: Option.Option<Redacted.Redacted>
  readonly from: string
}

export class WorkerConfig extends Context.Tag("@crm-cost/worker/WorkerConfig")<
  WorkerConfig,
  {
    /** When deciding runs (cron, in `cronTimeZone`); delivery polls in between. */
    readonly cron: Cron.Cron
    readonly catchUpDays: number
    /** Reminder offsets per tenant id ("*" for every tenant without its own). */
    readonly reminderOffsets: ReadonlyMap<string, ReadonlyArray<number>>
    readonly pageSize: number
    /** How far back usage snapshots are read for overage. */
    readonly snapshotHorizon: Duration.Duration
    readonly deliveryBatch: number
    readonly deliveryConcurrency: number
    readonly deliveryPoll: Duration.Duration
    /** How long a claimed delivery stays with its worker before another may retry it. */
    readonly lease: Duration.Duration
    readonly maxAttempts: number
    readonly retryBase: Duration.Duration
    readonly retryMax: Duration.Duration
    readonly webhookTimeout: Duration.Duration
    /** The language of each tenant's alerts; `defaultLocale` for the rest. */
    readonly locales: ReadonlyMap<string, Locale>
    readonly defaultLocale: Locale
    /** Webhook signing secrets by a channel's `secretRef`, else by tenant id. */
    readonly webhookSecrets: ReadonlyMap<string, Redacted.Redacted>
    readonly smtp: Option.Option<Smtp>
  }
>() {}

const pairs = (text: string, separator: string): Array<readonly [string, string]> =>
  text
    .split(separator)
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map((p) => {
      const i = p.indexOf("=")
      return i < 0 ? ([p, ""] as const) : ([p.slice(0, i).trim(), p.slice(i + 1).trim()] as const)
    })

const locale = (s: string): Locale => (/^zh/i.test(s) ? "zh-CN" : "en")

const millis = (name: string, fallback: number) =>
  Config.integer(name).pipe(
    Config.withDefault(fallback),
    Config.validate({ message: `${name} must be ≥ 0 ms`, validation: (n) => n >= 0 }),
    Config.map(Duration.millis),
  )

const positive = (name: string, fallback: number) =>
  Config.integer(name).pipe(
    Config.withDefault(fallback),
    Config.validate({ message: `${name} must be ≥ 1`, validation: (n) => n >= 1 }),
  )

const offsetsConfig = Config.string("WORKER_REMINDER_OFFSETS").pipe(
  Config.withDefault(""),
  Config.mapOrFail((text) => {
    // "acme=120/60/14;*=90/30/7": days before the notice deadline, per tenant.
    const out = new Map<string, ReadonlyArray<number>>()
    for (const [tenant, list] of pairs(text, ";")) {
      const days = list.split("/").map((x) => Number(x.trim()))
      if (days.length === 0 || days.some((n) => !Number.isInteger(n) || n < 0)) {
        return Either.left(
          ConfigErrorInvalid(
            "WORKER_REMINDER_OFFSETS",
            `expected tenant=days/days/… (whole days ≥ 0), got "${tenant}=${list}"`,
          ),
        )
      }
      out.set(tenant, days)
    }
    return Either.right(out)
  }),
)

function ConfigErrorInvalid(name: string, message: string) {
  return ConfigError.InvalidData([name], message)
}

const cronConfig = Config.string("WORKER_CRON").pipe(
  Config.withDefault("0 * * * *"),
  Config.mapOrFail((expr) =>
    Either.mapLeft(Cron.parse(expr), (e) =>
      ConfigErrorInvalid("WORKER_CRON", `not a cron expression: ${expr} (${e.message})`),
    ),
  ),
)

const smtpConfig = Config.option(Config.string("SMTP_HOST")).pipe(
  Config.map(Option.filter((h) => h.trim() !== "")),
)

export const fromConfig = Effect.gen(function* () {
  const host = yield* smtpConfig
  const smtp = Option.isNone(host)
    ? Option.none<Smtp>()
    : Option.some<Smtp>({
        host: host.value,
        port: yield* Config.integer("SMTP_PORT").pipe(Config.withDefault(587)),
        secure: yield* Config.boolean("SMTP_SECURE").pipe(Config.withDefault(false)),
        user: yield* Config.option(Config.string("SMTP_USER")),
        password: yield* Config.option(Config.redacted("SMTP_PASSWORD")),
        from: yield* Config.string("SMTP_FROM").pipe(
          Config.withDefault("crm-cost <alerts@localhost>"),
        ),
      })
  const secrets = yield* Config.redacted("WEBHOOK_SECRETS").pipe(
    Config.withDefault(Redacted.make("")),
  )
  return WorkerConfig.of({
    cron: yield* cronConfig,
    catchUpDays: yield* Config.integer("WORKER_CATCH_UP_DAYS").pipe(Config.withDefault(31)),
    reminderOffsets: yield* offsetsConfig,
    pageSize: yield* positive("WORKER_PAGE_SIZE", 2_000),
    snapshotHorizon: Duration.days(yield* positive("WORKER_SNAPSHOT_HORIZON_DAYS", 400)),
    deliveryBatch: yield* positive("WORKER_DELIVERY_BATCH", 100),
    deliveryConcurrency: yield* positive("WORKER_DELIVERY_CONCURRENCY", 16),
    deliveryPoll: yield* millis("WORKER_DELIVERY_POLL_MS", 10_000),
    lease: yield* millis("WORKER_LEASE_MS", 120_000),
    maxAttempts: yield* positive("WORKER_MAX_ATTEMPTS", 12),
    retryBase: yield* millis("WORKER_RETRY_BASE_MS", 30_000),
    retryMax: yield* millis("WORKER_RETRY_MAX_MS", 6 * 3_600_000),
    webhookTimeout: yield* millis("WORKER_WEBHOOK_TIMEOUT_MS", 10_000),
    locales: new Map(
      pairs(yield* Config.string("WORKER_LOCALES").pipe(Config.withDefault("")), ",").map(
        ([t, l]) => [t, locale(l)] as const,
      ),
    ),
    defaultLocale: locale(yield* Config.string("WORKER_LOCALE").pipe(Config.withDefault("en"))),
    webhookSecrets: new Map(
      pairs(Redacted.value(secrets), ",").map(([ref, s]) => [ref, Redacted.make(s)] as const),
    ),
    smtp,
  })
})

export const layer = Layer.effect(WorkerConfig, fromConfig)
