import * as BuiltIn from "@crm-cost/catalog/BuiltIn"
import { Offer } from "@crm-cost/domain/Offer"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Schema } from "effect"
import * as fc from "fast-check"
import * as ExcessKeys from "../src/ExcessKeys.js"
import { decoderOf } from "../src/Route.js"
import {
  ComparisonRequest,
  HiddenFeesRequest,
  QuoteRequest,
  RecommendationRequest,
  SubscriptionInput,
} from "../src/Wire.js"

type Json = null | boolean | number | string | Array<Json> | { [key: string]: Json }

const strictOptions = { errors: "all", onExcessProperty: "error" } as const

const profile: Json = {
  seats: 10,
  growth: { _tag: "Rate", rate: "0.1", every: "month" },
  modules: ["sales"],
  usage: [{ metric: "storage-gb", perMonth: 5, schedule: ["1", 2], monthlyGrowth: "0.01" }],
  horizonMonths: 36,
  startDate: "2026-01-01",
  terms: [1, 12],
  tax: { rate: "0.13", mode: "exclusive" },
  discountRate: "0.08",
  labourRate: { amount: "50", currency: "USD" },
  currency: "CNY",
  fx: { asOf: "2026-01-01", rates: [{ from: "USD", to: "CNY", rate: "7.1" }] },
}

const offers: ReadonlyArray<Json> = Effect.runSync(BuiltIn.offers).map(
  (offer) => JSON.parse(JSON.stringify(Schema.encodeSync(Offer)(offer))) as Json,
)

/** Well-formed requests: by id and inline, with most optional parts present. */
const cases: ReadonlyArray<{ readonly schema: Schema.Schema.AnyNoContext; readonly input: Json }> =
  [
    { schema: QuoteRequest, input: { offer: "example-per-user", profile, termMonths: 12 } },
    ...offers.map((offer) => ({
      schema: QuoteRequest,
      input: { offer, profile: { seats: 5, horizonMonths: 12, startDate: "2026-03-31" } },
    })),
    {
      schema: ComparisonRequest,
      input: {
        offers: [...offers.slice(0, 3), "example-per-user"],
        profile,
        seatRange: { from: 1, to: 50 },
      },
    },
    { schema: RecommendationRequest, input: { profile, acceptOverage: true } },
    { schema: HiddenFeesRequest, input: { offer: offers[0] ?? null, profile } },
  ]

/** Every object and array in a value, with the path to it. */
const containers = (value: Json, path: ReadonlyArray<string | number> = []) => {
  const out: Array<{ path: ReadonlyArray<string | number>; value: Json }> = []
  if (typeof value === "object" && value !== null) {
    out.push({ path, value })
    for (const [key, child] of Object.entries(value)) {
      out.push(...containers(child, [...path, Array.isArray(value) ? Number(key) : key]))
    }
  }
  return out
}

const copy = (value: Json): Json => JSON.parse(JSON.stringify(value)) as Json

const at = (root: Json, path: ReadonlyArray<string | number>): Json => {
  let current: Json = root
  for (const step of path) {
    if (typeof current !== "object" || current === null) return null
    current = (current as Record<string, Json>)[step] ?? null
  }
  return current
}

/** The strict decode of one part, as the routes decoded it before. */
const strictly = (schema: Schema.Schema.AnyNoContext, input: unknown) =>
  Schema.decodeUnknownEither(schema, strictOptions)(input)

describe("ExcessKeys", () => {
  it("finds no undeclared key in well-formed requests, so they take the quick decode", () => {
    for (const { schema, input } of cases) {
      expect(Either.isRight(strictly(schema, input))).toBe(true)
      expect(ExcessKeys.make(schema.ast)(input)).toBe(false)
    }
  })

  it("finds an undeclared key in any object of a request, at any depth", () => {
    for (const { schema, input } of cases) {
      const check = ExcessKeys.make(schema.ast)
      for (const { path, value } of containers(input)) {
        if (Array.isArray(value)) continue
        const changed = copy(input)
        const target = at(changed, path) as Record<string, Json>
        target.undeclared = 1
        expect(check(changed)).toBe(true)
        expect(Either.isLeft(strictly(schema, changed))).toBe(true)
      }
    }
  }, 60_000)

  it("decodes every request, well-formed or not, as the strict decode does", () => {
    const mutation = fc.record({
      where: fc.nat(),
      kind: fc.constantFrom("add", "remove", "replace"),
      key: fc.oneof(fc.constantFrom("_tag", "rate", "seats", "amount", "id"), fc.string()),
      value: fc.jsonValue(),
    })
    /** Add, remove or replace one member of one object or array of the input. */
    const mutate = (
      input: Json,
      { where, kind, key, value }: typeof mutation extends fc.Arbitrary<infer M> ? M : never,
    ) => {
      const targets = containers(input)
      const target = targets[where % targets.length]?.value
      if (Array.isArray(target)) {
        const index = where % Math.max(target.length, 1)
        if (kind === "add") target.push(value as Json)
        if (kind === "remove") target.splice(index, 1)
        if (kind === "replace") target[index] = value as Json
      } else if (typeof target === "object" && target !== null) {
        const record = target as Record<string, Json>
        const keys = Object.keys(record)
        const existing = keys[where % Math.max(keys.length, 1)] ?? key
        if (kind === "add") record[key] = value as Json
        if (kind === "remove") delete record[existing]
        if (kind === "replace") record[existing] = value as Json
      }
    }
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { maxLength: 3 }), (which, mutations) => {
        const base = cases[which % cases.length]
        if (base === undefined) return
        const input = copy(base.input)
        for (const m of mutations) mutate(input, m)
        const mine = decoderOf(base.schema, "body")(input)
        const theirs = strictly(base.schema, input)
        expect(Either.isRight(mine)).toBe(Either.isRight(theirs))
        if (Either.isRight(mine) && Either.isRight(theirs)) expect(mine.right).toEqual(theirs.right)
      }),
      { numRuns: 3000 },
    )
  }, 60_000)

  it("leaves parts it does not follow to the strict decode", () => {
    // A record keyed by a pattern, and a transformation into a struct: not followed.
    const patterned = Schema.Record({
      key: Schema.String.pipe(Schema.pattern(/^x/)),
      value: Schema.Number,
    })
    expect(ExcessKeys.make(patterned.ast)({ x1: 1 })).toBe(true)
    const parsed = Schema.parseJson(Schema.Struct({ a: Schema.Number }))
    expect(ExcessKeys.make(parsed.ast)('{"a":1}')).toBe(true)
    expect(ExcessKeys.make(SubscriptionInput.ast)({})).toBe(false)
  })
})
