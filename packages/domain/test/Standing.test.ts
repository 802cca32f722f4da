import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Standing from "../src/Standing.js"
import { contract, quota, snapshot, usd } from "./alertFixtures.js"

const storage = quota("storage-gb", "100", { rate: usd("1") })
const held = contract({ seatsBought: 10, quotas: [storage] })
const snapshots = [
  snapshot("2025-03-01T09:00:00Z", 10, { "storage-gb": "50" }),
  snapshot("2025-04-01T09:00:00Z", 11, { "storage-gb": "70" }),
  snapshot("2025-05-01T09:00:00Z", 12, { "storage-gb": "85" }),
]

describe("Standing", () => {
  it.effect("shows seats over with their prorated cost, the threshold reached and the trend", () =>
    Effect.sync(() => {
      const s = Standing.make(held, snapshots, new Date("2025-05-01T12:00:00Z"))
      expect(s?.takenOn).toBe("2025-05-01")
      expect(s?.seats.assigned).toBe(12)
      // 2 seats × 1,200 per seat-term × 245 of 365 days left = 1,610.958…
      expect(s?.seats.cost?.toString()).toBe("1610.96 USD")
      const q = s?.quotas[0]
      expect(q?.usage?.toFixed()).toBe("85")
      expect(q?.threshold).toBe(80)
      expect(q?.cost?.toString()).toBe("0.00 USD")
      // 50 → 70 → 85 GB a month apart: the trend crosses 100 GB before the term ends.
      expect(q?.forecast?.crossesOn !== undefined && q.forecast.crossesOn < "2026-01-01").toBe(true)
    }),
  )

  it.effect(
    "has nothing to show for a cancelled contract or one without a snapshot in its term",
    () =>
      Effect.sync(() => {
        const now = new Date("2025-05-01T12:00:00Z")
        expect(Standing.make(contract({ status: "cancelled" }), snapshots, now)).toBeUndefined()
        expect(Standing.make(held, [], now)).toBeUndefined()
      }),
  )
})
