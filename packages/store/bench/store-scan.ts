/**
 * Bench: insert N generated subscriptions (default 1,000,000) and stream the
 * ones whose notice deadline or renewal falls in the next 90 days, through
 * SubscriptionRepo.streamDue, on SQLite (temp file) and on PostgreSQL
 * (DATABASE_URL, in a schema of its own, dropped afterwards).
 *
 * `seconds` is the scan; inserts are timed on their own line. `rss_mb` is
 * the peak resident memory sampled during the scan.
 *
 * Usage: pnpm --filter @crm-cost/store bench [--rows N] [--engine sqlite|postgres]
 */
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import * as Calendar from "@crm-cost/domain/Calendar"
import * as Ports from "@crm-cost/domain/Ports"
import * as Subscription from "@crm-cost/domain/Subscription"
import * as Reactivity from "@effect/experimental/Reactivity"
import type * as SqlClient from "@effect/sql/SqlClient"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Config, DateTime, Effect, Layer, Option, Redacted, Stream } from "effect"
import * as Database from "../src/Database.js"
import * as SubscriptionRepo from "../src/SubscriptionRepo.js"
import * as TenantRepo from "../src/TenantRepo.js"

const argValue = (name: string) => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const ROWS = Number(argValue("--rows") ?? 1_000_000)
const ONLY = argValue("--engine")
const TENANT = Subscription.TenantId.make("bench")
const today = Calendar.fromInstant(new Date(), "UTC")
const window = { from: today, to: Calendar.addDays(today, 90) }

// Deterministic: the same rows every run, on either engine (the seed is reset per run).
let seed = 42
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
  return seed / 2_147_483_648
}
const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(random() * xs.length)] as A

const channels = JSON.stringify([{ _tag: "Log" }])
const quotas = JSON.stringify([
  {
    metric: "storage-gb",
    included: "10",
    per: "term",
    overageRate: { amount: "5.00", currency: "USD" },
    overageUnit: "1",
  },
])

// A few thousand (start, term, notice) combinations: derive their dates once, not per row.
const termDates = new Map<string, readonly [string, string, string]>()
const datesOf = (daysBack: number, termMonths: number, noticeDays: number) => {
  const key = `${daysBack}/${termMonths}/${noticeDays}`
  let dates = termDates.get(key)
  if (dates === undefined) {
    const s = { termStart: Calendar.addDays(today, -daysBack), termMonths, noticeDays }
    dates = [s.termStart, Subscription.renewalDate(s), Subscription.noticeDeadline(s)]
    termDates.set(key, dates)
  }
  return dates
}

/**
 * The columns that vary between generated rows, positionally: id, vendor,
 * seats_bought, term_start, term_months, notice_days, renewal_date,
 * notice_deadline, price_amount. The rest are bound once per statement.
 */
const generated = (i: number) => {
  const termMonths = pick([12, 12, 12, 12, 24, 36])
  const daysBack = Math.floor(random() * termMonths * 30.4)
  const noticeDays = pick([0, 30, 60, 90])
  const [termStart, renewalDate, noticeDeadline] = datesOf(daysBack, termMonths, noticeDays)
  return [
    `sub-${String(i).padStart(7, "0")}`,
    pick(["Salesforce", "HubSpot", "Zoho", "Pipedrive", "纷享销客"]),
    1 + Math.floor(random() * 500),
    termStart,
    termMonths,
    noticeDays,
    renewalDate,
    noticeDeadline,
    `${1 + Math.floor(random() * 100_000)}.${String(Math.floor(random() * 100)).padStart(2, "0")}`,
  ] as const
}

const columns =
  "tenant_id, id, vendor, offer_id, seats_bought, term_start, term_months, auto_renew, notice_days, renewal_date, notice_deadline, price_amount, price_currency, renewal_uplift, quotas, owners, channels, time_zone, reminder_offsets, status, created_at, updated_at"

/**
 * One statement inserts a whole batch sent as one JSON array of row arrays:
 * no per-row round trip, no statement with tens of thousands of placeholders
 * to compile. Arrays, not objects: SQLite reads `->> 0` far faster than keys.
 */
const insertBatch = (
  sql: SqlClient.SqlClient,
  dialect: Database.Dialect,
  batch: string,
  now: string,
) =>
  dialect === "sqlite"
    ? sql`INSERT INTO subscriptions (${sql.literal(columns)})
      SELECT ${TENANT}, r.value ->> 0, r.value ->> 1, NULL, r.value ->> 2, r.value ->> 3,
        r.value ->> 4, 1, r.value ->> 5, r.value ->> 6, r.value ->> 7, r.value ->> 8,
        'USD', '0.05', ${quotas}, '[]', ${channels}, 'Asia/Shanghai', '[90,60,30,7,1]', 'active',
        ${now}, ${now}
      FROM json_each(${batch}) AS r`
    : sql`INSERT INTO subscriptions (${sql.literal(columns)})
      SELECT ${TENANT}, r ->> 0, r ->> 1, NULL, (r ->> 2)::integer, (r ->> 3)::date,
        (r ->> 4)::integer, TRUE, (r ->> 5)::integer, (r ->> 6)::date, (r ->> 7)::date,
        (r ->> 8)::numeric, 'USD', 0.05, ${quotas}::jsonb, '[]'::jsonb, ${channels}::jsonb,
        'Asia/Shanghai', '[90,60,30,7,1]'::jsonb, 'active', ${now}::timestamptz, ${now}::timestamptz
      FROM json_array_elements(${batch}::json) AS r`

/** The indexes of `subscriptions` other than its primary key, with the statements that made them. */
const secondaryIndexes = (sql: SqlClient.SqlClient, dialect: Database.Dialect) =>
  dialect === "sqlite"
    ? sql<{ readonly name: string; readonly ddl: string }>`SELECT name, sql AS ddl
        FROM sqlite_master
        WHERE type = 'index' AND tbl_name = 'subscriptions' AND sql IS NOT NULL`
    : sql<{ readonly name: string; readonly ddl: string }>`SELECT indexname AS name, indexdef AS ddl
        FROM pg_indexes i
        WHERE schemaname = current_schema() AND tablename = 'subscriptions'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`

const rssMb = () => Math.round(process.memoryUsage.rss() / 1_048_576)

const run = (engine: "sqlite" | "postgres") =>
  Effect.gen(function* () {
    const { sql, dialect, transaction } = yield* Database.Db
    yield* (yield* Ports.TenantRepo).create(
      new Subscription.Tenant({ id: TENANT, name: "Bench", createdAt: yield* DateTime.now }),
    )
    seed = 42
    const now = new Date().toISOString()
    const perStatement = 20_000
    const insertStart = performance.now()
    // One transaction: one commit (one fsync) for the whole load. The
    // secondary indexes are dropped and rebuilt from their own DDL inside
    // it: one sort each instead of a million inserts at random places.
    yield* transaction(
      Effect.gen(function* () {
        const indexes = yield* secondaryIndexes(sql, dialect)
        for (const { name } of indexes) yield* sql`DROP INDEX ${sql(name)}`
        for (let from = 0; from < ROWS; from += perStatement) {
          const rows = []
          for (let i = from; i < Math.min(ROWS, from + perStatement); i++) rows.push(generated(i))
          yield* insertBatch(sql, dialect, JSON.stringify(rows), now)
        }
        for (const { ddl } of indexes) yield* sql.unsafe(ddl)
      }),
    )
    yield* sql`ANALYZE subscriptions`
    const insertSeconds = (performance.now() - insertStart) / 1000

    const repo = yield* Ports.SubscriptionRepo
    const rssBefore = rssMb()
    let peak = rssBefore
    let matched = 0
    const scanStart = performance.now()
    yield* repo.streamDue(TENANT, window).pipe(
      Stream.runForEach(() =>
        Effect.sync(() => {
          matched++
          if (matched % 10_000 === 0) peak = Math.max(peak, rssMb())
        }),
      ),
    )
    peak = Math.max(peak, rssMb())
    const scanSeconds = (performance.now() - scanStart) / 1000
    return {
      detail: [
        `store-insert engine=${engine} rows=${ROWS} seconds=${insertSeconds.toFixed(2)}`,
        `store-scan-detail engine=${engine} window=${window.from}..${window.to} matched=${matched} page=${SubscriptionRepo.pageSize} rss_before_mb=${rssBefore}`,
      ],
      final: `store-scan engine=${engine} rows=${ROWS} seconds=${scanSeconds.toFixed(2)} rss_mb=${peak}`,
    }
  })

const repos = Layer.mergeAll(TenantRepo.layer, SubscriptionRepo.layer)

const sqliteRun = Effect.gen(function* () {
  const dir = Fs.mkdtempSync(Path.join(Os.tmpdir(), "crm-cost-bench-"))
  return yield* run("sqlite").pipe(
    Effect.provide(
      repos.pipe(Layer.provideMerge(Database.layerSqlite(Path.join(dir, "bench.db")))),
    ),
    Effect.ensuring(Effect.sync(() => Fs.rmSync(dir, { recursive: true, force: true }))),
  )
})

const onPg = (url: Redacted.Redacted, statement: string) =>
  Effect.scoped(Effect.flatMap(PgClient.make({ url }), (sql) => sql.unsafe(statement))).pipe(
    Effect.provide(Reactivity.layer),
  )

const postgresRun = Effect.gen(function* () {
  const url = yield* Config.option(Config.redacted("DATABASE_URL"))
  if (Option.isNone(url) || Redacted.value(url.value) === "") {
    return yield* Effect.fail("DATABASE_URL is not set: PostgreSQL part skipped")
  }
  const schema = `crm_cost_bench_${process.pid}`
  const u = new URL(Redacted.value(url.value))
  u.searchParams.set("options", `-c search_path=${schema}`)
  yield* onPg(url.value, `CREATE SCHEMA ${schema}`)
  return yield* run("postgres").pipe(
    Effect.provide(repos.pipe(Layer.provideMerge(Database.layerPg(Redacted.make(u.toString()))))),
    Effect.ensuring(Effect.orDie(onPg(url.value, `DROP SCHEMA IF EXISTS ${schema} CASCADE`))),
  )
})

const main = Effect.gen(function* () {
  const results: Array<{ detail: ReadonlyArray<string>; final: string }> = []
  if (ONLY === undefined || ONLY === "sqlite") {
    const r = yield* sqliteRun
    for (const l of r.detail) console.log(l)
    results.push(r)
  }
  if (ONLY === undefined || ONLY === "postgres") {
    const r = yield* postgresRun
    for (const l of r.detail) console.log(l)
    results.push(r)
  }
  for (const r of results) console.log(r.final)
})

Effect.runPromise(main).catch((e) => {
  console.error(e)
  process.exit(1)
})
