/**
 * Loads a dump written by store:export from stdin into the configured
 * database, in one transaction. Refuses to overwrite existing tenants unless
 * `--replace` is given. Usage: pnpm store:import [--replace] < dump.jsonl
 */
import * as Readline from "node:readline"
import { NodeRuntime } from "@effect/platform-node"
import { Effect, Stream } from "effect"
import * as Database from "../Database.js"
import * as Dump from "../Dump.js"

// Opened only when the import reads it: lines that readline emits before
// anyone iterates are lost.
const stdinLines = Stream.suspend(() =>
  Stream.fromAsyncIterable(
    Readline.createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY }),
    (cause) => new Dump.DumpError({ reason: "bad-file", message: `cannot read stdin: ${cause}` }),
  ),
)

const main = Effect.gen(function* () {
  const summary = yield* Dump.importLines(stdinLines, {
    replace: process.argv.includes("--replace"),
  })
  const { dialect } = yield* Database.Db
  const total = Object.values(summary.counts).reduce((a, b) => a + b, 0)
  process.stderr.write(
    `store:import: ${total} rows into ${dialect} (${Object.entries(summary.counts)
      .map(([t, n]) => `${t}=${n}`)
      .join(" ")}) sha256=${summary.sha256}\n`,
  )
})

main.pipe(Effect.provide(Database.layer), NodeRuntime.runMain)
