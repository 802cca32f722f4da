import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import type { CatalogFileError } from "../src/CatalogError.js"
import { loadFile } from "../src/UserCatalog.js"

const dir = new URL("./fixtures/", import.meta.url).pathname

/** The problems a file gives, as plain objects (the load must fail). */
const problems = (name: string) =>
  Effect.flip(loadFile(name, dir)).pipe(
    Effect.map((e) =>
      e.errors.map((x: CatalogFileError) => ({
        file: x.file,
        path: x.path,
        line: x.line,
        code: x.code,
        message: x.message,
      })),
    ),
  )

describe("UserCatalog", () => {
  it.effect("reads the documented example file", () =>
    Effect.gen(function* () {
      const loaded = yield* loadFile(
        "examples/my-quotes.yaml",
        new URL("../", import.meta.url).pathname,
      )
      expect(loaded.offers.map((o) => o.id)).toEqual(["northwind-crm-2026-q4", "pd-growth"])
      expect(loaded.idLocations.map((l) => l?.line)).toEqual([8, 48])
    }),
  )

  it.effect("names file, path and line of a value of the wrong type", () =>
    Effect.gen(function* () {
      expect(yield* problems("wrong-types.yaml")).toEqual([
        {
          file: "wrong-types.yaml",
          path: "offers[0].components[0].price.amount",
          line: 11,
          code: "number-not-string",
          message: 'write amounts as quoted decimal strings so they stay exact: "50", not 50',
        },
        {
          file: "wrong-types.yaml",
          path: "offers[0].trialDays",
          line: 6,
          code: "wrong-type",
          message: 'wrong type: Expected number, actual "fourteen"',
        },
      ])
    }),
  )

  it.effect("rejects an unknown fee kind and lists the known ones", () =>
    Effect.gen(function* () {
      const [p, ...rest] = yield* problems("unknown-fee-kind.yaml")
      expect(rest).toEqual([])
      expect(p).toMatchObject({
        path: "offers[0].components[1]._tag",
        line: 11,
        code: "unknown-fee-kind",
      })
      expect(p?.message).toMatch(/^unknown fee kind "FlatFee"; known kinds: PerSeat, Module, /)
    }),
  )

  it.effect("rejects a negative price", () =>
    Effect.gen(function* () {
      expect(yield* problems("negative-price.yaml")).toEqual([
        {
          file: "negative-price.yaml",
          path: "offers[1].components[0].price.amount",
          line: 17,
          code: "invalid-value",
          message: "invalid value: must not be negative",
        },
      ])
    }),
  )

  it.effect("reports a missing currency at the offer that lacks it", () =>
    Effect.gen(function* () {
      expect(yield* problems("missing-currency.yaml")).toEqual([
        {
          file: "missing-currency.yaml",
          path: "offers[0].currency",
          line: 2,
          code: "missing",
          message: "required field is missing",
        },
      ])
    }),
  )

  it.effect("rejects two offers with one id in a file, pointing at both", () =>
    Effect.gen(function* () {
      expect(yield* problems("duplicate-ids.yaml")).toEqual([
        {
          file: "duplicate-ids.yaml",
          path: "offers[1].id",
          line: 9,
          code: "duplicate-id",
          message: 'duplicate offer id "twice" (first used at offers[0], line 2)',
        },
      ])
    }),
  )

  it.effect("reports invalid YAML with its line", () =>
    Effect.gen(function* () {
      // Written at test time: the repository's formatter rejects invalid YAML files.
      const tmp = yield* Effect.promise(() => mkdtemp(join(tmpdir(), "catalog-")))
      yield* Effect.promise(() =>
        writeFile(
          join(tmp, "invalid.yaml"),
          "offers:\n  - id: broken\n    vendor: Example\n    name: [unclosed\n    currency: USD\n",
        ),
      )
      const error = yield* Effect.flip(loadFile("invalid.yaml", tmp))
      expect(error.errors.length).toBe(1)
      expect(error.errors[0]).toMatchObject({
        file: "invalid.yaml",
        path: "",
        line: 5,
        code: "syntax",
      })
      expect(error.errors[0]?.message).toMatch(/^not valid JSON\/YAML: Flow sequence/)
    }),
  )

  it.effect(
    "gives lines for JSON files too, and one message for a value no alternative accepts",
    () =>
      Effect.gen(function* () {
        expect(yield* problems("quote.json")).toEqual([
          {
            file: "quote.json",
            path: "offers[0].components[0].price.per",
            line: 13,
            code: "wrong-type",
            message: 'wrong type: Expected "month" | "year", actual "mont"',
          },
        ])
      }),
  )

  it.effect("reports an unknown field as a likely typo", () =>
    Effect.gen(function* () {
      const [p] = yield* problems("unknown-field.yaml")
      expect(p).toMatchObject({ path: "offers[0].minSeat", line: 6, code: "unknown-key" })
    }),
  )

  it.effect("reports a file that cannot be read, or is not JSON/YAML", () =>
    Effect.gen(function* () {
      expect((yield* problems("no-such-file.yaml"))[0]).toMatchObject({
        code: "unreadable",
        message: "cannot read the file (ENOENT)",
      })
      expect((yield* problems("quote.txt"))[0]?.code).toBe("unsupported-file-type")
      expect((yield* problems("not-a-catalog.yaml"))[0]).toMatchObject({
        code: "not-a-catalog",
        message: 'expected an object with an "offers" list, got a list',
      })
    }),
  )
})
