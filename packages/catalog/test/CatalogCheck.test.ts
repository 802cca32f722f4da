import { execFile } from "node:child_process"
import { promisify } from "node:util"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as CatalogCheck from "../src/CatalogCheck.js"

const cwd = new URL("../", import.meta.url).pathname
const env = { lang: "C", cwd }

describe("CatalogCheck", () => {
  it.effect("prints one line per offer of the example file and reports the replacement", () =>
    Effect.gen(function* () {
      const r = yield* CatalogCheck.run(["examples/my-quotes.yaml"], env)
      expect(r.code).toBe(0)
      expect(r.stdout).toEqual([
        "Pipedrive | Pipedrive Growth (negotiated, example) [pd-growth] | USD | 1 component | unpriced: none",
        "  ↳ examples/my-quotes.yaml replaces the built-in offer pd-growth",
        "Northwind CRM (example) | Business plan, quote Q-2026-0815 [northwind-crm-2026-q4] | USD | 4 components | unpriced: sso",
        "1 file: 2 offers valid",
      ])
    }),
  )

  it.effect("checks the built-in catalog without arguments", () =>
    Effect.gen(function* () {
      const r = yield* CatalogCheck.run([], env)
      expect(r.code).toBe(0)
      expect(r.stdout).toContain(
        "纷享销客 Fxiaoke | 专业版 Professional [fx-pro] | CNY | 4 components | unpriced: open-api-pack, dedicated-database",
      )
      expect(r.stdout.at(-1)).toMatch(/^built-in catalog: \d+ offers valid$/)
    }),
  )

  it.effect("fails naming file, line and path of a bad file, in Chinese under zh_CN", () =>
    Effect.gen(function* () {
      const r = yield* CatalogCheck.run(["test/fixtures/negative-price.yaml"], {
        lang: "zh_CN.UTF-8",
        cwd,
      })
      expect(r.code).toBe(1)
      expect(r.stderr).toEqual([
        "test/fixtures/negative-price.yaml:17:26: offers[1].components[0].price.amount: 取值无效：must not be negative",
        "1 个文件中发现 1 个问题；未加载任何内容",
      ])
      const en = yield* CatalogCheck.run(["--lang", "en", "test/fixtures/negative-price.yaml"], {
        lang: "zh_CN.UTF-8",
        cwd,
      })
      expect(en.stderr[0]).toContain("invalid value: must not be negative")
    }),
  )

  it.effect("fails with the usage on an unknown option", () =>
    Effect.gen(function* () {
      const r = yield* CatalogCheck.run(["--verbose"], env)
      expect(r.code).toBe(2)
      expect(r.stderr[0]).toBe("unknown option --verbose")
    }),
  )

  it.live(
    "exits non-zero from the command line on a bad file",
    () =>
      Effect.gen(function* () {
        const tsx = new URL("../node_modules/.bin/tsx", import.meta.url).pathname
        const exit = yield* Effect.promise(() =>
          promisify(execFile)(
            tsx,
            ["bin/catalog-check.ts", "test/fixtures/missing-currency.yaml"],
            {
              cwd,
              env: { PATH: process.env.PATH ?? "", LANG: "C" },
            },
          ).then(
            () => ({ code: 0, stderr: "" }),
            (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
          ),
        )
        expect(exit.code).toBe(1)
        expect(exit.stderr).toContain(
          "test/fixtures/missing-currency.yaml:2:5: offers[0].currency: required field is missing",
        )
      }),
    30_000,
  )
})
