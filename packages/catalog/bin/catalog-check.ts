/**
 * catalog:check [--lang en|zh-CN] [FILE...] — the composition root of the
 * check (see src/CatalogCheck.ts): reads the environment, prints, exits 0
 * when every file is valid, 1 when a file has problems, 2 on a usage error.
 */
import { Config, Effect } from "effect"
import * as CatalogCheck from "../src/CatalogCheck.js"

// `catalog:check | head` closes stdout early: that is not a failure.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0)
  throw e
})

const program = Effect.gen(function* () {
  const env = yield* Config.all({
    lcAll: Config.string("LC_ALL").pipe(Config.withDefault("")),
    lang: Config.string("LANG").pipe(Config.withDefault("")),
    // pnpm runs the script in the package directory; INIT_CWD is where the user ran it.
    initCwd: Config.string("INIT_CWD").pipe(Config.withDefault("")),
  })
  return yield* CatalogCheck.run(process.argv.slice(2), {
    lang: env.lcAll || env.lang,
    cwd: env.initCwd || process.cwd(),
  })
})

Effect.runPromise(program).then(
  (report) => {
    for (const line of report.stdout) console.log(line)
    for (const line of report.stderr) console.error(line)
    process.exitCode = report.code
  },
  (defect: unknown) => {
    console.error(defect)
    process.exitCode = 70
  },
)
