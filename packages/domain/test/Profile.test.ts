import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import * as Calendar from "../src/Calendar.js"
import { Profile } from "../src/Profile.js"

const decode = Schema.decodeUnknownEither(Profile)
const encode = Schema.encodeSync(Profile)
const need = { seats: 10, horizonMonths: 36, startDate: "2026-01-01" }

describe("Profile", () => {
  it("decodes a need without lists to a profile with empty lists", () => {
    const decoded = decode(need)
    if (Either.isLeft(decoded)) throw new Error(String(decoded.left))
    expect(decoded.right).toBeInstanceOf(Profile)
    expect(decoded.right.modules).toEqual([])
    expect(decoded.right.integrations).toEqual([])
    expect(decoded.right.usage).toEqual([])
    expect(decoded.right.extras).toEqual([])
  })

  it("takes a list sent as undefined for an empty one, and keeps a list sent", () => {
    const decoded = decode({ ...need, modules: undefined, extras: ["sandbox"] })
    if (Either.isLeft(decoded)) throw new Error(String(decoded.left))
    expect(decoded.right.modules).toEqual([])
    expect(decoded.right.extras).toEqual(["sandbox"])
  })

  it("fills empty lists in when constructed without them", () => {
    const profile = new Profile({
      seats: 1,
      horizonMonths: 12,
      startDate: Calendar.unsafeMake("2026-01-01"),
    })
    expect(profile.modules).toEqual([])
    expect(profile.usage).toEqual([])
    expect(Object.keys(profile)).toEqual([
      "seats",
      "modules",
      "integrations",
      "usage",
      "horizonMonths",
      "startDate",
      "extras",
    ])
  })

  it("encodes every list, empty ones included", () => {
    const decoded = decode(need)
    if (Either.isLeft(decoded)) throw new Error(String(decoded.left))
    expect(encode(decoded.right)).toEqual({
      seats: 10,
      modules: [],
      integrations: [],
      usage: [],
      horizonMonths: 36,
      startDate: "2026-01-01",
      extras: [],
    })
  })

  it("still rejects an invalid list item, seat count or date", () => {
    expect(Either.isLeft(decode({ ...need, modules: [""] }))).toBe(true)
    expect(Either.isLeft(decode({ ...need, seats: -1 }))).toBe(true)
    expect(Either.isLeft(decode({ ...need, startDate: "2026-02-30" }))).toBe(true)
    expect(Either.isLeft(decode({ ...need, usage: [{ metric: "api", perMonth: "-1" }] }))).toBe(
      true,
    )
  })
})
