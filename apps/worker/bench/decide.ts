/**
 * Bench: decide alerts over N subscriptions (default 1,000,000) with two
 * usage snapshots each, on SQLite (temp file) and PostgreSQL (DATABASE_URL,
 * a schema of its own, dropped afterwards). `seconds` is the deciding run
 * (scan, decide, write the outbox, save rolls), not the data generation;
 * `rss_mb` is the peak resident memory sampled during the run.
 *
 * Usage: pnpm --filter @crm-cost/worker bench [--rows N] [--engine sqlite|postgres]
 */
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import * as Calendar from "@crm-cost/domain/Calendar"
import * as Subscription from "@crm-cost/domain/Subscription"
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
const now = new Date()
const today = Calendar.fromInstant(now, "UTC")

let seed = 7
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
  return seed / 2_147_483_648
}
const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(random() * xs.length)] as A

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

const generate = Effect.gen(function* () {
  const { sql, dialect, transaction } = yield* Database.Db
  const created = now.toISOString()
  yield* sql`INSERT INTO tenants ${sql.insert({ id: TENANT, name: "Bench", created_at: created })}`
  const perStatement = dialect === "sqlite" ? 1_000 : 2_000
  for (let done = 0; done < ROWS; done += 50_000) {
    yield* transaction(
      Effect.gen(function* () {
        const end = Math.min(ROWS, done + 50_000)
        for (let from = done; from < end; from += perStatement) {
          const subs = []
          const snaps = []
          for (let i = from; i < Math.min(end, from + perStatement); i++) {
            const termMonths = pick([12, 12, 12, 24, 36])
            const termStart = Calendar.addDays(today, -Math.floor(random() * termMonths * 30.4))
            const noticeDays = pick([0, 30, 60, 90])
            const s = { termStart, termMonths, noticeDays }
            const id = `sub-${String(i).padStart(7, "0")}`
            const seats = 5 + Math.floor(random() * 200)
            subs.push({
              tenant_id: TENANT,
              id,
              vendor: pick(["Salesforce", "HubSpot", "Zoho", "纷享销客"]),
              offer_id: null,
              seats_bought: seats,
              term_start: termStart,
              term_months: termMonths,
              auto_renew: dialect === "sqlite" ? 1 : true,
              notice_days: noticeDays,
              renewal_date: Subscription.renewalDate(s),
              notice_deadline: Subscription.noticeDeadline(s),
              price_amount: `${1 + Math.floor(random() * 100_000)}.00`,
              price_currency: "USD",
              renewal_uplift: "0.05",
              quotas,
              owners: "[]",
              channels,
              time_zone: pick(["UTC", "Asia/Shanghai", "Europe/Berlin", "America/New_York"]),
              reminder_offsets: "[90,60,30,7,1]",
              status: "active",
              created_at: created,
              updated_at: created,
            })
            const base = Math.floor(random() * 90_000)
            const growth = Math.floor(random() * 4_000)
            for (const [k, daysAgo] of [
              [0, 6],
              [1, 1],
            ] as const) {
              snaps.push({
                tenant_id: TENANT,
                id: `${id}-u${k}`,
                subscription_id: id,
                taken_at: new Date(now.getTime() - daysAgo * 86_400_000).toISOString(),
                seats_assigned: seats + (random() < 0.03 ? 3 : -1),
                metrics: JSON.stringify({ "api-calls": String(base + k * growth) }),
              })
            }
          }
          yield* sql`INSERT INTO subscriptions ${sql.insert(subs)}`
          yield* sql`INSERT INTO usage_snapshots ${sql.insert(snaps)}`
        }
      }),
    )
  }
  if (dialect === "pg") yield* sql`ANALYZE`
})

const config = ConfigProvider.fromMap(new Map([["WORKER_PAGE_SIZE", "5000"]]))

const run = (
  engine: "sqlite" | "postgres",
  db: Layer.Layer<Database.Db | SqlClient.SqlClient, unknown>,
) =>
  Effect.gen(function* () {
    const genStart = performance.now()
    yield* generate
    const genSeconds = (performance.now() - genStart) / 1000
    const before = rssMb()
    let peak = before
    const timer = setInterval(() => {
      peak = Math.max(peak, rssMb())
    }, 20)
    const start = performance.now()
    const summary = yield* Run.decideAll
    const seconds = (performance.now() - start) / 1000
    clearInterval(timer)
    peak = Math.max(peak, rssMb())
    const s = Option.getOrThrow(summary)
    return [
      `worker-decide-detail engine=${engine} generate_seconds=${genSeconds.toFixed(1)} alerts_due=${s.decided} alerts_new=${s.recorded} renewed=${s.renewed} rss_before_mb=${before}`,
      `worker-decide engine=${engine} subscriptions=${s.subscriptions} seconds=${seconds.toFixed(2)} rss_mb=${peak}`,
    ]
  }).pipe(
    Effect.provide(
      Worker.services.pipe(
        Layer.provideMerge(Store.layerOn(db)),
        Layer.provide(Layer.setConfigProvider(config)),
      ),
    ),
    Effect.orDie,
  )

const sqliteRun = Effect.suspend(() => {
  const dir = Fs.mkdtempSync(Path.join(Os.tmpdir(), "crm-cost-worker-bench-"))
  return run("sqlite", Database.layerSqlite(Path.join(dir, "bench.db"))).pipe(
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
    Effect.zipRight(run("postgres", Database.layerPg(Redacted.make(u.toString())))),
    Effect.ensuring(Effect.orDie(onPg(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`))),
  )
})

const main = Effect.gen(function* () {
  const lines: Array<string> = []
  if (ONLY === undefined || ONLY === "sqlite") lines.push(...(yield* sqliteRun))
  if (ONLY === undefined || ONLY === "postgres") lines.push(...(yield* pgRun))
  // Detail first, the figures last.
  for (const l of lines.filter((l) => l.startsWith("worker-decide-detail"))) console.log(l)
  for (const l of lines.filter((l) => !l.startsWith("worker-decide-detail"))) console.log(l)
})

Effect.runPromise(Effect.orDie(main)).catch((e) => {
  console.error(e)
  process.exit(1)
})
