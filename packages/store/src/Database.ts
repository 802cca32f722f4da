/**
 * The database the store runs on: SQLite (one file, nothing to install) by
 * default, PostgreSQL when `DATABASE_URL` is set. Configuration is read here
 * and nowhere else; migrations run before any repository sees the client.
 */
import * as Fs from "node:fs"
import * as Path from "node:path"
import * as Reactivity from "@effect/experimental/Reactivity"
import type { MigrationError } from "@effect/sql/Migrator"
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as PgClient from "@effect/sql-pg/PgClient"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import {
  Config,
  type ConfigError,
  Context,
  Effect,
  Layer,
  Option,
  ParseResult,
  Redacted,
  Scope,
} from "effect"
import { migrate } from "./Migrations.js"

export type Dialect = "sqlite" | "pg"

/** The SQL client with what repositories need to know about its engine. */
export class Db extends Context.Tag("@crm-cost/store/Db")<
  Db,
  {
    readonly dialect: Dialect
    readonly sql: SqlClient.SqlClient
    /**
     * All statements of `self` commit together or not at all. On SQLite the
     * transaction takes the write lock up front (BEGIN IMMEDIATE), so a
     * second process waits for it instead of failing half-way.
     */
    readonly transaction: <A, E, R>(
      self: Effect.Effect<A, E, R>,
    ) => Effect.Effect<A, E | SqlError, R>
  }
>() {}

/** What the store was opened on, for logs and the operator. */
export interface Target {
  readonly dialect: Dialect
  readonly description: string
}

/** PostgreSQL client at a connection URL. */
export const pgClientLayer = (url: Redacted.Redacted) =>
  PgClient.layer({ url, applicationName: "crm-cost" })

/** SQLite client on a file: WAL, foreign keys on, full fsync on commit, waits for other writers. */
export const sqliteClientLayer = (filename: string) =>
  Layer.scopedContext(
    Effect.gen(function* () {
      if (filename !== ":memory:") {
        yield* Effect.sync(() => Fs.mkdirSync(Path.dirname(filename), { recursive: true }))
      }
      const client = yield* SqliteClient.make({ filename })
      // Per connection; the client holds exactly one.
      yield* client`PRAGMA foreign_keys = ON`
      yield* client`PRAGMA busy_timeout = 10000`
      // A committed contract must survive a power cut, not only a crash.
      yield* client`PRAGMA synchronous = FULL`
      return Context.make(SqliteClient.SqliteClient, client).pipe(
        Context.add(SqlClient.SqlClient, client),
      )
    }),
  ).pipe(Layer.provide(Reactivity.layer))

const makeDb = (dialect: Dialect) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const transaction =
      dialect === "pg"
        ? sql.withTransaction
        : SqlClient.makeWithTransaction({
            transactionTag: SqlClient.TransactionConnection,
            spanAttributes: [["db.system.name", "sqlite"]],
            acquireConnection: Effect.flatMap(Scope.make(), (scope) =>
              Effect.map(Scope.extend(sql.reserve, scope), (conn) => [scope, conn] as const),
            ),
            begin: (conn) => conn.executeUnprepared("BEGIN IMMEDIATE", [], undefined),
            savepoint: (conn, id) =>
              conn.executeUnprepared(`SAVEPOINT effect_sql_${id}`, [], undefined),
            commit: (conn) => conn.executeUnprepared("COMMIT", [], undefined),
            rollback: (conn) => conn.executeUnprepared("ROLLBACK", [], undefined),
            rollbackSavepoint: (conn, id) =>
              conn.executeUnprepared(`ROLLBACK TO SAVEPOINT effect_sql_${id}`, [], undefined),
          })
    yield* migrate(dialect, sql, transaction)
    return Db.of({ dialect, sql, transaction })
  })

/** Db over a client layer: runs the migrations, then offers the client. */
export const layerFrom = <E>(
  dialect: Dialect,
  client: Layer.Layer<SqlClient.SqlClient, E>,
): Layer.Layer<Db | SqlClient.SqlClient, E | SqlError | MigrationError> =>
  Layer.effect(Db, makeDb(dialect)).pipe(Layer.provideMerge(client))

/** SQLite at a file path (created with its folder when missing). */
export const layerSqlite = (filename: string) => layerFrom("sqlite", sqliteClientLayer(filename))

/** PostgreSQL at a connection URL. */
export const layerPg = (url: Redacted.Redacted) => layerFrom("pg", pgClientLayer(url))

/**
 * Where the store lives, from configuration: PostgreSQL when `DATABASE_URL`
 * is set, else SQLite at `CRM_COST_DB` (default `./data/crm-cost.db`). A
 * relative path is taken from where the user ran the command (`INIT_CWD`,
 * set by pnpm), so every package script finds the same file.
 */
export const target: Effect.Effect<
  | { readonly _tag: "pg"; readonly url: Redacted.Redacted }
  | { readonly _tag: "sqlite"; readonly filename: string },
  ConfigError.ConfigError
> = Effect.gen(function* () {
  const url = yield* Config.option(Config.redacted("DATABASE_URL"))
  const nonEmptyUrl = Option.filter(url, (u) => Redacted.value(u).trim() !== "")
  if (Option.isSome(nonEmptyUrl)) return { _tag: "pg", url: nonEmptyUrl.value } as const
  const file = yield* Config.string("CRM_COST_DB").pipe(Config.withDefault("./data/crm-cost.db"))
  const base = yield* Config.string("INIT_CWD").pipe(Config.withDefault(process.cwd()))
  const filename = file === ":memory:" ? file : Path.resolve(base, file)
  return { _tag: "sqlite", filename } as const
})

/** The configured database, migrated. */
export const layer: Layer.Layer<
  Db | SqlClient.SqlClient,
  ConfigError.ConfigError | SqlError | MigrationError
> = Layer.unwrapEffect(
  Effect.map(target, (t) => (t._tag === "pg" ? layerPg(t.url) : layerSqlite(t.filename))),
)

/**
 * Where the store meets its callers: database and row-decoding failures are
 * infrastructure failures, so they become defects here and nowhere earlier.
 */
export const orDie = <A, E, R>(
  self: Effect.Effect<A, E, R>,
): Effect.Effect<A, Exclude<E, Extract<E, SqlError | ParseResult.ParseError>>, R> =>
  Effect.catchIf(
    self,
    (e): e is Extract<E, SqlError | ParseResult.ParseError> =>
      isSqlError(e) || ParseResult.isParseError(e),
    Effect.die,
  )

const isSqlError = (u: unknown): u is SqlError =>
  typeof u === "object" && u !== null && "_tag" in u && u._tag === "SqlError"
