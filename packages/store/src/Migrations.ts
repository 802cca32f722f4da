/**
 * Schema migrations, in code, for both engines. Each migration is frozen
 * once released: change the schema by adding the next one. They run at
 * start-up, in one transaction, under a lock, so copies of the API and the
 * worker starting together migrate once.
 *
 * Column types: money and rates are decimal strings (TEXT on SQLite,
 * NUMERIC on PostgreSQL), never floating point; calendar dates are
 * "YYYY-MM-DD" (TEXT / DATE); instants are ISO-8601 UTC with milliseconds
 * (TEXT / TIMESTAMPTZ); documents are JSON (TEXT / JSONB).
 */
import * as Migrator from "@effect/sql/Migrator"
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import { Effect } from "effect"
import type { Dialect } from "./Database.js"

export const migrationsTable = "crm_cost_migrations"

interface Types {
  readonly text: string
  readonly int: string
  readonly bool: string
  readonly date: string
  readonly instant: string
  readonly decimal: string
  readonly json: string
  readonly strict: string
}

// Frozen with migration 1.
const typesOf = (dialect: Dialect): Types =>
  dialect === "pg"
    ? {
        text: "TEXT",
        int: "INTEGER",
        bool: "BOOLEAN",
        date: "DATE",
        instant: "TIMESTAMPTZ",
        decimal: "NUMERIC",
        json: "JSONB",
        strict: "",
      }
    : {
        text: "TEXT",
        int: "INTEGER",
        bool: "INTEGER",
        date: "TEXT",
        instant: "TEXT",
        decimal: "TEXT",
        json: "TEXT",
        strict: " STRICT",
      }

const initial = (dialect: Dialect) => {
  const t = typesOf(dialect)
  return [
    `CREATE TABLE tenants (
      id ${t.text} PRIMARY KEY,
      name ${t.text} NOT NULL,
      created_at ${t.instant} NOT NULL
    )${t.strict}`,
    `CREATE TABLE api_keys (
      tenant_id ${t.text} NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      id ${t.text} NOT NULL,
      name ${t.text} NOT NULL,
      prefix ${t.text} NOT NULL UNIQUE,
      key_hash ${t.text} NOT NULL,
      created_at ${t.instant} NOT NULL,
      revoked_at ${t.instant},
      PRIMARY KEY (tenant_id, id)
    )${t.strict}`,
    `CREATE TABLE custom_offers (
      tenant_id ${t.text} NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      id ${t.text} NOT NULL,
      vendor ${t.text} NOT NULL,
      name ${t.text} NOT NULL,
      offer ${t.json} NOT NULL,
      updated_at ${t.instant} NOT NULL,
      PRIMARY KEY (tenant_id, id)
    )${t.strict}`,
    `CREATE TABLE subscriptions (
      tenant_id ${t.text} NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      id ${t.text} NOT NULL,
      vendor ${t.text} NOT NULL,
      offer_id ${t.text},
      seats_bought ${t.int} NOT NULL CHECK (seats_bought >= 0),
      term_start ${t.date} NOT NULL,
      term_months ${t.int} NOT NULL CHECK (term_months > 0),
      auto_renew ${t.bool} NOT NULL,
      notice_days ${t.int} NOT NULL CHECK (notice_days >= 0),
      renewal_date ${t.date} NOT NULL,
      notice_deadline ${t.date} NOT NULL,
      price_amount ${t.decimal} NOT NULL,
      price_currency ${t.text} NOT NULL,
      renewal_uplift ${t.decimal} NOT NULL,
      quotas ${t.json} NOT NULL,
      owners ${t.json} NOT NULL,
      channels ${t.json} NOT NULL,
      time_zone ${t.text} NOT NULL,
      reminder_offsets ${t.json} NOT NULL,
      status ${t.text} NOT NULL CHECK (status IN ('active', 'cancelled')),
      created_at ${t.instant} NOT NULL,
      updated_at ${t.instant} NOT NULL,
      PRIMARY KEY (tenant_id, id)
    )${t.strict}`,
    "CREATE INDEX subscriptions_notice_deadline ON subscriptions (tenant_id, notice_deadline, id)",
    "CREATE INDEX subscriptions_renewal_date ON subscriptions (tenant_id, renewal_date, id)",
    `CREATE TABLE usage_snapshots (
      tenant_id ${t.text} NOT NULL,
      id ${t.text} NOT NULL,
      subscription_id ${t.text} NOT NULL,
      taken_at ${t.instant} NOT NULL,
      seats_assigned ${t.int} NOT NULL CHECK (seats_assigned >= 0),
      metrics ${t.json} NOT NULL,
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, subscription_id)
        REFERENCES subscriptions (tenant_id, id) ON DELETE CASCADE
    )${t.strict}`,
    "CREATE INDEX usage_snapshots_subscription ON usage_snapshots (tenant_id, subscription_id, taken_at)",
    `CREATE TABLE alerts (
      tenant_id ${t.text} NOT NULL,
      id ${t.text} NOT NULL,
      alert_key ${t.text} NOT NULL,
      subscription_id ${t.text} NOT NULL,
      kind ${t.text} NOT NULL,
      decided_at ${t.instant} NOT NULL,
      payload ${t.json} NOT NULL,
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, alert_key),
      FOREIGN KEY (tenant_id, subscription_id)
        REFERENCES subscriptions (tenant_id, id) ON DELETE CASCADE
    )${t.strict}`,
    "CREATE INDEX alerts_subscription ON alerts (tenant_id, subscription_id, decided_at)",
    `CREATE TABLE deliveries (
      tenant_id ${t.text} NOT NULL,
      id ${t.text} NOT NULL,
      alert_id ${t.text} NOT NULL,
      channel ${t.text} NOT NULL,
      attempt ${t.int} NOT NULL CHECK (attempt >= 0),
      status ${t.text} NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
      next_attempt_at ${t.instant} NOT NULL,
      last_error ${t.text},
      updated_at ${t.instant} NOT NULL,
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, alert_id, channel),
      FOREIGN KEY (tenant_id, alert_id) REFERENCES alerts (tenant_id, id) ON DELETE CASCADE
    )${t.strict}`,
    "CREATE INDEX deliveries_due ON deliveries (tenant_id, status, next_attempt_at)",
    `CREATE TABLE idempotency_keys (
      tenant_id ${t.text} NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      idempotency_key ${t.text} NOT NULL,
      request_hash ${t.text} NOT NULL,
      status ${t.int} NOT NULL,
      response ${t.json} NOT NULL,
      created_at ${t.instant} NOT NULL,
      PRIMARY KEY (tenant_id, idempotency_key)
    )${t.strict}`,
  ]
}

/**
 * Each attempt at a delivery, kept when it ends (the delivery row keeps only
 * the latest). A sent attempt has no error and no retry; a failed one has
 * its error, and a retry instant unless the delivery was given up.
 */
const deliveryAttempts = (dialect: Dialect) => {
  const t = typesOf(dialect)
  return [
    `CREATE TABLE delivery_attempts (
      tenant_id ${t.text} NOT NULL,
      delivery_id ${t.text} NOT NULL,
      attempt ${t.int} NOT NULL CHECK (attempt >= 0),
      claimed_at ${t.instant},
      finished_at ${t.instant} NOT NULL,
      outcome ${t.text} NOT NULL CHECK (outcome IN ('sent', 'failed')),
      error ${t.text},
      retry_at ${t.instant},
      PRIMARY KEY (tenant_id, delivery_id, attempt),
      CHECK ((outcome = 'sent' AND error IS NULL AND retry_at IS NULL)
        OR (outcome = 'failed' AND error IS NOT NULL)),
      FOREIGN KEY (tenant_id, delivery_id) REFERENCES deliveries (tenant_id, id) ON DELETE CASCADE
    )${t.strict}`,
  ]
}

/**
 * A tenant's own settings: the language of its alerts and its reminder
 * offsets; NULL leaves them to the worker's configuration.
 */
const tenantSettings = (dialect: Dialect) => {
  const t = typesOf(dialect)
  return [
    `ALTER TABLE tenants ADD COLUMN locale ${t.text} CHECK (locale IN ('en', 'zh-CN'))`,
    `ALTER TABLE tenants ADD COLUMN reminder_offsets ${t.json}`,
  ]
}

/**
 * The day of the month a subscription's terms fall on when its term start
 * fell short of it (a monthly term from 31 Jan renewed on 28 Feb); NULL: the
 * term start's own day.
 */
const subscriptionAnchorDay = (dialect: Dialect) => {
  const t = typesOf(dialect)
  return [
    `ALTER TABLE subscriptions ADD COLUMN anchor_day ${t.int} CHECK (anchor_day BETWEEN 1 AND 31)`,
  ]
}

const statements =
  (list: ReadonlyArray<string>) =>
  (sql: SqlClient.SqlClient): Effect.Effect<void, SqlError> =>
    Effect.forEach(list, (s) => sql.unsafe(s), { discard: true })

/** The migrations of an engine, in order: [id, name, statements]. */
export const migrations = (
  dialect: Dialect,
): ReadonlyArray<readonly [number, string, ReadonlyArray<string>]> => [
  [1, "initial", initial(dialect)],
  [2, "delivery_attempts", deliveryAttempts(dialect)],
  [3, "tenant_settings", tenantSettings(dialect)],
  [4, "subscription_anchor_day", subscriptionAnchorDay(dialect)],
]

/** The schema version this code writes (the last migration id). */
export const schemaVersion = migrations("sqlite").length

/** Runs the missing migrations; safe to run any number of times, from any number of processes. */
export const migrate = (
  dialect: Dialect,
  sql: SqlClient.SqlClient,
  transaction: <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E | SqlError, R>,
): Effect.Effect<ReadonlyArray<readonly [number, string]>, SqlError | Migrator.MigrationError> => {
  const loader: Migrator.Loader = Effect.succeed(
    migrations(dialect).map(
      ([id, name, list]) => [id, name, Effect.succeed(statements(list)(sql))] as const,
    ),
  )
  const run = Migrator.make({})({ loader, table: migrationsTable })
  return transaction(
    Effect.gen(function* () {
      if (dialect === "pg") {
        // One migrator per schema at a time; the lock ends with the transaction.
        yield* sql`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.crm_cost_migrations'))`
      }
      // Created here, not by the migrator, so its probe never fails inside our transaction.
      yield* sql.unsafe(
        dialect === "pg"
          ? `CREATE TABLE IF NOT EXISTS ${migrationsTable} (migration_id integer PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), name text NOT NULL)`
          : `CREATE TABLE IF NOT EXISTS ${migrationsTable} (migration_id integer PRIMARY KEY NOT NULL, created_at datetime NOT NULL DEFAULT current_timestamp, name VARCHAR(255) NOT NULL)`,
      )
      return yield* run
    }),
  ).pipe(Effect.provideService(SqlClient.SqlClient, sql))
}
