/**
 * Bench: decide alerts over N subscriptions (default 1,000,000) with two
 * usage snapshots each, on SQLite (temp file) and PostgreSQL (DATABASE_URL,
 * a schema of its own, dropped afterwards). `seconds` is the deciding run
 * (scan, decide, write the outbox, save rolls), not the data generation,
 * which the database does set-based (one INSERT … SELECT per table) in a
 * child process; `rss_mb` is the peak resident memory of the deciding
 * process, each engine in a process of its own; `cpu_seconds` (detail line)
 * is the process's CPU time over the run, V8's helper threads included. The
 * package scripts run node with a 16 MB young generation (a page's objects
 * die young there instead of being promoted; 4 MB doubled the time spent in
 * GC) and a slow-growing old one: the run's live data is one page or two, so
 * V8's default growth would only hold garbage.
 *
 * Usage: pnpm --filter @crm-cost/worker bench [--rows N] [--engine sqlite|postgres]
 */
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import * as Calendar from "@crm-cost/domain/Calendar"
import * as Database from "@crm-cost/store/Database"
import * as Store from "@crm-cost/store/Store"
import * as SqlClient from "@effect/sql/SqlClient"
import { ConfigProvider, Effect, Layer, Option, Redacted } from "effect"
import * as Run from "../src/Run.js"
import * as Worker from "../src/Worker.js"

const argValue = (name: string) => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const ROWS = Number(argValue("--rows") ?? 1_000_000)
const ONLY = argValue("--engine")
const TENANT = "bench"
// The child that generates the data decides nothing and must see the same instant.
const now = new Date(argValue("--now") ?? Date.now())
const today = Calendar.fromInstant(now, "UTC")

const quotas = JSON.stringify([
  {
    metric: "api-calls",
    included: "100000",
    per: "month",
    overageRate: { amount: "5.00", currency: "USD" },
    overageUnit: "1000",
  },
])
const channels = JSON.stringify([{ _tag: "Log" }])

const rssMb = () => Math.round(process.memoryUsage.rss() / 1_048_576)

/**
 * A deterministic pseudo-random integer in [0, 2^24) per row number `i` and
 * `salt`: a multiplicative hash, high bits kept. Set-based, so the database
 * generates the data in one statement per table instead of row by row.
 */
const h = (salt: number) => `((((i + ${salt}) * 2654435761) % 4294967296) / 256)`
const pickSql = (salt: number, values: ReadonlyArray<string>) =>
  `CASE ${h(salt)} % ${values.length} ${values.map((v, k) => `WHEN ${k} THEN ${v}`).join(" ")} END`

/** The rows 0..ROWS-1 with the random draws of a subscription, as CTEs per engine. */
const draws = (pg: boolean) => `
  ${pg ? `n AS (SELECT generate_series(0, ${ROWS - 1})::bigint AS i)` : `n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS - 1})`},
  d AS (SELECT i,
    ${pickSql(1, ["12", "12", "12", "24", "36"])} AS term_months,
    ${pickSql(3, ["0", "30", "60", "90"])} AS notice_days,
    5 + ${h(4)} % 200 AS seats,
    ${pickSql(5, ["'Salesforce'", "'HubSpot'", "'Zoho'", "'纷享销客'"])} AS vendor,
    1 + ${h(6)} % 100000 AS price,
    ${pickSql(7, ["'UTC'", "'Asia/Shanghai'", "'Europe/Berlin'", "'America/New_York'"])} AS time_zone,
    ${h(2)} AS start_draw
    FROM n),
  t AS (SELECT d.*, ${
    pg
      ? `DATE '${today}' - (start_draw % ((term_months * 304) / 10))::int`
      : `date('${today}', '-' || (start_draw % ((term_months * 304) / 10)) || ' days')`
  } AS term_start FROM d),
  r AS (SELECT t.*, ${
    pg
      ? "(term_start + make_interval(months => term_months::int))::date"
      : // SQLite rolls 31 Jan + 1 month over into March; clamp to the month's end as the domain does.
        `CASE WHEN strftime('%d', date(term_start, '+' || term_months || ' months')) = strftime('%d', term_start)
          THEN date(term_start, '+' || term_months || ' months')
          ELSE date(term_start, '+' || term_months || ' months', 'start of month', '-1 day') END`
  } AS renewal_date FROM t)`

const generate = Effect.gen(function* () {
  const { sql, dialect, transaction } = yield* Database.Db
  const created = now.toISOString()
  const pg = dialect === "pg"
  const at = (daysAgo: number) => {
    const iso = new Date(now.getTime() - daysAgo * 86_400_000).toISOString()
    return pg ? `TIMESTAMPTZ '${iso}'` : `'${iso}'`
  }
  const id = pg ? "'sub-' || lpad(i::text, 7, '0')" : "'sub-' || substr('000000' || i, -7)"
  yield* transaction(
    Effect.gen(function* () {
      yield* sql`INSERT INTO tenants ${sql.insert({ id: TENANT, name: "Bench", created_at: created })}`
      yield* sql.unsafe(`WITH RECURSIVE ${draws(pg)}
        INSERT INTO subscriptions (tenant_id, id, vendor, offer_id, seats_bought, term_start,
          term_months, auto_renew, notice_days, renewal_date, notice_deadline, price_amount,
          price_currency, renewal_uplift, quotas, owners, channels, time_zone, reminder_offsets,
          status, created_at, updated_at)
        SELECT '${TENANT}', ${id}, vendor, NULL, seats, term_start, term_months, ${pg ? "true" : "1"},
          notice_days, renewal_date,
          ${pg ? "renewal_date - notice_days::int" : "date(renewal_date, '-' || notice_days || ' days')"},
          ${pg ? "(price || '.00')::numeric" : "price || '.00'"}, 'USD', '0.05', '${quotas}', '[]',
          '${channels}', time_zone, '[90,60,30,7,1]', 'active', '${created}', '${created}'
        FROM r`)
      // Two snapshots each, 6 and 1 days ago; 3 % assign more seats than bought.
      yield* sql.unsafe(`WITH RECURSIVE ${draws(pg)},
        k(k) AS (SELECT 0 UNION ALL SELECT 1)
        INSERT INTO usage_snapshots (tenant_id, id, subscription_id, taken_at, seats_assigned, metrics)
        SELECT '${TENANT}', ${id} || '-u' || k, ${id}, CASE k WHEN 0 THEN ${at(6)} ELSE ${at(1)} END,
          seats + CASE WHEN ${h(8)} % 100 < 3 THEN 3 ELSE -1 END,
          ${pg ? "(" : ""}'{"api-calls":"' || (${h(9)} % 90000 + k * (${h(10)} % 4000)) || '"}'${pg ? ")::jsonb" : ""}
        FROM r CROSS JOIN k`)
    }),
  )
  yield* sql.unsafe("ANALYZE")
})

const config = ConfigProvider.fromMap(new Map([["WORKER_PAGE_SIZE", "5000"]]))

type Engine = "sqlite" | "postgres"

const layerOf = (engine: Engine, target: string) =>
  engine === "sqlite" ? Database.layerSqlite(target) : Database.layerPg(Redacted.make(target))

/**
 * Generates the data in a child process (this script with `--generate`), so
 * the memory it takes is not the deciding run's; returns its seconds.
 */
const generateApart = (engine: Engine, target: string) =>
  Effect.sync(() => {
    const start = performance.now()
    const child = ChildProcess.spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        process.argv[1] ?? "",
        "--generate",
        engine,
        "--target",
        target,
        "--rows",
        String(ROWS),
        "--now",
        now.toISOString(),
      ],
      { stdio: "inherit" },
    )
    if (child.status !== 0) throw new Error(`data generation failed (${child.status})`)
    return (performance.now() - start) / 1000
  })

const run = (engine: Engine, target: string) =>
  Effect.gen(function* () {
    const genSeconds = yield* generateApart(engine, target)
    return yield* Effect.gen(function* () {
      const before = rssMb()
      let peak = before
      const timer = setInterval(() => {
        peak = Math.max(peak, rssMb())
      }, 20)
      const start = performance.now()
      const cpuStart = process.cpuUsage()
      const summary = yield* Run.decideAll
      const seconds = (performance.now() - start) / 1000
      const cpu = process.cpuUsage(cpuStart)
      clearInterval(timer)
      peak = Math.max(peak, rssMb())
      const s = Option.getOrThrow(summary)
      return [
        `worker-decide-detail engine=${engine} generate_seconds=${genSeconds.toFixed(1)} cpu_seconds=${((cpu.user + cpu.system) / 1e6).toFixed(2)} alerts_due=${s.decided} alerts_new=${s.recorded} renewed=${s.renewed} rss_before_mb=${before} heap_total_mb=${Math.round(process.memoryUsage().heapTotal / 1_048_576)}`,
        `worker-decide engine=${engine} subscriptions=${s.subscriptions} seconds=${seconds.toFixed(2)} rss_mb=${peak}`,
      ]
    }).pipe(
      Effect.provide(
        Worker.services.pipe(
          Layer.provideMerge(Store.layerOn(layerOf(engine, target))),
          Layer.provide(Layer.setConfigProvider(config)),
        ),
      ),
    )
  }).pipe(Effect.orDie)

const sqliteRun = Effect.suspend(() => {
  const dir = Fs.mkdtempSync(Path.join(Os.tmpdir(), "crm-cost-worker-bench-"))
  return run("sqlite", Path.join(dir, "bench.db")).pipe(
    Effect.ensuring(Effect.sync(() => Fs.rmSync(dir, { recursive: true, force: true }))),
  )
})

const onPg = (url: string, statement: string) =>
  Effect.scoped(
    Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe(statement)).pipe(
      Effect.provide(Database.pgClientLayer(Redacted.make(url))),
    ),
  )

const pgRun = Effect.suspend(() => {
  const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test"
  const schema = `crm_cost_worker_bench_${process.pid}`
  const u = new URL(url)
  u.searchParams.set("options", `-c search_path=${schema}`)
  return onPg(url, `CREATE SCHEMA ${schema}`).pipe(
    Effect.zipRight(run("postgres", u.toString())),
    Effect.ensuring(Effect.orDie(onPg(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`))),
  )
})

const GENERATE = argValue("--generate")

/** Detail first, the figures last. */
const print = (lines: ReadonlyArray<string>) =>
  Effect.sync(() => {
    for (const l of lines.filter((l) => l.startsWith("worker-decide-detail"))) console.log(l)
    for (const l of lines.filter((l) => !l.startsWith("worker-decide-detail"))) console.log(l)
  })

const main =
  GENERATE === "sqlite" || GENERATE === "postgres"
    ? Effect.provide(generate, layerOf(GENERATE, argValue("--target") ?? ""))
    : ONLY === "sqlite"
      ? Effect.flatMap(sqliteRun, print)
      : ONLY === "postgres"
        ? Effect.flatMap(pgRun, print)
        : // Each engine in a process of its own, so neither run's memory is the other's.
          Effect.sync(() => {
            const lines = (["sqlite", "postgres"] as const).flatMap((engine) => {
              const child = ChildProcess.spawnSync(
                process.execPath,
                [
                  ...process.execArgv,
                  process.argv[1] ?? "",
                  "--engine",
                  engine,
                  "--rows",
                  String(ROWS),
                ],
                { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" },
              )
              if (child.status !== 0) throw new Error(`the ${engine} run failed (${child.status})`)
              return child.stdout.split("\n").filter((l) => l.startsWith("worker-decide"))
            })
            return lines
          }).pipe(Effect.flatMap(print))

Effect.runPromise(Effect.orDie(main)).catch((e) => {
  console.error(e)
  process.exit(1)
})
