/**
 * What the alert worker needs from the store beyond the repository ports:
 * a paged scan of active subscriptions with their recent usage snapshots
 * (one query each per page, not one per subscription, read as positional
 * rows), the outbox written a page at a time (one set-based check of the
 * keys it already holds, then one statement per table whose rows travel as
 * one JSON parameter, so a page costs a few statements, not one per row), the
 * auto-renewal roll saved only when nobody changed the term meanwhile, the
 * alerts of claimed deliveries, and the locks that keep workers apart:
 * one worker process per SQLite file, one deciding run at a time on
 * PostgreSQL.
 */
import * as Fs from "node:fs"
import * as Path from "node:path"
import { Decimal, toFixedString } from "@crm-cost/domain/Money"
import type * as Overage from "@crm-cost/domain/Overage"
import type * as Renewal from "@crm-cost/domain/Renewal"
import * as Subscription from "@crm-cost/domain/Subscription"
import * as Reactivity from "@effect/experimental/Reactivity"
import type { SqlError } from "@effect/sql/SqlError"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import { Context, Effect, Either, Layer, Option, Schema } from "effect"
import * as Columns from "./Columns.js"
import { Db, orDie, target } from "./Database.js"
import { channelsOf, timeOrderedId } from "./DeliveryRepo.js"
import * as SubscriptionRepo from "./SubscriptionRepo.js"

/** A subscription with its snapshots since the scan's horizon, oldest first. */
export interface Scanned {
  readonly subscription: Renewal.Contract
  readonly snapshots: ReadonlyArray<Overage.Usage>
}

/** An alert to keep, with the channel keys it goes to. */
export interface OutboxEntry {
  readonly id: Subscription.AlertId
  readonly key: Subscription.AlertKey
  readonly tenantId: Subscription.TenantId
  readonly subscriptionId: Subscription.SubscriptionId
  readonly kind: Subscription.AlertKind
  readonly decidedAt: Date
  readonly payload: unknown
  readonly channels: ReadonlyArray<string>
}

/** An alert as a delivery needs it, with the channels its subscription has now. */
export interface AlertToDeliver {
  readonly id: Subscription.AlertId
  readonly key: Subscription.AlertKey
  readonly subscriptionId: Subscription.SubscriptionId
  readonly kind: string
  readonly decidedAt: Date
  readonly payload: unknown
  /** The subscription's channels now, or why its stored document cannot be read. */
  readonly channels: Either.Either<ReadonlyArray<Subscription.AlertChannel>, string>
}

export class WorkerAlreadyRunning extends Schema.TaggedError<WorkerAlreadyRunning>()(
  "WorkerAlreadyRunning",
  { lockFile: Schema.String },
) {
  override get message() {
    return `another worker already runs on this SQLite database (it holds ${this.lockFile}). SQLite allows one worker; stop the other one, or use PostgreSQL (DATABASE_URL) to run several.`
  }
}

const noSnapshots: ReadonlyArray<Overage.Usage> = []

/**
 * A subscription as the alert rules read it: the fields of
 * `SubscriptionRepo.fieldsFromValues` (same checks, same cached decoding of
 * the JSON documents), as a plain object rather than the schema class
 * (constructing one costs more than deciding it). Throws what it rejects;
 * the scan turns that into a defect.
 */
const contractFromValues = (v: ReadonlyArray<unknown>): Renewal.Contract => {
  const fields = SubscriptionRepo.fieldsFromValues(v)
  if (Either.isLeft(fields)) throw fields.left
  return fields.right
}

/** Epoch milliseconds of a stored instant: a number (PostgreSQL's epoch), a Date, or ISO text (SQLite). */
const epochMillis = (v: unknown): number => {
  const ms =
    typeof v === "number"
      ? v
      : v instanceof Date
        ? v.getTime()
        : // Written by UsageRepo as ISO-8601 UTC: Date.parse reads it exactly.
          Date.parse(String(v))
  if (!Number.isFinite(ms))
    throw new Error(`usage_snapshots.taken_at: not an instant: ${String(v)}`)
  return ms
}

/** The metrics document of a snapshot: decimal strings (or numbers) by metric name. */
const metricsOf = (raw: unknown): Record<string, Decimal> => {
  const metrics: Record<string, Decimal> = {}
  const doc = raw as Record<string, unknown>
  for (const k in doc) metrics[k] = new Decimal(String(doc[k]))
  return metrics
}

/**
 * A snapshot as the alert rules read it, from `[taken_at, seats_assigned,
 * metrics]`: written through the schema by UsageRepo.record, and held by the
 * table's types and CHECKs, so no schema decode per row.
 */
const usageFrom = (takenAt: unknown, seatsAssigned: unknown, metrics: unknown): Overage.Usage => ({
  takenAt: { epochMillis: epochMillis(takenAt) },
  seatsAssigned: Columns.int(seatsAssigned),
  metrics: metricsOf(Columns.json(metrics)),
})

/**
 * A subscription's snapshots as SQLite aggregates them into one JSON text
 * per subscription (`json_group_array` of `[taken_at, seats_assigned,
 * metrics]`, oldest first): one row per subscription instead of one per
 * snapshot, parsed at once.
 */
const usagesFromJson = (text: unknown): ReadonlyArray<Overage.Usage> => {
  if (text === null || text === undefined || text === "[]") return noSnapshots
  const list = JSON.parse(String(text)) as ReadonlyArray<readonly [unknown, unknown, unknown]>
  const out = new Array<Overage.Usage>(list.length)
  for (let i = 0; i < list.length; i++) {
    const [takenAt, seats, metrics] = list[i] as readonly [unknown, unknown, unknown]
    out[i] = usageFrom(takenAt, seats, metrics)
  }
  return out
}

export class WorkerStore extends Context.Tag("@crm-cost/store/WorkerStore")<
  WorkerStore,
  {
    /** Active subscriptions after `after` (by id), `limit` of them, with snapshots taken since `snapshotsSince`. */
    readonly scanPage: (
      tenantId: Subscription.TenantId,
      options: {
        readonly after: Option.Option<string>
        readonly limit: number
        readonly snapshotsSince: Date
      },
    ) => Effect.Effect<ReadonlyArray<Scanned>>
    /** Which of `keys` the outbox already holds: one set-based look-up, not one per key. */
    readonly knownKeys: (
      tenantId: Subscription.TenantId,
      keys: ReadonlyArray<string>,
    ) => Effect.Effect<ReadonlySet<string>>
    /**
     * Keeps each alert whose key is new and whose subscription still exists, with a
     * pending delivery per channel; returns how many were kept.
     */
    readonly recordAll: (entries: ReadonlyArray<OutboxEntry>) => Effect.Effect<number>
    /**
     * Saves an auto-renewal roll of `previous` (the subscription as the scan read it)
     * unless its term was changed since (start, anchor day, length or price), or it was
     * cancelled or deleted; true when saved.
     */
    readonly saveRoll: (
      previous: Renewal.Contract,
      rolled: Subscription.Subscription,
    ) => Effect.Effect<boolean>
    /** The alerts behind claimed deliveries. */
    readonly alertsByIds: (
      tenantId: Subscription.TenantId,
      ids: ReadonlyArray<Subscription.AlertId>,
    ) => Effect.Effect<ReadonlyMap<string, AlertToDeliver>>
    /** Runs `self` in one transaction (all or nothing). */
    readonly transaction: <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
    /**
     * Runs `self` unless another worker is deciding (PostgreSQL advisory lock,
     * released with the session if the process dies); none when it was skipped.
     */
    readonly exclusiveRun: <A, E, R>(
      self: Effect.Effect<A, E, R>,
    ) => Effect.Effect<Option.Option<A>, E, R>
    readonly dialect: "sqlite" | "pg"
  }
>() {}

// "(?, ?, …), …" for `rows` rows of `columns` parameters and a fixed tail, kept per
// shape: the same text is the same prepared statement.
const valuesLists = new Map<string, string>()
const valuesList = (rows: number, columns: number, tail?: string): string => {
  const shape = `${rows}:${columns}:${tail ?? ""}`
  let text = valuesLists.get(shape)
  if (text === undefined) {
    const params = Array.from({ length: columns }, () => "?").join(", ")
    const row = `(${params}${tail === undefined ? "" : `, ${tail}`})`
    text = Array.from({ length: rows }, () => row).join(", ")
    if (valuesLists.size < 64) valuesLists.set(shape, text)
  }
  return text
}

/**
 * A row an insert into the outbox may meet: a key written since it was looked
 * up (unique violation), or a subscription deleted since its page was read
 * (foreign key violation). PostgreSQL's SQLSTATE 23505 / 23503; SQLite's
 * extended result codes.
 */
const isOutboxConflict = (e: SqlError): boolean => {
  const cause = e.cause as { readonly code?: unknown } | null | undefined
  const code = typeof cause === "object" && cause !== null ? cause.code : undefined
  return (
    code === "23505" ||
    code === "23503" ||
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    code === "SQLITE_CONSTRAINT_FOREIGNKEY"
  )
}

const chunks = <A>(xs: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size))
  return out
}

export const make = Effect.gen(function* () {
  const { sql, dialect, transaction } = yield* Db

  const subscriptionColumns = sql.literal(SubscriptionRepo.readColumns(dialect))
  // Epoch milliseconds straight from PostgreSQL: no Date per row; ISO text on SQLite.
  const takenAt = sql.literal(
    dialect === "pg" ? "(extract(epoch FROM taken_at) * 1000)::float8" : "taken_at",
  )
  const metrics = sql.literal(dialect === "pg" ? "metrics::text" : "metrics")

  // SQLite: one statement per page, each subscription with its snapshots as one JSON
  // array (a correlated aggregate over the snapshots index is cheap in-process).
  // PostgreSQL: two statements, as a correlated subquery per row costs the server more
  // than a second range scan; the snapshots come as rows and are grouped here.
  const sqliteScan = `SELECT ${SubscriptionRepo.readColumns(dialect)},
      (SELECT json_group_array(json_array(u.taken_at, u.seats_assigned, json(u.metrics))
          ORDER BY u.taken_at, u.id)
        FROM usage_snapshots u
        WHERE u.tenant_id = s.tenant_id AND u.subscription_id = s.id AND u.taken_at >= ?)
    FROM subscriptions s
    WHERE s.tenant_id = ? AND s.status = 'active' AND s.id > ?
    ORDER BY s.id LIMIT ?`
  const snapshotsAt = SubscriptionRepo.readList.length

  const scanPage = (
    tenantId: Subscription.TenantId,
    options: {
      readonly after: Option.Option<string>
      readonly limit: number
      readonly snapshotsSince: Date
    },
  ) =>
    Effect.gen(function* () {
      // Ids start with a letter or digit, so every id sorts after "".
      const after = Option.getOrElse(options.after, () => "")
      const since = options.snapshotsSince.toISOString()
      if (dialect === "sqlite") {
        const rows = yield* sql.unsafe(sqliteScan, [since, tenantId, after, options.limit]).values
        const out = new Array<Scanned>(rows.length)
        for (let i = 0; i < rows.length; i++) {
          const v = rows[i] as ReadonlyArray<unknown>
          out[i] = {
            subscription: contractFromValues(v),
            snapshots: usagesFromJson(v[snapshotsAt]),
          }
        }
        return out
      }
      const rows = yield* sql`SELECT ${subscriptionColumns} FROM subscriptions
        WHERE tenant_id = ${tenantId} AND status = 'active' AND id > ${after}
        ORDER BY id LIMIT ${options.limit}`.values
      const first = rows[0]
      const last = rows[rows.length - 1]
      if (first === undefined || last === undefined) return []
      const snapshotRows = yield* sql`SELECT subscription_id, ${takenAt}, seats_assigned, ${metrics}
        FROM usage_snapshots
        WHERE tenant_id = ${tenantId}
          AND subscription_id >= ${Columns.text(first[0])} AND subscription_id <= ${Columns.text(last[0])}
          AND taken_at >= ${since}
        ORDER BY subscription_id, taken_at, id`.values
      const bySubscription = new Map<string, Array<Overage.Usage>>()
      for (const r of snapshotRows) {
        const id = Columns.text(r[0])
        let list = bySubscription.get(id)
        if (list === undefined) {
          list = []
          bySubscription.set(id, list)
        }
        list.push(usageFrom(r[1], r[2], r[3]))
      }
      const out = new Array<Scanned>(rows.length)
      for (let i = 0; i < rows.length; i++) {
        const subscription = contractFromValues(rows[i] as ReadonlyArray<unknown>)
        out[i] = {
          subscription,
          snapshots: bySubscription.get(subscription.id) ?? noSnapshots,
        }
      }
      return out
    }).pipe(orDie, Effect.withSpan("WorkerStore.scanPage"))

  const knownKeys = (tenantId: Subscription.TenantId, keys: ReadonlyArray<string>) =>
    Effect.gen(function* () {
      const known = new Set<string>()
      for (const chunk of chunks(keys, 10_000)) {
        const rows = yield* sql`SELECT alert_key FROM alerts
          WHERE tenant_id = ${tenantId} AND alert_key IN (SELECT ${keysOf} (${JSON.stringify(chunk)}))`
          .values
        for (const r of rows) known.add(Columns.text(r[0]))
      }
      return known as ReadonlySet<string>
    }).pipe(orDie, Effect.withSpan("WorkerStore.knownKeys"))

  // A page's keys travel as one JSON array parameter, unpacked by the engine.
  const keysOf = sql.literal(dialect === "pg" ? "json_array_elements_text" : "value FROM json_each")
  const alertsFromJson = `SELECT r.tenant_id, r.id, r.alert_key, r.subscription_id, r.kind,
      r.decided_at, r.payload
    FROM json_to_recordset($1::json) AS r(tenant_id text, id text, alert_key text,
      subscription_id text, kind text, decided_at timestamptz, payload jsonb)`
  const deliveriesFromJson = `SELECT r.tenant_id, r.id, r.alert_id, r.channel, 0, 'pending', r.at,
      NULL, r.at
    FROM json_to_recordset($1::json) AS r(tenant_id text, id text, alert_id text,
      channel text, at timestamptz)`

  const alertsJson = (chunk: ReadonlyArray<OutboxEntry>) =>
    JSON.stringify(
      chunk.map((e) => ({
        tenant_id: e.tenantId,
        id: e.id,
        alert_key: e.key,
        subscription_id: e.subscriptionId,
        kind: e.kind,
        decided_at: e.decidedAt.toISOString(),
        payload: e.payload,
      })),
    )
  // Guarded: only rows whose subscription still exists, and whose key is new.
  const stillThere = `WHERE EXISTS (SELECT 1 FROM subscriptions s
      WHERE s.tenant_id = r.tenant_id AND s.id = r.subscription_id)
    ON CONFLICT (tenant_id, alert_key) DO NOTHING`
  const insertAlertsPg = (json: string, guarded: boolean) =>
    sql.unsafe(
      `INSERT INTO alerts (tenant_id, id, alert_key, subscription_id, kind, decided_at, payload)
      ${alertsFromJson} ${guarded ? stillThere : ""} RETURNING id`,
      [json],
    ).values
  const insertAlertsSqlite = (chunk: ReadonlyArray<OutboxEntry>, guarded: boolean) =>
    sql.unsafe(
      guarded
        ? `INSERT INTO alerts (tenant_id, id, alert_key, subscription_id, kind, decided_at, payload)
          SELECT r.column1, r.column2, r.column3, r.column4, r.column5, r.column6, r.column7
          FROM (VALUES ${valuesList(chunk.length, 7)}) AS r
          WHERE EXISTS (SELECT 1 FROM subscriptions s
            WHERE s.tenant_id = r.column1 AND s.id = r.column4)
          ON CONFLICT (tenant_id, alert_key) DO NOTHING RETURNING id`
        : `INSERT INTO alerts (tenant_id, id, alert_key, subscription_id, kind, decided_at, payload)
          VALUES ${valuesList(chunk.length, 7)}
          ON CONFLICT (tenant_id, alert_key) DO NOTHING RETURNING id`,
      chunk.flatMap((e) => [
        e.tenantId,
        e.id,
        e.key,
        e.subscriptionId,
        e.kind,
        e.decidedAt.toISOString(),
        JSON.stringify(e.payload),
      ]),
    ).values

  // The run read its page before this transaction and looked the keys up under its lock,
  // so no row is expected to conflict: a plain INSERT (PostgreSQL: without ON CONFLICT,
  // which costs the server a speculative insertion per row, a third of the insert).
  // Should a key have been written, or a subscription deleted, since then, the chunk goes
  // back to its savepoint and is inserted again, guarded: new keys of subscriptions that
  // still exist. PostgreSQL: a chunk's rows travel as one JSON parameter. SQLite: VALUES
  // lists of parameters, one prepared statement per chunk size (JSON would be parsed per
  // column).
  const insertAlerts = (chunk: ReadonlyArray<OutboxEntry>) =>
    Effect.suspend(() => {
      if (dialect === "pg") {
        const json = alertsJson(chunk)
        return transaction(insertAlertsPg(json, false)).pipe(
          Effect.catchIf(isOutboxConflict, () => insertAlertsPg(json, true)),
        )
      }
      return transaction(insertAlertsSqlite(chunk, false)).pipe(
        Effect.catchIf(isOutboxConflict, () => insertAlertsSqlite(chunk, true)),
      )
    })

  interface NewDelivery {
    readonly tenant_id: string
    readonly id: string
    readonly alert_id: string
    readonly channel: string
    readonly at: string
  }
  const insertDeliveries = (chunk: ReadonlyArray<NewDelivery>) =>
    dialect === "pg"
      ? sql.unsafe(
          `INSERT INTO deliveries (tenant_id, id, alert_id, channel, attempt, status,
            next_attempt_at, last_error, updated_at) ${deliveriesFromJson}`,
          [JSON.stringify(chunk)],
        )
      : sql.unsafe(
          `INSERT INTO deliveries (tenant_id, id, alert_id, channel, attempt, status,
            next_attempt_at, last_error, updated_at)
          VALUES ${valuesList(chunk.length, 4, "0, 'pending', ?, NULL, ?")}`,
          chunk.flatMap((d) => [d.tenant_id, d.id, d.alert_id, d.channel, d.at, d.at]),
        )

  const chunkSize = dialect === "pg" ? 5_000 : 1_000

  const recordAll = (entries: ReadonlyArray<OutboxEntry>) =>
    Effect.gen(function* () {
      if (entries.length === 0) return 0
      const inserted = new Set<string>()
      for (const chunk of chunks(entries, chunkSize)) {
        const ids = yield* insertAlerts(chunk)
        for (const r of ids) inserted.add(Columns.text(r[0]))
      }
      const deliveries: Array<NewDelivery> = []
      for (const e of entries) {
        if (!inserted.has(e.id)) continue
        const at = e.decidedAt.toISOString()
        for (const channel of new Set(e.channels)) {
          deliveries.push({
            tenant_id: e.tenantId,
            id: timeOrderedId(),
            alert_id: e.id,
            channel,
            at,
          })
        }
      }
      for (const chunk of chunks(deliveries, chunkSize)) {
        yield* insertDeliveries(chunk)
      }
      return inserted.size
    }).pipe(orDie, Effect.withSpan("WorkerStore.recordAll"))

  const saveRoll = (previous: Renewal.Contract, rolled: Subscription.Subscription) =>
    Effect.gen(function* () {
      const row = yield* SubscriptionRepo.toRow(dialect, rolled)
      const updated = yield* sql`UPDATE subscriptions SET
          term_start = ${row.term_start}, anchor_day = ${row.anchor_day},
          renewal_date = ${row.renewal_date},
          notice_deadline = ${row.notice_deadline}, price_amount = ${row.price_amount},
          updated_at = ${new Date().toISOString()}
        WHERE tenant_id = ${row.tenant_id} AND id = ${row.id} AND term_start = ${previous.termStart}
          AND anchor_day IS NOT DISTINCT FROM ${previous.anchorDay ?? null}
          AND term_months = ${previous.termMonths}
          AND price_amount = ${toFixedString(previous.recurringPrice)}
          AND status = 'active'
        RETURNING id`
      return updated.length > 0
    }).pipe(orDie, Effect.withSpan("WorkerStore.saveRoll"))

  const alertsByIds = (tenantId: Subscription.TenantId, ids: ReadonlyArray<Subscription.AlertId>) =>
    Effect.gen(function* () {
      const out = new Map<string, AlertToDeliver>()
      if (ids.length === 0) return out
      const rows = yield* sql`SELECT a.id, a.alert_key, a.subscription_id, a.kind, a.decided_at,
          a.payload, s.channels
        FROM alerts a JOIN subscriptions s
          ON s.tenant_id = a.tenant_id AND s.id = a.subscription_id
        WHERE a.tenant_id = ${tenantId} AND ${sql.in("a.id", [...ids])}`
      for (const r of rows) {
        const channels = channelsOf(r.channels)
        out.set(Columns.text(r.id), {
          id: Subscription.AlertId.make(Columns.text(r.id), true),
          key: Subscription.AlertKey.make(Columns.text(r.alert_key), true),
          subscriptionId: Subscription.SubscriptionId.make(Columns.text(r.subscription_id), true),
          kind: Columns.text(r.kind),
          decidedAt: new Date(Columns.instant(r.decided_at)),
          payload: Columns.json(r.payload),
          channels: Either.mapLeft(channels, (e) => e.message),
        })
      }
      return out
    }).pipe(orDie, Effect.withSpan("WorkerStore.alertsByIds"))

  const exclusiveRun = <A, E, R>(self: Effect.Effect<A, E, R>) =>
    dialect === "sqlite"
      ? // One worker process per file (see `singleWorker`): nobody to exclude.
        Effect.asSome(self)
      : Effect.scoped(
          Effect.gen(function* () {
            const conn = yield* Effect.orDie(sql.reserve)
            const lockId = "hashtext(current_schema() || '.crm_cost_worker_decide')"
            const rows = yield* Effect.orDie(
              conn.executeUnprepared(`SELECT pg_try_advisory_lock(${lockId}) AS ok`, [], undefined),
            )
            const ok = Columns.bool((rows[0] as Record<string, unknown> | undefined)?.ok)
            if (!ok) return Option.none<A>()
            return yield* Effect.asSome(self).pipe(
              Effect.ensuring(
                Effect.ignore(
                  conn.executeUnprepared(`SELECT pg_advisory_unlock(${lockId})`, [], undefined),
                ),
              ),
            )
          }),
        )

  const tx = <A, E, R>(self: Effect.Effect<A, E, R>) =>
    transaction(self).pipe(
      Effect.catchIf(
        (e): e is Extract<E | SqlError, SqlError> =>
          typeof e === "object" && e !== null && "_tag" in e && e._tag === "SqlError",
        Effect.die,
      ),
    ) as Effect.Effect<A, E, R>

  return WorkerStore.of({
    scanPage,
    knownKeys,
    recordAll,
    saveRoll,
    alertsByIds,
    transaction: tx,
    exclusiveRun,
    dialect,
  })
})

export const layer = Layer.effect(WorkerStore, make)

/**
 * Holds, for the life of the scope, the one worker slot of the configured
 * SQLite database: an exclusive lock on `<database>.worker-lock`, which the
 * operating system releases when the process ends, even by SIGKILL. A second
 * worker fails at once with `WorkerAlreadyRunning`. On PostgreSQL any number
 * of workers run; they take turns deciding (see `exclusiveRun`).
 */
export const singleWorker = Layer.scopedDiscard(
  Effect.gen(function* () {
    const t = yield* Effect.orDie(target)
    if (t._tag !== "sqlite" || t.filename === ":memory:") return
    const lockFile = `${t.filename}.worker-lock`
    yield* Effect.sync(() => Fs.mkdirSync(Path.dirname(lockFile), { recursive: true }))
    const client = yield* SqliteClient.make({ filename: lockFile, disableWAL: true }).pipe(
      Effect.provide(Reactivity.layer),
      Effect.orDie,
    )
    yield* Effect.orDie(client`PRAGMA busy_timeout = 0`)
    yield* client`BEGIN EXCLUSIVE`.pipe(
      Effect.mapError(() => new WorkerAlreadyRunning({ lockFile: Path.resolve(lockFile) })),
    )
  }),
)
