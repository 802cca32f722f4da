/**
 * The real app in a real terminal (tmux, 100×30), in both languages: moves
 * through every screen with the keys a person uses and reads the screen.
 * Each test has its own tmux server (-L) and kills it afterwards.
 */
import { execFileSync } from "node:child_process"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import * as Calendar from "@crm-cost/domain/Calendar"
import * as Ports from "@crm-cost/domain/Ports"
import * as Subscription from "@crm-cost/domain/Subscription"
import { DateTime, Effect } from "effect"
import { afterEach, beforeAll, describe, expect, it } from "vitest"
import { build } from "../scripts/build.js"
import { storeLayer } from "./support/Harness.js"

let entry = ""
const sockets: Array<string> = []

const tmux = (socket: string, ...args: ReadonlyArray<string>) =>
  execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" })

const seed = async (db: string) => {
  const termStart = Calendar.addMonths(Calendar.fromInstant(new Date(), "UTC"), -11)
  await Effect.runPromise(
    Effect.gen(function* () {
      const tenants = yield* Ports.TenantRepo
      const subs = yield* Ports.SubscriptionRepo
      const tenantId = Subscription.TenantId.make("acme")
      yield* tenants.create(
        new Subscription.Tenant({ id: tenantId, name: "Acme", createdAt: DateTime.unsafeNow() }),
      )
      yield* subs.insert(
        yield* Subscription.decode({
          id: "hs-1",
          tenantId,
          vendor: "HubSpot",
          seatsBought: 12,
          termStart,
          termMonths: 12,
          autoRenew: false,
          noticeDays: 30,
          recurringPrice: { amount: "12000.00", currency: "USD" },
        }),
      )
    }).pipe(Effect.provide(storeLayer(db))),
  )
}

/** Start the app in its own tmux server; returns helpers bound to it. */
const start = (lang: string, db: string) => {
  const socket = `crm-cost-tui-${process.pid}-${sockets.length}`
  sockets.push(socket)
  const { CI: _ci, ...env } = process.env
  // The pane outlives the app, so that its exit code can be read. The app must use the
  // seeded SQLite file, not a PostgreSQL server the test run may point DATABASE_URL at.
  const command = `env -u CI -u DATABASE_URL LANG=${lang} CRM_COST_DB=${db} ${process.execPath} ${entry}; echo TUI-EXIT=$?; sleep 60`
  execFileSync("tmux", ["-L", socket, "new-session", "-d", "-x", "100", "-y", "30", command], {
    env,
  })
  const screen = () => tmux(socket, "capture-pane", "-p")
  const waitFor = async (...texts: ReadonlyArray<string>) => {
    for (let i = 0; i < 1500; i++) {
      const s = screen()
      if (texts.every((t) => s.includes(t))) return s
      await new Promise((r) => setTimeout(r, 20))
    }
    throw new Error(`the terminal never showed ${texts.join(", ")}:\n${screen()}`)
  }
  const send = async (...keys: ReadonlyArray<string>) => {
    for (const k of keys) {
      tmux(socket, "send-keys", k)
      await new Promise((r) => setTimeout(r, 30))
    }
  }
  /**
   * The first frame is drawn before the app reads keys (raw mode is set in an
   * effect after it); keys sent in between are lost on a busy machine. Open
   * the help until it shows, then close it: from then on every key is read.
   */
  const ready = async (help: string) => {
    for (let i = 0; i < 20; i++) {
      await send("?")
      for (let j = 0; j < 25; j++) {
        if (screen().includes(help)) {
          await send("?")
          // Keys typed while the help still shows go to the help: wait until it is gone.
          for (let k = 0; k < 1500 && screen().includes(help); k++) {
            await new Promise((r) => setTimeout(r, 20))
          }
          if (screen().includes(help)) throw new Error(`the help never closed:\n${screen()}`)
          return
        }
        await new Promise((r) => setTimeout(r, 20))
      }
    }
    throw new Error(`the app never read a key:\n${screen()}`)
  }
  return { screen, waitFor, send, ready, socket }
}

beforeAll(async () => {
  entry = await build("dist/test-smoke")
})

afterEach(() => {
  for (const s of sockets.splice(0)) {
    try {
      execFileSync("tmux", ["-L", s, "kill-server"], { stdio: "ignore" })
    } catch {}
  }
})

const db = () => {
  const file = Path.join(Fs.mkdtempSync(Path.join(Os.tmpdir(), "crm-cost-tui-smoke-")), "s.db")
  return file
}

describe("the TUI in a terminal", () => {
  it("goes through every screen in English and quits with q", async () => {
    const file = db()
    await seed(file)
    const t = start("en_US.UTF-8", file)
    await t.waitFor("[1 Offers]", "54 of 54 offers", "q quit")
    await t.ready("switch screen")
    await t.waitFor("Filter: —")
    await t.send("/", ..."example-per")
    await t.waitFor("Filter: example-per▏", "3 of 54 offers")
    await t.send("Enter")
    await t.waitFor("Filter: example-per ")
    await t.send("Space", "Down", "Down", "Space")
    await t.waitFor("2 offers marked")
    await t.send("Up", "Up", "Enter")
    await t.waitFor("[2 Quote]", "Paid in month 1", "$500.00", "$18,000.00")
    await t.send("Tab")
    await t.waitFor("[3 Compare]", "Totals", "$15,600.00", "Cumulative cost by month")
    await t.send("Tab")
    await t.waitFor("[4 Hidden fees]", "most costly first")
    await t.send("Tab")
    const subs = await t.waitFor("[5 Subscriptions]", "HubSpot", "Acme", "$12,000.00")
    expect(subs).toContain("manual")
    await t.send("?")
    await t.waitFor("Keys", "switch screen")
    await t.send("?")
    await t.waitFor("Tab screens")
    await t.send("q")
    await t.waitFor("TUI-EXIT=0")
  })

  it("goes through every screen in Chinese, at 100 columns with CJK aligned", async () => {
    const file = db()
    await seed(file)
    const t = start("zh_CN.UTF-8", file)
    await t.waitFor("[1 方案]", "收费模式", "退出")
    await t.ready("在列表或表单中移动")
    await t.waitFor("筛选: —")
    await t.send("/", ..."example-per-user")
    await t.waitFor("筛选: example-per-user▏")
    await t.send("Enter")
    await t.waitFor("筛选: example-per-user ")
    await t.send("Space", "Enter")
    await t.waitFor("[2 报价]", "第 1 个月支付", "US$500.00")
    // Digits are typed into the form on the quote screen: Tab leaves it.
    await t.send("Tab")
    await t.waitFor("[3 比较]", "两个或以上方案")
    await t.send("4")
    await t.waitFor("[4 隐藏费用]", "按费用从高到低")
    await t.send("5")
    await t.waitFor("[5 订阅]", "HubSpot", "手动", "租户")
  })
})
