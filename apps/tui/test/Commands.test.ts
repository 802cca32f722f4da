import { spawnSync } from "node:child_process"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { build } from "../scripts/build.js"

const data = Fs.mkdtempSync(Path.join(Os.tmpdir(), "crm-cost-tui-cli-"))

/** Runs the bundled app as a script would. */
const tui = (args: ReadonlyArray<string>, lang = "en_US.UTF-8") => {
  const { CI: _ci, ...env } = process.env
  const r = spawnSync(process.execPath, [entry, ...args], {
    encoding: "utf8",
    env: { ...env, LANG: lang, LC_ALL: "", CRM_COST_DB: Path.join(data, "cli.db") },
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

let entry = ""
beforeAll(async () => {
  entry = await build("dist/test-commands")
})

describe("tui quote", () => {
  it("prints the source's per-user example as a table: 10 × 50 USD = 500 a month", () => {
    const r = tui(["quote", "--offer", "example-per-user", "--seats", "10", "--months", "12"])
    expect(r.code).toBe(0)
    expect(r.out).toContain("10 seats × $50.00 per 1-month term × 12 terms")
    expect(r.out).toMatch(/Paid in month 1\s+\$500\.00/)
    expect(r.out).toMatch(/Total\s+\$6,000\.00/)
  })

  it("prints JSON with money as decimal strings, the term book's cheapest term for 4 and 12 months", () => {
    const four = tui([
      "quote",
      "--offer",
      "example-per-term",
      "--seats",
      "1",
      "--months",
      "4",
      "--json",
    ])
    expect(four.code).toBe(0)
    const q4 = JSON.parse(four.out)
    expect(q4.termMonths).toBe(1)
    expect(q4.total).toEqual({ amount: "2000.00", currency: "USD" })
    const twelve = JSON.parse(
      tui(["quote", "--offer", "example-per-term", "--seats", "1", "--months", "12", "--json"]).out,
    )
    expect(twelve.termMonths).toBe(12)
    expect(twelve.total).toEqual({ amount: "5200.00", currency: "USD" })
  })

  it("applies growth to the seats", () => {
    const r = tui([
      "quote",
      "--offer",
      "example-per-user",
      "--seats",
      "10",
      "--months",
      "24",
      "--growth",
      "1",
      "--json",
    ])
    expect(r.code).toBe(0)
    // 10 seats in year one, 20 in year two: (10 + 20) × 12 × 50.
    expect(JSON.parse(r.out).total.amount).toBe("18000.00")
  })

  it("answers in Chinese with LANG=zh_CN", () => {
    const r = tui(
      ["quote", "--offer", "example-per-user", "--seats", "10", "--months", "12"],
      "zh_CN.UTF-8",
    )
    expect(r.code).toBe(0)
    expect(r.out).toContain("合计")
    expect(r.out).toContain("US$6,000.00")
  })

  it("fails with exit code 2 and a clear message on bad input", () => {
    const unknown = tui(["quote", "--offer", "nope", "--seats", "10", "--months", "12"])
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain('unknown offer "nope"')
    const bad = tui(["quote", "--offer", "example-per-user", "--seats", "ten", "--months", "0"])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain("--seats")
    expect(bad.err).toContain("--months")
    const missing = tui(["quote", "--offer", "example-per-user"])
    expect(missing.code).toBe(2)
    expect(missing.err).toContain("option --seats is required")
    expect(missing.err).toContain("Usage:")
    const zh = tui(["quote", "--offer", "example-per-user", "--seats", "10"], "zh_CN.UTF-8")
    expect(zh.code).toBe(2)
    expect(zh.err).toContain("缺少必需的选项 --months")
  })

  it("fails with exit code 1 when the domain cannot price the need", () => {
    const r = tui([
      "quote",
      "--offer",
      "example-per-term",
      "--seats",
      "1",
      "--months",
      "12",
      "--term",
      "5",
    ])
    expect(r.code).toBe(1)
    expect(r.err).toContain("cannot quote example-per-term")
  })
})

describe("tui compare", () => {
  it("ranks the offers in a table with the gap to the cheapest", () => {
    const r = tui([
      "compare",
      "--offer",
      "example-per-user",
      "--offer",
      "example-per-term",
      "--seats",
      "10",
      "--months",
      "12",
    ])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/1 Source example Per term.*12 months\s+\$5,200\.00/)
    expect(r.out).toMatch(/2 Source example Per user.*\$6,000\.00\s+\+\$800\.00/)
    expect(r.out).toContain("is the cheapest for your need")
  })

  it("prints JSON with ranking, cheapest terms, break-even seats and crossover months", () => {
    const r = tui([
      "compare",
      "--offer",
      "example-per-user",
      "--offer",
      "example-per-term",
      "--json",
    ])
    expect(r.code).toBe(0)
    const c = JSON.parse(r.out)
    expect(c.ranking.map((x: { offerId: string }) => x.offerId)).toEqual([
      "example-per-term",
      "example-per-user",
    ])
    expect(c.ranking[0].terms.map((t: { termMonths: number }) => t.termMonths)).toEqual([1, 3, 12])
    expect(c.breakEvenSeats).toHaveLength(1)
    expect(c.crossoverMonths[0].crossings.length).toBeGreaterThan(0)
  })

  it("needs two offers and known ids", () => {
    const one = tui(["compare", "--offer", "example-per-user"])
    expect(one.code).toBe(2)
    expect(one.err).toContain("at least two --offer")
    const unknown = tui(["compare", "--offer", "example-per-user", "--offer", "nope"])
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain('unknown offer "nope"')
    const option = tui(["compare", "--bogus"])
    expect(option.code).toBe(2)
    expect(option.err).toContain('unknown option "--bogus"')
  })
})
