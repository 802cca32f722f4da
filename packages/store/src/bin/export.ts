/**
 * Writes the configured database (or one tenant, `--tenant <id>`) to stdout
 * as JSON lines. PostgreSQL when DATABASE_URL is set, else the SQLite file
 * at CRM_COST_DB. Usage: pnpm store:export [--tenant <id>] > dump.jsonl
 */
import { NodeRuntime } from "@effect/platform-node"
import { Effect, Option, Stream } from "effect"
import * as Database from "../Database.js"
import * as Dump from "../Dump.js"

const argValue = (name: string): Option.Option<string> => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? Option.fromNullable(process.argv[i + 1]) : Option.none()
}

const write = (text: string) =>
  Effect.async<void>((resume) => {
    if (process.stdout.write(text)) resume(Effect.void)
    else process.stdout.once("drain", () => resume(Effect.void))
  })

const main = Effect.gen(function* () {
  const tenant = Option.getOrUndefined(argValue("--tenant"))
  let rows = 0
  yield* Dump.exportLines({ tenant }).pipe(
    Stream.tap(() => Effect.sync(() => rows++)),
    Stream.grouped(500),
    Stream.runForEach((lines) => write(`${[...lines].join("\n")}\n`)),
  )
  const { dialect } = yield* Database.Db
  process.stderr.write(
    `store:export: ${rows - 2} rows from ${dialect}${tenant === undefined ? "" : ` (tenant ${tenant})`}\n`,
  )
})

main.pipe(Effect.provide(Database.layer), NodeRuntime.runMain)
