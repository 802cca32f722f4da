/**
 * Cold start of the TUI to its first frame: bundle it, then spawn the real
 * app (`node dist/main.js`) in a pseudo-terminal (util-linux `script`), as a
 * person starts it, several times, and time each run from spawn to the tab
 * line of the first frame. Prints the median last: `tui-start ms=<n>`.
 */
import { spawn, spawnSync } from "node:child_process"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import { build, entry, root } from "../scripts/build.js"

const runs = Number(process.env.TUI_BENCH_RUNS ?? 9)

await build()
const data = Fs.mkdtempSync(Path.join(Os.tmpdir(), "crm-cost-tui-bench-"))

// Ink draws only the last frame on CI; the bench wants the first, as a person sees it.
const { CI: _ci, CONTINUOUS_INTEGRATION: _cci, ...env } = process.env

const once = () =>
  new Promise<number>((resolve, reject) => {
    const started = process.hrtime.bigint()
    const command = `stty cols 100 rows 30; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(entry)}`
    const child = spawn("script", ["-qfec", command, "/dev/null"], {
      cwd: root,
      env: { ...env, LANG: "en_US.UTF-8", CRM_COST_DB: Path.join(data, "bench.db") },
      stdio: ["pipe", "pipe", "pipe"],
    })
    let out = ""
    let done = false
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8")
      // The tab line is the first thing the first frame draws.
      if (!done && out.includes("Subscriptions")) {
        done = true
        const ms = Number(process.hrtime.bigint() - started) / 1e6
        // End the app `script` started (its only child), then `script` itself.
        const app = spawnSync("ps", ["-o", "pid=", "--ppid", String(child.pid)], {
          encoding: "utf8",
        })
        for (const pid of app.stdout.split(/\s+/).filter((p) => p !== "")) {
          try {
            process.kill(Number(pid), "SIGTERM")
          } catch {}
        }
        child.on("exit", () => resolve(ms))
        child.kill()
      }
    })
    child.on("exit", (code) => {
      if (!done) reject(new Error(`the TUI exited (${code}) before its first frame:\n${out}`))
    })
  })

const times: Array<number> = []
await once() // warm the file system cache; a cold start of node, not of the disk
for (let i = 0; i < runs; i++) times.push(await once())
times.sort((a, b) => a - b)
const median = times[Math.floor(times.length / 2)] ?? Number.NaN
console.log(`runs: ${times.map((t) => t.toFixed(0)).join(" ")} ms`)
console.log(`tui-start ms=${Math.round(median)}`)
