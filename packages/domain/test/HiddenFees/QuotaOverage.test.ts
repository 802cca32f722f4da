import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { QuotaOverage } from "../../src/HiddenFees/QuotaOverage.js"
import * as Messages from "../../src/Messages.js"
import { offer, perUser, profile } from "../fixtures.js"

const seat = { _tag: "PerSeat", id: "seat", name: "User", price: { amount: "50", per: "month" } }
const storage = offer({
  components: [
    seat,
    {
      _tag: "Usage",
      id: "storage",
      name: "File storage",
      metric: "storage-gb",
      measure: "peak",
      included: { units: "10" },
      pricing: { _tag: "PerUnit", unitPrice: "2" },
    },
  ],
})
const contacts = offer({
  components: [
    {
      _tag: "Usage",
      id: "marketing-contacts",
      name: "Marketing contacts",
      metric: "marketing-contacts",
      measure: "peak",
      pricing: {
        _tag: "Graduated",
        tiers: [{ upTo: 2000, unitPrice: "0", flatFee: "890" }, { unitPrice: "0.05" }],
      },
    },
  ],
})
const capped = (hard: boolean) =>
  offer({
    components: [seat],
    limits: { quotas: [{ metric: "api-calls", units: 1000, per: "month", hard }] },
  })

describe("QuotaOverage", () => {
  it.effect("prices usage over what the plan includes: (25 − 10) GB × 2 × 12 = 360", () =>
    Effect.gen(function* () {
      const need = profile({ usage: [{ metric: "storage-gb", perMonth: 25 }] })
      const [f, ...rest] = yield* QuotaOverage.run(storage, need)
      expect(rest).toEqual([])
      expect(f?.money?.toString()).toBe("360.00 USD")
      expect(f?.componentId).toBe("storage")
      expect(f && Messages.render(f.message, "en")).toContain("reaches 25 per month against 10")
      expect(f && Messages.render(f.message, "zh-CN")).toContain("存储空间")
    }),
  )

  it.effect("does not count a plan's base fee as overage: 1,000 contacts × 0.05 × 12 = 600", () =>
    Effect.gen(function* () {
      const need = profile({ usage: [{ metric: "marketing-contacts", perMonth: 3000 }] })
      const [f] = yield* QuotaOverage.run(contacts, need)
      expect(f?.money?.toString()).toBe("600.00 USD")
    }),
  )

  it.effect("flags a soft quota with no published overage price as quote required", () =>
    Effect.gen(function* () {
      const need = profile({
        usage: [{ metric: "api-calls", perMonth: 800, schedule: [800, 900, 1500] }],
      })
      const [f, ...rest] = yield* QuotaOverage.run(capped(false), need)
      expect(rest).toEqual([])
      expect(f?.quoteRequired).toBe(true)
      expect(f?.money).toBeUndefined()
      expect(f?.severity).toBe("warning")
      expect(f && Messages.render(f.message, "en")).toContain("1,500 in month 3")
    }),
  )

  it.effect("flags a hard quota the need exceeds as critical, never as a zero cost", () =>
    Effect.gen(function* () {
      const need = profile({ usage: [{ metric: "api-calls", perMonth: 1500 }] })
      const [f] = yield* QuotaOverage.run(capped(true), need)
      expect(f?.severity).toBe("critical")
      expect(f?.quoteRequired).toBe(true)
      expect(f?.money).toBeUndefined()
    }),
  )

  it.effect("counts a per-seat quota against the seats of each month", () =>
    Effect.gen(function* () {
      const perSeatQuota = offer({
        components: [seat],
        limits: { quotas: [{ metric: "records", units: 2500, per: "seat" }] },
      })
      const within = profile({ seats: 10, usage: [{ metric: "records", perMonth: 25000 }] })
      expect(yield* QuotaOverage.run(perSeatQuota, within)).toEqual([])
      const over = profile({ seats: 10, usage: [{ metric: "records", perMonth: 25001 }] })
      expect((yield* QuotaOverage.run(perSeatQuota, over)).length).toBe(1)
    }),
  )

  it.effect(
    "counts per-seat quotas and inclusions against the seats billed, minimum included",
    () =>
      Effect.gen(function* () {
        const floored = offer({
          components: [
            { ...seat, minSeats: 5 },
            {
              _tag: "Usage",
              id: "storage",
              name: "File storage",
              metric: "storage-gb",
              measure: "peak",
              included: { perSeat: "2" },
              pricing: { _tag: "PerUnit", unitPrice: "2" },
            },
          ],
          limits: { quotas: [{ metric: "records", units: 1000, per: "seat" }] },
        })
        // 3 seats used, 5 billed: 5,000 records and 10 GB are included
        const within = profile({
          seats: 3,
          usage: [
            { metric: "records", perMonth: 5000 },
            { metric: "storage-gb", perMonth: 10 },
          ],
        })
        expect(yield* QuotaOverage.run(floored, within)).toEqual([])
        const over = profile({
          seats: 3,
          usage: [
            { metric: "records", perMonth: 5001 },
            { metric: "storage-gb", perMonth: 13 },
          ],
        })
        const findings = yield* QuotaOverage.run(floored, over)
        expect(findings.map((f) => [f.componentId, f.money?.toString()])).toEqual([
          // (13 − 10) GB × 2 × 12
          ["storage", "72.00 USD"],
          [undefined, undefined],
        ])
      }),
  )

  it.effect("stays silent when usage stays within what is included", () =>
    Effect.gen(function* () {
      expect(
        yield* QuotaOverage.run(
          storage,
          profile({ usage: [{ metric: "storage-gb", perMonth: 10 }] }),
        ),
      ).toEqual([])
      expect(
        yield* QuotaOverage.run(
          capped(true),
          profile({ usage: [{ metric: "api-calls", perMonth: 1000 }] }),
        ),
      ).toEqual([])
      expect(
        yield* QuotaOverage.run(
          perUser,
          profile({ usage: [{ metric: "storage-gb", perMonth: 99 }] }),
        ),
      ).toEqual([])
    }),
  )
})
