/**
 * The store: every repository port of the domain over one migrated database,
 * chosen by configuration (see Database.layer).
 */
import * as Ports from "@crm-cost/domain/Ports"
import type * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import { Effect, Layer } from "effect"
import * as AlertOutbox from "./AlertOutbox.js"
import * as ApiKeyRepo from "./ApiKeyRepo.js"
import * as Database from "./Database.js"
import * as DeliveryRepo from "./DeliveryRepo.js"
import * as IdempotencyRepo from "./IdempotencyRepo.js"
import * as OfferRepo from "./OfferRepo.js"
import * as SubscriptionRepo from "./SubscriptionRepo.js"
import * as TenantRepo from "./TenantRepo.js"
import * as UsageRepo from "./UsageRepo.js"

/** Repository calls inside `withTransaction` commit together or not at all. */
export const transactorLayer = Layer.effect(
  Ports.Transactor,
  Effect.map(Database.Db, (db) =>
    Ports.Transactor.of({
      withTransaction: <A, E, R>(self: Effect.Effect<A, E, R>) =>
        db.transaction(self).pipe(
          // The only failures besides E are the database's own: defects at this edge.
          Effect.catchIf(
            (e): e is Extract<E | SqlError, SqlError> =>
              typeof e === "object" &&
              e !== null &&
              "_tag" in e &&
              e._tag === "SqlError" &&
              e instanceof Error,
            Effect.die,
          ),
        ) as Effect.Effect<A, E, R>,
    }),
  ),
)

export type Repositories =
  | Ports.TenantRepo
  | Ports.ApiKeyRepo
  | Ports.OfferRepo
  | Ports.SubscriptionRepo
  | Ports.UsageRepo
  | Ports.AlertOutbox
  | Ports.DeliveryRepo
  | Ports.IdempotencyRepo
  | Ports.Transactor

/** All repositories over a given database layer. */
export const repositories: Layer.Layer<Repositories, never, Database.Db> = Layer.mergeAll(
  TenantRepo.layer,
  ApiKeyRepo.layer,
  OfferRepo.layer,
  SubscriptionRepo.layer,
  UsageRepo.layer,
  AlertOutbox.layer,
  DeliveryRepo.layer,
  IdempotencyRepo.layer,
  transactorLayer,
)

/** All repositories over the configured database (SQLite file or PostgreSQL). */
export const layer = repositories.pipe(Layer.provideMerge(Database.layer))

/** All repositories over a database layer of the caller's choosing (tests, tools). */
export const layerOn = <E>(db: Layer.Layer<Database.Db | SqlClient.SqlClient, E>) =>
  repositories.pipe(Layer.provideMerge(db))
