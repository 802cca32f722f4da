/**
 * The API's settings, read from the environment through Effect Config (the
 * database settings are the store's). PORT and LOG_LEVEL are the names the
 * worker and the TUI use too.
 */
import { Config, Context, Effect, Layer, Logger, LogLevel } from "effect"

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

/** Structured JSON logs on stdout at LOG_LEVEL (default Info). */
export const loggingLayer = Layer.unwrapEffect(
  Effect.map(Config.logLevel("LOG_LEVEL").pipe(Config.withDefault(LogLevel.Info)), (level) =>
    Layer.merge(Logger.json, Logger.minimumLogLevel(level)),
  ),
)
