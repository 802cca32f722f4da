/**
 * Real peers and databases for the worker's tests: SQLite files, a fresh
 * PostgreSQL schema per run (a missing server fails when CI=true), an HTTP
 * receiver that checks signatures and honours alert keys, an SMTP server,
 * seeded contracts and worker child processes.
 */
import { spawn } from "node:child_process"
import { createHmac, timingSafeEqual } from "node:crypto"
import * as Fs from "node:fs"
import * as Http from "node:http"
import { createRequire } from "node:module"
import type { AddressInfo } from "node:net"
import * as Os from "node:os"
import * as Path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import * as Calendar from "@crm-cost/domain/Calendar"
import { Decimal, make as money } from "@crm-cost/domain/Money"
import * as Ports from "@crm-cost/domain/Ports"
import * as Subscription from "@crm-cost/domain/Subscription"
import * as Database from "@crm-cost/store/Database"
import * as Store from "@crm-cost/store/Store"
import * as SqlClient from "@effect/sql/SqlClient"
import { DateTime, Effect, type Layer, Redacted } from "effect"
import { SMTPServer } from "smtp-server"

export const packageRoot = Path.resolve(Path.dirname(fileURLToPath(import.meta.url)), "..")

export interface Engine {
  readonly name: "sqlite" | "postgres"
  readonly env: Record<string, string>
  readonly db: () => Layer.Layer<Database.Db | SqlClient.SqlClient, unknown>
  readonly cleanup: () => Promise<void>
}

export const sqlite = (): Engine => {
  const dir = Fs.mkdtempSync(Path.join(Os.tmpdir(), "crm-cost-worker-"))
  const file = Path.join(dir, "worker.db")
  return {
    name: "sqlite",
    env: { CRM_COST_DB: file, DATABASE_URL: "" },
    db: () => Database.layerSqlite(file),
    cleanup: async () => Fs.rmSync(dir, { recursive: true, force: true }),
  }
}

const onPg = (url: string, statement: string) =>
  Effect.runPromise(
    Effect.scoped(
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        yield* sql.unsafe(statement)
      }).pipe(Effect.provide(Database.pgClientLayer(Redacted.make(url)))),
    ),
  )

let counter = 0
/** A fresh schema at DATABASE_URL; undefined (loudly) without a server, an error when CI=true. */
export const postgres = async (): Promise<Engine | undefined> => {
  const url = process.env.DATABASE_URL
  const missing = (why: string) => {
    const message = `*** PostgreSQL unavailable (${why}): the worker's PostgreSQL tests did NOT run. Set DATABASE_URL=postgres://postgres@127.0.0.1:5432/test`
    if (process.env.CI === "true") throw new Error(`${message} — CI=true: failing.`)
    console.warn(message)
    return undefined
  }
  if (url === undefined || url.trim() === "") return missing("DATABASE_URL is not set")
  counter += 1
  const schema = `crm_cost_worker_${process.pid}_${Date.now().toString(36)}_${counter}`
  try {
    await onPg(url, `CREATE SCHEMA ${schema}`)
  } catch (e) {
    return missing(String(e))
  }
  const u = new URL(url)
  u.searchParams.set("options", `-c search_path=${schema}`)
  const schemaUrl = u.toString()
  return {
    name: "postgres",
    env: { DATABASE_URL: schemaUrl },
    db: () => Database.layerPg(Redacted.make(schemaUrl)),
    cleanup: () => onPg(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  }
}

/** Runs an effect against an engine's store (test process side). */
export const withStore = <A, E>(
  engine: Engine,
  self: Effect.Effect<A, E, Store.Repositories | Database.Db | SqlClient.SqlClient>,
) => Effect.runPromise(Effect.scoped(self.pipe(Effect.provide(Store.layerOn(engine.db())))))

/**
 * `count` annual contracts of a tenant whose notice deadline is `deadlineIn`
 * days after `today`, so the reminders 7 and 30 days before it fall due by
 * then (with deadlineIn = 7: both due today, the 30-day one 23 days ago).
 */
export const seed = (
  tenant: string,
  count: number,
  options: {
    readonly today: Calendar.CalendarDate
    readonly deadlineIn: number
    readonly channels: ReadonlyArray<Subscription.AlertChannel>
    readonly offsets?: ReadonlyArray<number>
  },
) =>
  Effect.gen(function* () {
    const tenants = yield* Ports.TenantRepo
    const subs = yield* Ports.SubscriptionRepo
    const tenantId = Subscription.TenantId.make(tenant)
    yield* tenants.create(
      new Subscription.Tenant({ id: tenantId, name: tenant, createdAt: yield* DateTime.now }),
    )
    const termStart = Calendar.addMonths(options.today, -10)
    const renewal = Calendar.addMonths(termStart, 12)
    const noticeDays = Calendar.daysBetween(options.today, renewal) - options.deadlineIn
    for (let i = 0; i < count; i++) {
      yield* subs.insert(
        new Subscription.Subscription({
          id: Subscription.SubscriptionId.make(`sub-${String(i).padStart(5, "0")}`),
          tenantId,
          vendor: i % 2 === 0 ? "Salesforce" : "纷享销客",
          seatsBought: 10,
          termStart,
          termMonths: 12,
          autoRenew: true,
          noticeDays,
          recurringPrice: money("12000.00", "USD"),
          renewalUplift: new Decimal("0.05"),
          quotas: [],
          owners: [],
          channels: options.channels,
          timeZone: "UTC",
          reminderOffsets: options.offsets ?? [30, 7],
          status: "active",
        }),
      )
    }
  })

export interface Receiver {
  readonly url: string
  /** Requests per alert key (repeats included). */
  readonly seen: Map<string, number>
  /** Keys handled: a repeat of a key is acknowledged and dropped. */
  readonly handled: Set<string>
  readonly bodies: Array<Record<string, unknown>>
  readonly badSignatures: () => number
  /** Answer 500 to the next n requests. */
  readonly failNext: (n: number) => void
  readonly close: () => Promise<void>
}

/** An HTTP receiver that verifies the HMAC signature and drops repeated keys. */
export const receiver = async (secret: string): Promise<Receiver> => {
  const seen = new Map<string, number>()
  const handled = new Set<string>()
  const bodies: Array<Record<string, unknown>> = []
  let bad = 0
  let failing = 0
  const server = Http.createServer((req, res) => {
    const chunks: Array<Buffer> = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8")
      const timestamp = String(req.headers["x-timestamp"] ?? "")
      const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`
      const got = String(req.headers["x-signature"] ?? "")
      if (
        got.length !== expected.length ||
        !timingSafeEqual(Buffer.from(got), Buffer.from(expected))
      ) {
        bad++
        res.writeHead(401).end()
        return
      }
      if (failing > 0) {
        failing--
        res.writeHead(500).end()
        return
      }
      const key = decodeURIComponent(String(req.headers["x-alert-key"] ?? ""))
      seen.set(key, (seen.get(key) ?? 0) + 1)
      if (!handled.has(key)) {
        handled.add(key)
        bodies.push(JSON.parse(body) as Record<string, unknown>)
      }
      res.writeHead(204).end()
    })
  })
  server.keepAliveTimeout = 1
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks/crm`,
    seen,
    handled,
    bodies,
    badSignatures: () => bad,
    failNext: (n) => {
      failing = n
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export interface Mail {
  readonly to: ReadonlyArray<string>
  readonly raw: string
  readonly subject: string
}

const decodeWords = (s: string) =>
  s
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) =>
                String.fromCharCode(Number.parseInt(h, 16)),
              ),
            "latin1",
          ).toString("utf8"),
    )

/** An SMTP server that keeps every mail it receives. */
export const smtpServer = async () => {
  const mails: Array<Mail> = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Array<Buffer> = []
      stream.on("data", (c: Buffer) => chunks.push(c))
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8")
        const header = raw.split(/\r?\n\r?\n/)[0] ?? ""
        const unfolded = header.replace(/\r?\n[ \t]+/g, " ")
        const subject = decodeWords(/^Subject: (.*)$/im.exec(unfolded)?.[1] ?? "")
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, subject })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const require = createRequire(import.meta.url)
const tsxLoader = pathToFileURL(require.resolve("tsx")).href

export interface Child {
  readonly output: () => string
  readonly kill: (signal: NodeJS.Signals) => void
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** The worker's main.ts in a child Node process (tsx in-process, so SIGKILL hits the worker). */
export const worker = (args: ReadonlyArray<string>, env: Record<string, string>): Child => {
  const child = spawn(process.execPath, ["--import", tsxLoader, "src/main.ts", ...args], {
    cwd: packageRoot,
    env: { ...process.env, ...env, INIT_CWD: packageRoot },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let out = ""
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString("utf8")
  })
  child.stderr.on("data", (c: Buffer) => {
    out += c.toString("utf8")
  })
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  )
  return { output: () => out, kill: (s) => child.kill(s), exit }
}

/** Waits for a condition, polling; fails after `limit` polls. */
export const until = async (what: string, check: () => boolean | Promise<boolean>, limit = 600) => {
  for (let i = 0; i < limit; i++) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`gave up waiting for ${what}`)
}

/** Counts of deliveries by status and of alerts, from the store. */
export const counts = (engine: Engine) =>
  withStore(
    engine,
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const alerts = yield* sql`SELECT COUNT(*) AS n, COUNT(DISTINCT alert_key) AS k FROM alerts`
      const byStatus = yield* sql`SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status`
      const status: Record<string, number> = {}
      for (const r of byStatus) status[String(r.status)] = Number(r.n)
      return { alerts: Number(alerts[0]?.n), distinctKeys: Number(alerts[0]?.k), status }
    }).pipe(Effect.orDie),
  )
