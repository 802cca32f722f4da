/**
 * The real server, started the way `pnpm start` starts it (src/main.ts in a
 * child process) on a free port and a temp SQLite file, driven over HTTP
 * through a whole story, then stopped with SIGTERM.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import * as Net from "node:net"
import { tmpdir } from "node:os"
import * as Path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Ics from "./support/Ics.js"
import * as T from "./support/TestApp.js"

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = Net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

/** A calendar date (YYYY-MM-DD) of an instant, in UTC: the contract's time zone. */
const isoDate = (d: Date) => d.toISOString().slice(0, 10)

/**
 * The story's contract, dated from today so that the test holds on any day:
 * yearly terms from the first of the month 15 months ago, so it auto-renewed
 * 3 months ago (the server's real clock must see that) and its term in force
 * runs from then to 9 months ahead, whatever the time zone of the test run.
 */
const today = new Date()
const termStart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 15, 1))
const inForceStart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 3, 1))
const renewalDate = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 9, 1))
const noticeDays = 30
const noticeDeadline = new Date(renewalDate.getTime() - noticeDays * 86_400_000)

let child: ChildProcess
let base: string
let key: string
let output = ""
const dir = mkdtempSync(Path.join(tmpdir(), "crm-cost-e2e-"))

beforeAll(async () => {
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: Path.resolve(import.meta.dirname, ".."),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      CRM_COST_DB: Path.join(dir, "crm-cost.db"),
      DATABASE_URL: "",
      LOG_LEVEL: "Warning",
      LANG: "en_US.UTF-8",
    },
    stdio: ["ignore", "pipe", "pipe"],
  })
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString()
  })
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`server exited (${code}):\n${output}`)))
    const check = () => (output.includes("listening on") ? resolve() : setTimeout(check, 50))
    check()
  })
  key = /crmk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}/.exec(output)?.[0] ?? ""
}, 60_000)

afterAll(() => {
  if (child.exitCode === null) child.kill("SIGKILL")
  rmSync(dir, { recursive: true, force: true })
})

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  return { status: res.status, text, json: () => JSON.parse(text) }
}

describe("End to end", () => {
  it("prints the default tenant's key once on first start", () => {
    expect(key).not.toBe("")
    expect(output.match(/crmk_/g)).toHaveLength(1)
    expect(output).toContain('Created tenant "default"')
  })

  it("drives a whole story over HTTP: subscription, usage, quote, comparison, calendar", async () => {
    const sub = await call("POST", "/v1/subscriptions", {
      ...T.subscription,
      id: "story-sf",
      termStart: isoDate(termStart),
      termMonths: 12,
      autoRenew: true,
      noticeDays,
    })
    expect(sub.status).toBe(201)
    // The contract as recorded, and the term it has rolled to (no uplift: the same price).
    expect(sub.json()).toMatchObject({
      termStart: isoDate(termStart),
      renewalDate: isoDate(renewalDate),
      noticeDeadline: isoDate(noticeDeadline),
      currentTerm: {
        start: isoDate(inForceStart),
        renewalDate: isoDate(renewalDate),
        noticeDeadline: isoDate(noticeDeadline),
        price: T.subscription.recurringPrice,
      },
    })

    const usage = await call("POST", "/v1/subscriptions/story-sf/usage", {
      seatsAssigned: 12,
      metrics: { storageGb: "8" },
    })
    expect(usage.status).toBe(201)

    const quote = await call("POST", "/v1/quotes", {
      offer: "example-per-user",
      profile: T.profile,
    })
    expect(quote.status).toBe(200)
    expect(quote.json().total).toEqual({ amount: "6000.00", currency: "USD" })

    const comparison = await call("POST", "/v1/comparisons", {
      offers: ["example-per-user", T.customOffer("story-inline")],
      profile: T.profile,
    })
    expect(comparison.status).toBe(200)
    expect(comparison.json().ranking[0].offerId).toBe("story-inline")

    const token = await call("POST", "/v1/feed-tokens")
    expect(token.status).toBe(201)
    const feed = await fetch(`${base}${token.json().url}`)
    expect(feed.status).toBe(200)
    const calendar = Ics.parse(await feed.text())
    const notice = calendar.children.find(
      (e) => Ics.prop(e, "UID") === `story-sf/notice/${isoDate(inForceStart)}@crm-cost`,
    )
    expect(notice?.props.find((p) => p.name === "DTSTART")?.value).toBe(
      isoDate(noticeDeadline).replaceAll("-", ""),
    )
    expect(notice?.children.map((a) => Ics.prop(a, "TRIGGER"))).toEqual([
      "-P90D",
      "-P60D",
      "-P30D",
      "-P7D",
      "-P1D",
    ])

    const ready = await fetch(`${base}/readyz`)
    expect(ready.status).toBe(200)
  })

  it("stops cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) =>
      child.once("exit", (code) => resolve(code)),
    )
    child.kill("SIGTERM")
    expect(await exited).toBe(0)
  }, 30_000)
})
