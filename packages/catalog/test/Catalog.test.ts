import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as BuiltIn from "../src/BuiltIn.js"
import * as Catalog from "../src/Catalog.js"

const cwd = new URL("../", import.meta.url).pathname

describe("Catalog", () => {
  it.effect("is the built-in catalog when no file is given", () =>
    Effect.gen(function* () {
      const catalog = yield* Catalog.load([])
      expect(catalog.offers.length).toBe(BuiltIn.wire.length)
      expect(catalog.replaced).toEqual([])
    }),
  )

  it.effect("merges a user file: a same-id offer replaces the built-in one and is reported", () =>
    Effect.gen(function* () {
      const catalog = yield* Catalog.load(["examples/my-quotes.yaml"], { cwd })
      expect(catalog.replaced).toEqual([{ id: "pd-growth", file: "examples/my-quotes.yaml" }])
      expect(catalog.offers.length).toBe(BuiltIn.wire.length + 1)
      const growth = catalog.offers.filter((o) => o.id === "pd-growth")
      expect(growth.map((o) => o.name)).toEqual(["Pipedrive Growth (negotiated, example)"])
      expect(catalog.origin.get("northwind-crm-2026-q4")).toBe("examples/my-quotes.yaml")
      expect(catalog.origin.get("pd-lite")).toBe(BuiltIn.file)
    }),
  )

  it.effect("rejects one id in two user files", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Catalog.load(["examples/my-quotes.yaml", "test/fixtures/other-quotes.yaml"], { cwd }),
      )
      expect(error.errors.map((e) => [e.file, e.path, e.line, e.code, e.message])).toEqual([
        [
          "test/fixtures/other-quotes.yaml",
          "offers[0].id",
          2,
          "duplicate-id",
          'duplicate offer id "northwind-crm-2026-q4" (also in examples/my-quotes.yaml at offers[0])',
        ],
      ])
    }),
  )

  it.effect("reports the problems of every bad file at once", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Catalog.load(["test/fixtures/missing-currency.yaml", "test/fixtures/negative-price.yaml"], {
          cwd,
        }),
      )
      expect(error.errors.map((e) => e.file)).toEqual([
        "test/fixtures/missing-currency.yaml",
        "test/fixtures/negative-price.yaml",
      ])
    }),
  )
})
