import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Schema } from "effect"
import * as Calendar from "../src/Calendar.js"
import * as Money from "../src/Money.js"
import * as Subscription from "../src/Subscription.js"

const wire = {
  id: "sub-1",
  tenantId: "acme",
  vendor: "Salesforce",
  offerId: "salesforce-pro",
  seatsBought: 25,
  termStart: "2026-01-31",
  termMonths: 12,
  autoRenew: true,
  noticeDays: 30,
  recurringPrice: { amount: "30000.00", currency: "USD" },
  renewalUplift: "0.07",
  quotas: [
    {
      metric: "storage-gb",
      included: "10",
      overageRate: { amount: "125.00", currency: "USD" },
      overageUnit: "1",
    },
  ],
  owners: [{ name: "Li Wei", email: "li.wei@example.com" }],
  channels: [
    { _tag: "Webhook", url: "https://hooks.example.com/crm" },
    { _tag: "Email", to: ["b@example.com", "a@example.com"] },
  ],
  timeZone: "Asia/Shanghai",
}

describe("Subscription", () => {
  it.effect("decodes a contract from the wire and encodes it back unchanged", () =>
    Effect.gen(function* () {
      const sub = yield* Subscription.decode(wire)
      expect(sub.recurringPrice.amount.toFixed(2)).toBe("30000.00")
      expect(Money.toFixedString(sub.recurringPrice)).toBe("30000.00")
      const encoded = yield* Subscription.encode(sub)
      expect(encoded.recurringPrice).toEqual({ amount: "30000.00", currency: "USD" })
      expect(encoded.renewalUplift).toBe("0.07")
      expect(encoded.reminderOffsets).toEqual([90, 60, 30, 7, 1])
      expect(encoded.status).toBe("active")
      const again = yield* Subscription.decode(encoded)
      expect(yield* Subscription.encode(again)).toEqual(encoded)
    }),
  )

  it.effect("applies the defaults: no uplift, UTC, the default reminder offsets", () =>
    Effect.gen(function* () {
      const { renewalUplift: _, timeZone: __, quotas: ___, ...bare } = wire
      const sub = yield* Subscription.decode(bare)
      expect(sub.renewalUplift.isZero()).toBe(true)
      expect(sub.timeZone).toBe("UTC")
      expect(sub.reminderOffsets).toEqual(Subscription.defaultReminderOffsets)
      expect(sub.quotas).toEqual([])
    }),
  )

  it("rejects an unknown time zone, a negative notice period and a numeric price", () => {
    const decode = Schema.decodeUnknownEither(Subscription.Subscription)
    expect(Either.isLeft(decode({ ...wire, timeZone: "Mars/Olympus" }))).toBe(true)
    expect(Either.isLeft(decode({ ...wire, noticeDays: -1 }))).toBe(true)
    expect(
      Either.isLeft(decode({ ...wire, recurringPrice: { amount: 30000, currency: "USD" } })),
    ).toBe(true)
    expect(Either.isLeft(decode({ ...wire, tenantId: "" }))).toBe(true)
  })

  it.effect("puts the renewal at term end and the notice deadline notice days before it", () =>
    Effect.gen(function* () {
      const sub = yield* Subscription.decode(wire)
      // 31 Jan + 12 months = 31 Jan next year; 30 days earlier is 1 Jan.
      expect(Subscription.renewalDate(sub)).toBe("2027-01-31")
      expect(Subscription.noticeDeadline(sub)).toBe("2027-01-01")
      const monthly = { termStart: Calendar.unsafeMake("2026-01-31"), termMonths: 1, noticeDays: 0 }
      expect(Subscription.renewalDate(monthly)).toBe("2026-02-28")
      expect(Subscription.noticeDeadline(monthly)).toBe("2026-02-28")
    }),
  )

  it.effect("takes an anchor day only where a term start fell short of it", () =>
    Effect.gen(function* () {
      const anchored = (termStart: string, anchorDay: number) =>
        Effect.either(Subscription.decode({ ...wire, termStart, anchorDay }))
      expect(Either.isRight(yield* anchored("2026-02-28", 31))).toBe(true)
      expect(Either.isRight(yield* anchored("2026-04-30", 31))).toBe(true)
      expect(Either.isRight(yield* anchored("2026-03-15", 15))).toBe(true)
      const early = yield* anchored("2026-03-15", 31)
      expect(Either.isLeft(early) && early.left.message).toContain("anchorDay")
      const before = yield* anchored("2026-02-28", 27)
      expect(Either.isLeft(before) && before.left.message).toContain(
        "an anchor day must be the term start's own day",
      )
    }),
  )

  it.effect("changes the fields given; a new term start drops the anchor day unless named", () =>
    Effect.gen(function* () {
      const current = yield* Schema.encode(Subscription.Subscription)(
        yield* Subscription.decode({
          ...wire,
          termStart: "2026-02-28",
          termMonths: 1,
          anchorDay: 31,
        }),
      )
      const next = (changes: Parameters<typeof Subscription.withChanges>[1]) => {
        const { termStart, anchorDay, noticeDays } = Subscription.withChanges(current, changes)
        return [termStart, anchorDay, noticeDays]
      }
      expect(next({ noticeDays: 10, vendor: undefined })).toEqual(["2026-02-28", 31, 10])
      expect(next({ termStart: "2026-02-28" })).toEqual(["2026-02-28", 31, wire.noticeDays])
      expect(next({ termStart: "2026-04-30" })).toEqual(["2026-04-30", undefined, wire.noticeDays])
      expect(next({ termStart: "2026-04-30", anchorDay: 31 })).toEqual([
        "2026-04-30",
        31,
        wire.noticeDays,
      ])
    }),
  )

  it.effect("names channels stably, whatever the order of e-mail recipients", () =>
    Effect.gen(function* () {
      const sub = yield* Subscription.decode(wire)
      expect(sub.channels.map(Subscription.channelKey)).toEqual([
        "webhook:https://hooks.example.com/crm",
        "email:a@example.com,b@example.com",
      ])
      expect(Subscription.channelKey({ _tag: "Log" })).toBe("log")
    }),
  )

  it.effect(
    "delivers to each channel once, to the log when none is named, and finds a channel by key",
    () =>
      Effect.gen(function* () {
        const sub = yield* Subscription.decode(wire)
        const twice = [...sub.channels, ...sub.channels]
        expect(Subscription.deliveryChannelKeys(twice)).toEqual([
          "webhook:https://hooks.example.com/crm",
          "email:a@example.com,b@example.com",
        ])
        expect(Subscription.deliveryChannelKeys([])).toEqual(["log"])
        expect(Subscription.channelOfKey(sub.channels, "email:a@example.com,b@example.com")).toBe(
          sub.channels[1],
        )
        // A key the subscription no longer has finds nothing: nobody is sent to a removed address.
        expect(Subscription.channelOfKey(sub.channels, "email:old@example.com")).toBeUndefined()
        expect(Subscription.channelOfKey(sub.channels, "log")).toBeUndefined()
        expect(Subscription.channelOfKey([], "log")).toEqual({ _tag: "Log" })
      }),
  )

  it.effect("derives the same alert key from the same subscription, kind, term and offset", () =>
    Effect.gen(function* () {
      const sub = yield* Subscription.decode(wire)
      const key = (detail: string) =>
        Subscription.alertKey({
          subscriptionId: sub.id,
          kind: "notice-reminder",
          termStart: sub.termStart,
          detail,
        })
      expect(key("30")).toBe(key("30"))
      expect(key("30")).not.toBe(key("7"))
      expect(key("30")).toBe("sub-1/notice-reminder/2026-01-31/30")
    }),
  )

  it.effect("round-trips usage snapshots and alerts through their encoded form", () =>
    Effect.gen(function* () {
      const snapshot = yield* Schema.decodeUnknown(Subscription.UsageSnapshot)({
        id: "u-1",
        tenantId: "acme",
        subscriptionId: "sub-1",
        takenAt: "2026-03-01T08:00:00.000Z",
        seatsAssigned: 27,
        metrics: { "storage-gb": "12.5", "api-calls": 120000 },
      })
      const encoded = yield* Schema.encode(Subscription.UsageSnapshot)(snapshot)
      expect(encoded.metrics).toEqual({ "storage-gb": "12.5", "api-calls": "120000" })
      expect(encoded.takenAt).toBe("2026-03-01T08:00:00.000Z")

      const alert = yield* Schema.decodeUnknown(Subscription.Alert)({
        id: "a-1",
        key: "sub-1/seats-over/2026-01-31/-",
        tenantId: "acme",
        subscriptionId: "sub-1",
        kind: "seats-over",
        decidedAt: "2026-03-01T08:00:00.000Z",
        payload: { seatsAssigned: 27, seatsBought: 25 },
      })
      expect(yield* Schema.encode(Subscription.Alert)(alert)).toMatchObject({
        kind: "seats-over",
        payload: { seatsAssigned: 27, seatsBought: 25 },
      })
    }),
  )
})
