/**
 * The engines the contract suite runs on: SQLite on a temp file, always;
 * PostgreSQL at DATABASE_URL, in a schema of its own per run. A missing
 * PostgreSQL fails the run when CI=true and is skipped loudly otherwise.
 */
import { spawn } from "node:child_process"
import * as Fs from "node:fs"
import { createRequire } from "node:module"
import * as Os from "node:os"
import * as Path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import * as Reactivity from "@effect/experimental/Reactivity"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Effect, Redacted } from "effect"
import * as Database from "../../src/Database.js"

export const packageRoot = Path.resolve(Path.dirname(fileURLToPath(import.meta.url)), "..", "..")

export interface Engine {
  readonly name: "sqlite" | "postgres"
  /** Environment that points the store's configuration (and child processes) at this database. */
  readonly env: Record<string, string>
  readonly layer: () => ReturnType<typeof Database.layerSqlite>
  readonly cleanup: () => Promise<void>
}

const tempDir = () => Fs.mkdtempSync(Path.join(Os.tmpdir(), "crm-cost-store-"))

export const sqlite = (dir = tempDir()): Engine => {
  const file = Path.join(dir, "store.db")
  return {
    name: "sqlite",
    env: { CRM_COST_DB: file, DATABASE_URL: "" },
    layer: () => Database.layerSqlite(file),
    cleanup: async () => Fs.rmSync(dir, { recursive: true, force: true }),
  }
}

const withSchema = (url: string, schema: string) => {
  const u = new URL(url)
  u.searchParams.set("options", `-c search_path=${schema}`)
  return u.toString()
}

const runOnPg = (url: string, statement: string) =>
  Effect.runPromise(
    Effect.scoped(
      Effect.gen(function* () {
        const sql = yield* PgClient.make({ url: Redacted.make(url), connectTimeout: "3 seconds" })
        yield* sql.unsafe(statement)
      }),
    ).pipe(Effect.provide(Reactivity.layer)),
  )

let counter = 0

/** A fresh schema on the PostgreSQL server; undefined when there is none (and not in CI). */
export const postgres = async (): Promise<Engine | undefined> => {
  const url = process.env.DATABASE_URL
  const ci = process.env.CI === "true"
  const missing = (why: string) => {
    const message = `\n*** PostgreSQL unavailable: ${why}.\n*** The PostgreSQL half of the store suite did NOT run.\n*** Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n*** and set DATABASE_URL=postgres://postgres@127.0.0.1:5432/test\n`
    if (ci) throw new Error(`${message}*** CI=true: failing.`)
    console.warn(message)
    return undefined
  }
  if (url === undefined || url.trim() === "") return missing("DATABASE_URL is not set")
  counter += 1
  const schema = `crm_cost_test_${process.pid}_${Date.now().toString(36)}_${counter}`
  try {
    await runOnPg(url, `CREATE SCHEMA ${schema}`)
  } catch (e) {
    return missing(`cannot connect to DATABASE_URL (${String(e)})`)
  }
  const schemaUrl = withSchema(url, schema)
  return {
    name: "postgres",
    env: { DATABASE_URL: schemaUrl },
    layer: () => Database.layerPg(Redacted.make(schemaUrl)),
    cleanup: () => runOnPg(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  }
}

/** Every engine available, SQLite first. */
export const all = async (): Promise<ReadonlyArray<Engine>> => {
  const pg = await postgres()
  return pg === undefined ? [sqlite()] : [sqlite(), pg]
}

const require = createRequire(import.meta.url)
const tsxLoader = pathToFileURL(require.resolve("tsx")).href

export interface Child {
  readonly lines: Array<string>
  readonly stderr: () => string
  /** Resolves with the first stdout line that satisfies the predicate. */
  readonly waitFor: (predicate: (line: string) => boolean) => Promise<string>
  readonly send: (text: string) => void
  readonly kill: (signal: NodeJS.Signals) => void
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * Runs a TypeScript file in a child Node process (tsx loaded in-process, so
 * a signal reaches the process that holds the database).
 */
export const runChild = (
  script: string,
  args: ReadonlyArray<string>,
  env: Record<string, string>,
  stdin?: string,
): Child => {
  const child = spawn(process.execPath, ["--import", tsxLoader, script, ...args], {
    cwd: packageRoot,
    env: { ...process.env, ...env, INIT_CWD: packageRoot },
    stdio: ["pipe", "pipe", "pipe"],
  })
  const lines: Array<string> = []
  let err = ""
  let buffer = ""
  const waiters: Array<{ p: (l: string) => boolean; resolve: (l: string) => void }> = []
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  )
  child.stdout.setEncoding("utf8")
  child.stdout.on("data", (chunk: string) => {
    buffer += chunk
    let i = buffer.indexOf("\n")
    while (i >= 0) {
      const line = buffer.slice(0, i)
      buffer = buffer.slice(i + 1)
      lines.push(line)
      for (const w of [...waiters]) {
        if (w.p(line)) {
          waiters.splice(waiters.indexOf(w), 1)
          w.resolve(line)
        }
      }
      i = buffer.indexOf("\n")
    }
  })
  child.stderr.setEncoding("utf8")
  child.stderr.on("data", (chunk: string) => {
    err += chunk
  })
  if (stdin !== undefined) child.stdin.end(stdin)
  return {
    lines,
    stderr: () => err,
    waitFor: (p) => {
      const found = lines.find(p)
      if (found !== undefined) return Promise.resolve(found)
      return new Promise<string>((resolve, reject) => {
        waiters.push({ p, resolve })
        void exit.then(({ code, signal }) =>
          reject(new Error(`child exited (${code ?? signal}) before the expected line\n${err}`)),
        )
      })
    },
    send: (text) => child.stdin.write(text),
    kill: (signal) => child.kill(signal),
    exit,
  }
}

/** Runs a child to completion; its stdout, or a failure with its stderr. */
export const runToEnd = async (
  script: string,
  args: ReadonlyArray<string>,
  env: Record<string, string>,
  stdin?: string,
): Promise<string> => {
  const child = runChild(script, args, env, stdin)
  const { code, signal } = await child.exit
  if (code !== 0) throw new Error(`${script} exited ${code ?? signal}: ${child.stderr()}`)
  return child.lines.map((l) => `${l}\n`).join("")
}
