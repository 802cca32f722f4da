/** Whether the process can serve: the database answers a trivial query. */
import * as Database from "@crm-cost/store/Database"
import { Context, Effect, Layer } from "effect"

export class Readiness extends Context.Tag("@crm-cost/api/Readiness")<
  Readiness,
  { readonly check: Effect.Effect<boolean> }
>() {}

export const layer = Layer.effect(
  Readiness,
  Effect.map(Database.Db, ({ sql }) =>
    Readiness.of({
      check: sql`SELECT 1 AS ok`.pipe(
        Effect.as(true),
        Effect.timeout("2 seconds"),
        Effect.orElseSucceed(() => false),
        Effect.catchAllDefect(() => Effect.succeed(false)),
      ),
    }),
  ),
)

/** Always ready (tests of the HTTP layer over fakes). */
export const layerTest = (ready: () => boolean) =>
  Layer.succeed(Readiness, Readiness.of({ check: Effect.sync(ready) }))
