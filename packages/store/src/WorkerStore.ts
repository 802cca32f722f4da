/**
 * What the alert worker needs from the store beyond the repository ports:
 * a paged scan of active subscriptions with their recent usage snapshots
 * (one query each per page, not one per subscription), the outbox written a
 * page at a time (one statement per table, skipping known keys), the
 * auto-renewal roll saved only when nobody changed the term meanwhile, the
 * alerts of claimed deliveries, and the locks that keep workers apart:
 * one worker process per SQLite file, one deciding run at a time on
 * PostgreSQL.
 */
import * as Fs from "node:fs"
import * as Path from "node:path"
import { Decimal } from "@crm-cost/domain/Money"
import * as Subscription from "@crm-cost/domain/Subscription"
import * as Reactivity from "@effect/experimental/Reactivity"
import type { SqlError } from "@effect/sql/SqlError"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import { Context, DateTime, Effect, Either, Layer, Option, Schema } from "effect"
import * as Columns from "./Columns.js"
import { Db, orDie, target } from "./Database.js"
import * as SubscriptionRepo from "./SubscriptionRepo.js"

/** A subscription with its snapshots since the scan's horizon, oldest first. */
export interface Scanned {
  readonly subscription: Subscription.Subscription
  readonly snapshots: ReadonlyArray<Subscription.UsageSnapshot>
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
  readonly channels: ReadonlyArray<Subscription.AlertChannel>
}

export class WorkerAlreadyRunning extends Schema.TaggedError<WorkerAlreadyRunning>()(
  "WorkerAlreadyRunning",
  { lockFile: Schema.String },
) {
  override get message() {
    return `another worker already runs on this SQLite database (it holds ${this.lockFile}). SQLite allows one worker; stop the other one, or use PostgreSQL (DATABASE_URL) to run several.`
  }
}

const decodeChannels = Schema.decodeUnknownEither(Schema.Array(Subscription.AlertChannel))

const snapshotFromRow = (row: Record<string, unknown>): Subscription.UsageSnapshot => {
  const raw = Columns.json(row.metrics) as Record<string, unknown>
  const metrics: Record<string, Decimal> = {}
  for (const k in raw) metrics[k] = new Decimal(String(raw[k]))
  // Written through the schema by UsageRepo.record; the table's CHECKs hold the rest.
  return new Subscription.UsageSnapshot(
    {
      id: Subscription.UsageSnapshotId.make(Columns.text(row.id), true),
      tenantId: Subscription.TenantId.make(Columns.text(row.tenant_id), true),
      subscriptionId: Subscription.SubscriptionId.make(Columns.text(row.subscription_id), true),
      takenAt: DateTime.unsafeMake(
        row.taken_at instanceof Date ? row.taken_at : Columns.instant(row.taken_at),
      ),
      seatsAssigned: Columns.int(row.seats_assigned),
      metrics,
    },
    true,
  )
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
    /** Keeps each alert whose key is new, with a pending delivery per channel; returns how many were new. */
    readonly recordAll: (entries: ReadonlyArray<OutboxEntry>) => Effect.Effect<number>
    /** Saves an auto-renewal roll unless the term was changed since it was read; true when saved. */
    readonly saveRoll: (
      previousTermStart: string,
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

const chunks = <A>(xs: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size))
  return out
}

export const make = Effect.gen(function* () {
  const { sql, dialect, transaction } = yield* Db
  const write = Columns.writer(dialect)

  const scanPage = (
    tenantId: Subscription.TenantId,
    options: {
      readonly after: Option.Option<string>
      readonly limit: number
      readonly snapshotsSince: Date
    },
  ) =>
    Effect.gen(function* () {
      const rows = yield* Option.match(options.after, {
        onNone: () => sql`SELECT * FROM subscriptions
          WHERE tenant_id = ${tenantId} AND status = 'active'
          ORDER BY id LIMIT ${options.limit}`,
        onSome: (after) => sql`SELECT * FROM subscriptions
          WHERE tenant_id = ${tenantId} AND status = 'active' AND id > ${after}
          ORDER BY id LIMIT ${options.limit}`,
      })
      const first = rows[0]
      const last = rows[rows.length - 1]
      if (first === undefined || last === undefined) return []
      const snapshotRows = yield* sql`SELECT * FROM usage_snapshots
        WHERE tenant_id = ${tenantId}
          AND subscription_id >= ${Columns.text(first.id)} AND subscription_id <= ${Columns.text(last.id)}
          AND taken_at >= ${options.snapshotsSince.toISOString()}
        ORDER BY subscription_id, taken_at, id`
      const bySubscription = new Map<string, Array<Subscription.UsageSnapshot>>()
      for (const r of snapshotRows) {
        const id = Columns.text(r.subscription_id)
        let list = bySubscription.get(id)
        if (list === undefined) {
          list = []
          bySubscription.set(id, list)
        }
        list.push(snapshotFromRow(r))
      }
      const out: Array<Scanned> = []
      for (const row of rows) {
        const decoded = SubscriptionRepo.fromRow(row)
        if (Either.isLeft(decoded)) return yield* Effect.die(decoded.left)
        out.push({
          subscription: decoded.right,
          snapshots: bySubscription.get(decoded.right.id) ?? [],
        })
      }
      return out
    }).pipe(orDie, Effect.withSpan("WorkerStore.scanPage"))

  const recordAll = (entries: ReadonlyArray<OutboxEntry>) =>
    Effect.gen(function* () {
      if (entries.length === 0) return 0
      const inserted = new Set<string>()
      for (const chunk of chunks(entries, 2_000)) {
        const rows = yield* sql`INSERT INTO alerts ${sql.insert(
          chunk.map((e) => ({
            tenant_id: e.tenantId,
            id: e.id,
            alert_key: e.key,
            subscription_id: e.subscriptionId,
            kind: e.kind,
            decided_at: e.decidedAt.toISOString(),
            payload: write.json(e.payload),
          })),
        )} ON CONFLICT (tenant_id, alert_key) DO NOTHING RETURNING id`
        for (const r of rows) inserted.add(Columns.text(r.id))
      }
      const deliveries = entries
        .filter((e) => inserted.has(e.id))
        .flatMap((e) =>
          [...new Set(e.channels)].map((channel) => ({
            tenant_id: e.tenantId,
            id: crypto.randomUUID(),
            alert_id: e.id,
            channel,
            attempt: 0,
            status: "pending",
            next_attempt_at: e.decidedAt.toISOString(),
            last_error: null,
            updated_at: e.decidedAt.toISOString(),
          })),
        )
      for (const chunk of chunks(deliveries, 2_000)) {
        yield* sql`INSERT INTO deliveries ${sql.insert(chunk)}`
      }
      return inserted.size
    }).pipe(orDie, Effect.withSpan("WorkerStore.recordAll"))

  const saveRoll = (previousTermStart: string, rolled: Subscription.Subscription) =>
    Effect.gen(function* () {
      const row = yield* SubscriptionRepo.toRow(dialect, rolled)
      const updated = yield* sql`UPDATE subscriptions SET
          term_start = ${row.term_start}, renewal_date = ${row.renewal_date},
          notice_deadline = ${row.notice_deadline}, price_amount = ${row.price_amount},
          updated_at = ${new Date().toISOString()}
        WHERE tenant_id = ${row.tenant_id} AND id = ${row.id} AND term_start = ${previousTermStart}
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
        const channels = decodeChannels(Columns.json(r.channels))
        out.set(Columns.text(r.id), {
          id: Subscription.AlertId.make(Columns.text(r.id), true),
          key: Subscription.AlertKey.make(Columns.text(r.alert_key), true),
          subscriptionId: Subscription.SubscriptionId.make(Columns.text(r.subscription_id), true),
          kind: Columns.text(r.kind),
          decidedAt: new Date(Columns.instant(r.decided_at)),
          payload: Columns.json(r.payload),
          channels: Either.getOrElse(channels, () => []),
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
