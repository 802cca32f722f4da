/**
 * The API's settings, read from the environment through Effect Config (the
 * database settings are the store's). PORT and LOG_LEVEL are the names the
 * worker and the TUI use too.
 */
import { Config, ConfigError, Context, Effect, Either, Layer, Logger, LogLevel } from "effect"

export interface Settings {
  readonly port: number
  readonly host: string
  /** Requests per API key per window. */
  readonly rateLimit: { readonly limit: number; readonly windowMs: number }
  readonly bodyLimit: string
}

export class ApiConfig extends Context.Tag("@crm-cost/api/ApiConfig")<ApiConfig, Settings>() {}

export const defaults: Settings = {
  port: 3000,
  host: "0.0.0.0",
  rateLimit: { limit: 600, windowMs: 60_000 },
  bodyLimit: "1mb",
}

export const layer = Layer.effect(
  ApiConfig,
  Effect.gen(function* () {
    const port = yield* Config.port("PORT").pipe(Config.withDefault(defaults.port))
    const host = yield* Config.string("HOST").pipe(Config.withDefault(defaults.host))
    const limit = yield* Config.integer("RATE_LIMIT_PER_MINUTE").pipe(
      Config.validate({ message: "must be at least 1", validation: (n) => n >= 1 }),
      Config.withDefault(defaults.rateLimit.limit),
    )
    return { ...defaults, port, host, rateLimit: { limit, windowMs: 60_000 } }
  }),
)

const levels: Record<string, LogLevel.LogLevel> = {
  all: LogLevel.All,
  trace: LogLevel.Trace,
  debug: LogLevel.Debug,
  info: LogLevel.Info,
  warn: LogLevel.Warning,
  warning: LogLevel.Warning,
  error: LogLevel.Error,
  fatal: LogLevel.Fatal,
  none: LogLevel.None,
  off: LogLevel.None,
}

/** LOG_LEVEL: trace, debug, info (default), warn, error, fatal or none, in any case. */
export const logLevel = Config.string("LOG_LEVEL").pipe(
  Config.mapOrFail((s) => {
    const level = levels[s.trim().toLowerCase()]
    return level === undefined
      ? Either.left(
          ConfigError.InvalidData(
            [],
            `expected one of ${Object.keys(levels).join(", ")}; got "${s}"`,
          ),
        )
      : Either.right(level)
  }),
  Config.withDefault(LogLevel.Info),
)

/** Structured JSON logs on stdout at LOG_LEVEL. */
export const loggingLayer = Layer.unwrapEffect(
  Effect.map(logLevel, (level) => Layer.merge(Logger.json, Logger.minimumLogLevel(level))),
)
