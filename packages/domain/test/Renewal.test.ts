import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Alerts from "../src/Alerts.js"
import * as Money from "../src/Money.js"
import * as Overage from "../src/Overage.js"
import * as Renewal from "../src/Renewal.js"
import * as Zoned from "../src/Zoned.js"
import { contract, d, usd } from "./alertFixtures.js"

const at = (iso: string) => new Date(iso)
const keys = (decision: Alerts.Decision) => decision.alerts.map((a) => a.key)

describe("Renewal", () => {
  it.effect(
    "puts the renewal date at the term's end and the notice deadline notice days before",
    () =>
      Effect.sync(() => {
        const term = Renewal.currentTerm(contract({ termStart: "2025-03-15", noticeDays: 45 }))
        expect(term.renewalDate).toBe("2026-03-15")
        expect(term.noticeDeadline).toBe("2026-01-29")
      }),
  )

  it.effect("clamps month ends: 31 Jan + 1 month is 29 Feb in a leap year, 28 Feb otherwise", () =>
    Effect.sync(() => {
      expect(
        Renewal.currentTerm(contract({ termStart: "2024-01-31", termMonths: 1 })).renewalDate,
      ).toBe("2024-02-29")
      expect(
        Renewal.currentTerm(contract({ termStart: "2025-01-31", termMonths: 1 })).renewalDate,
      ).toBe("2025-02-28")
      // Later terms come from the anchor, so the month end does not drift to the 28th/29th.
      const s = contract({ termStart: "2024-01-31", termMonths: 1 })
      expect([1, 2, 3].map((k) => Renewal.termAfter(s, k).renewalDate)).toEqual([
        "2024-03-31",
        "2024-04-30",
        "2024-05-31",
      ])
    }),
  )

  it.effect(
    "keeps the month end in a saved roll: a monthly term from 31 Jan renewed on 28 Feb renews on 31 Mar, as unsaved",
    () =>
      Effect.sync(() => {
        const s = contract({ termStart: "2026-01-31", termMonths: 1, noticeDays: 5 })
        const today = d("2026-03-05")
        const saved = Renewal.rollTo(s, today).subscription
        expect([saved.termStart, saved.anchorDay]).toEqual(["2026-02-28", 31])
        const term = Renewal.currentTerm(saved)
        expect([term.renewalDate, term.noticeDeadline]).toEqual(["2026-03-31", "2026-03-26"])
        // What the API shows before the worker saves the roll is what it saves.
        expect(Renewal.termInForce(s, at("2026-03-05T12:00:00Z"))).toEqual(term)
        // Rolled again from what was saved: the same days as from the original start.
        const later = Renewal.rollTo(saved, d("2026-05-01")).subscription
        expect([later.termStart, later.anchorDay]).toEqual(["2026-04-30", 31])
        expect(Renewal.currentTerm(later).renewalDate).toBe("2026-05-31")
        expect(Renewal.rollTo(s, d("2026-05-01")).subscription.termStart).toBe("2026-04-30")
        // A start on its anchor day needs none.
        const onDay = Renewal.rollTo(saved, d("2026-04-02")).subscription
        expect([onDay.termStart, onDay.anchorDay]).toEqual(["2026-03-31", undefined])
      }),
  )

  it.effect("keeps a leap day through saved yearly rolls: 29 Feb 2024 renews on 29 Feb 2028", () =>
    Effect.sync(() => {
      const s = contract({ termStart: "2024-02-29", termMonths: 12 })
      const saved = Renewal.rollTo(s, d("2025-03-01")).subscription
      expect([saved.termStart, saved.anchorDay]).toEqual(["2025-02-28", 29])
      const again = Renewal.rollTo(saved, d("2027-03-01")).subscription
      expect([again.termStart, Renewal.currentTerm(again).renewalDate]).toEqual([
        "2027-02-28",
        "2028-02-29",
      ])
      const leap = Renewal.rollTo(again, d("2028-03-01")).subscription
      expect([leap.termStart, leap.anchorDay]).toEqual(["2028-02-29", undefined])
    }),
  )

  it.effect("puts a saved quarterly roll's monthly quota periods on the anchor day", () =>
    Effect.sync(() => {
      // Quarterly from 30 Nov: renewed on 28 Feb (anchor 30), next on 30 May.
      const s = contract({ termStart: "2025-11-30", termMonths: 3 })
      const saved = Renewal.rollTo(s, d("2026-03-01")).subscription
      const term = Renewal.currentTerm(saved)
      expect([saved.termStart, saved.anchorDay, term.renewalDate]).toEqual([
        "2026-02-28",
        30,
        "2026-05-30",
      ])
      const period = (today: string) =>
        Overage.periodOf({ per: "month" }, term, d(today), saved.anchorDay)
      expect(period("2026-03-29")).toEqual({ start: "2026-02-28", end: "2026-03-30" })
      expect(period("2026-03-30")).toEqual({ start: "2026-03-30", end: "2026-04-30" })
      expect(period("2026-05-29")).toEqual({ start: "2026-04-30", end: "2026-05-30" })
    }),
  )

  it.effect("decides a saved roll's reminders and renewal on the anchor day", () =>
    Effect.sync(() => {
      const s = contract({
        termStart: "2026-01-31",
        termMonths: 1,
        autoRenew: true,
        noticeDays: 0,
        reminderOffsets: [0],
      })
      const saved = Renewal.rollTo(s, d("2026-03-05")).subscription
      // Due on 31 Mar (the anchored renewal), not on 28 Mar.
      const before = Alerts.decide(saved, [], { now: at("2026-03-29T12:00:00Z") })
      expect(keys(before)).toEqual([])
      const on = Alerts.decide(saved, [], { now: at("2026-03-31T12:00:00Z") })
      expect(on.renewed?.termStart).toBe("2026-03-31")
      expect(keys(on)).toEqual([
        "sub-1/notice-reminder/2026-02-28/0",
        "sub-1/auto-renewed/2026-02-28/-",
      ])
      expect(on.alerts.map((a) => a.dueOn)).toEqual(["2026-03-31", "2026-03-31"])
    }),
  )

  it.effect(
    "renews a leap-day contract on 28 Feb of the next year, and notice crosses 29 Feb",
    () =>
      Effect.sync(() => {
        expect(Renewal.currentTerm(contract({ termStart: "2024-02-29" })).renewalDate).toBe(
          "2025-02-28",
        )
        const t = Renewal.currentTerm(contract({ termStart: "2023-03-01", noticeDays: 1 }))
        expect(t.renewalDate).toBe("2024-03-01")
        expect(t.noticeDeadline).toBe("2024-02-29")
      }),
  )

  it.effect("lists the default reminders 90, 60, 30, 7 and 1 days before the notice deadline", () =>
    Effect.sync(() => {
      const s = contract({ termStart: "2025-01-01", noticeDays: 30 })
      const term = Renewal.currentTerm(s)
      expect(term.noticeDeadline).toBe("2025-12-02")
      expect(Renewal.reminders(term, Renewal.reminderOffsets(s))).toEqual([
        { offset: 90, dueOn: d("2025-09-03") },
        { offset: 60, dueOn: d("2025-10-03") },
        { offset: 30, dueOn: d("2025-11-02") },
        { offset: 7, dueOn: d("2025-11-25") },
        { offset: 1, dueOn: d("2025-12-01") },
      ])
    }),
  )

  it.effect(
    "takes the subscription's own offsets over the tenant's, and the tenant's over the default",
    () =>
      Effect.sync(() => {
        expect(Renewal.reminderOffsets(contract(), [14, 3])).toEqual([14, 3])
        expect(
          Renewal.reminderOffsets(contract({ reminderOffsets: [10, 2, 10] }), [14, 3]),
        ).toEqual([10, 2])
        expect(Renewal.reminderOffsets(contract())).toEqual([90, 60, 30, 7, 1])
      }),
  )

  it.effect("uplifts the price once per renewal, rounding each renewal's price to the cent", () =>
    Effect.sync(() => {
      expect(Renewal.upliftedPrice(usd("1000"), new Money.Decimal("0.07"), 2).toString()).toBe(
        "1144.90 USD",
      )
      expect(Renewal.upliftedPrice(usd("99.99"), new Money.Decimal("0.035"), 1).toString()).toBe(
        "103.49 USD",
      )
    }),
  )

  it.effect("rolls an auto-renewing contract on its renewal day, not the day before", () =>
    Effect.sync(() => {
      const s = contract({ termStart: "2025-01-01", price: usd("12000.00"), uplift: "0.07" })
      expect(Renewal.rollTo(s, d("2025-12-31")).rolls).toEqual([])
      const { subscription, rolls } = Renewal.rollTo(s, d("2026-01-01"))
      expect(rolls).toHaveLength(1)
      expect(subscription.termStart).toBe("2026-01-01")
      expect(subscription.recurringPrice.toString()).toBe("12840.00 USD")
      expect(Renewal.currentTerm(subscription).renewalDate).toBe("2027-01-01")
    }),
  )

  it.effect("rolls through every missed renewal and never rolls one that does not auto-renew", () =>
    Effect.sync(() => {
      const monthly = contract({
        termStart: "2024-01-31",
        termMonths: 1,
        price: usd("100"),
        uplift: "0.1",
      })
      const { subscription, rolls } = Renewal.rollTo(monthly, d("2024-04-30"))
      expect(rolls.map((r) => r.began.start)).toEqual(["2024-02-29", "2024-03-31", "2024-04-30"])
      expect(subscription.recurringPrice.toString()).toBe("133.10 USD")
      expect(Renewal.rollTo(contract({ autoRenew: false }), d("2030-01-01")).rolls).toEqual([])
    }),
  )
})

describe("Alerts.decide (renewal)", () => {
  it.effect("sends the reminder on its day in the subscription's time zone", () =>
    Effect.sync(() => {
      // The 30-day reminder of a 2025-01-01 annual contract with 30 days' notice is due 2025-11-02.
      const s = contract({ timeZone: "Asia/Shanghai" })
      // 2025-11-01T16:30Z is 00:30 on 2 Nov in Shanghai, still 1 Nov in UTC.
      const inShanghai = Alerts.decide(s, [], { now: at("2025-11-01T16:30:00Z") })
      expect(keys(inShanghai)).toContain("sub-1/notice-reminder/2025-01-01/30")
      const stillUtc = Alerts.decide(contract(), [], { now: at("2025-11-01T16:30:00Z") })
      expect(keys(stillUtc)).not.toContain("sub-1/notice-reminder/2025-01-01/30")
    }),
  )

  it.effect("follows the wall clock across a DST change (New York, 2 Nov 2025 has 25 hours)", () =>
    Effect.sync(() => {
      const s = contract({ timeZone: "America/New_York" })
      // 04:30Z on 2 Nov is 00:30 EDT (UTC−4): already 2 Nov locally.
      expect(keys(Alerts.decide(s, [], { now: at("2025-11-02T04:30:00Z") }))).toContain(
        "sub-1/notice-reminder/2025-01-01/30",
      )
      // 03:30Z is 23:30 on 1 Nov locally.
      expect(keys(Alerts.decide(s, [], { now: at("2025-11-02T03:30:00Z") }))).not.toContain(
        "sub-1/notice-reminder/2025-01-01/30",
      )
      // 04:30Z on 3 Nov is 23:30 EST (UTC−5) on 2 Nov: the DST change made the day 25 hours.
      expect(Zoned.calendarDate(at("2025-11-03T04:30:00Z"), "America/New_York")).toBe("2025-11-02")
      // Spring forward: 9 Mar 2025 07:30Z is 03:30 EDT, 06:30Z is 01:30 EST.
      expect(Zoned.localDays(at("2025-03-09T07:30:00Z"), "America/New_York") % 1).toBeCloseTo(
        3.5 / 24,
      )
      expect(Zoned.localDays(at("2025-03-09T06:30:00Z"), "America/New_York") % 1).toBeCloseTo(
        1.5 / 24,
      )
    }),
  )

  it.effect("is idempotent: deciding again gives the same keys and facts", () =>
    Effect.sync(() => {
      const now = at("2025-11-03T10:00:00Z")
      const a = Alerts.decide(contract(), [], { now })
      const b = Alerts.decide(contract(), [], { now })
      expect(a).toEqual(b)
      expect(new Set(keys(a)).size).toBe(keys(a).length)
    }),
  )

  it.effect(
    "catches up: after 10 days without a run, every reminder due in them is sent once",
    () =>
      Effect.sync(() => {
        // Deadline 2025-12-02: the 7-day reminder on 25 Nov and the 1-day one on 1 Dec.
        const before = Alerts.decide(contract(), [], { now: at("2025-11-22T12:00:00Z") })
        const after = Alerts.decide(contract(), [], { now: at("2025-12-02T12:00:00Z") })
        const fresh = keys(after).filter((k) => !keys(before).includes(k))
        expect(fresh).toEqual([
          "sub-1/notice-reminder/2025-01-01/7",
          "sub-1/notice-reminder/2025-01-01/1",
        ])
        const late = after.alerts.find((a) => a.key.endsWith("/7"))
        expect(late?.dueOn).toBe("2025-11-25")
        expect(late?.facts.today).toBe("2025-12-02")
      }),
  )

  it.effect("reminds a contract added late once, with the latest reminder only", () =>
    Effect.sync(() => {
      // Deadline 2025-12-02; today is 2025-11-28, outside a 2-day catch-up window for the 30 and 60.
      const decision = Alerts.decide(contract(), [], {
        now: at("2025-11-28T09:00:00Z"),
        catchUpDays: 2,
      })
      expect(keys(decision)).toEqual(["sub-1/notice-reminder/2025-01-01/7"])
      // After the notice deadline there is nothing left to remind of.
      expect(
        keys(Alerts.decide(contract(), [], { now: at("2025-12-20T09:00:00Z"), catchUpDays: 2 })),
      ).toEqual([])
    }),
  )

  it.effect("reports the renewal day of a contract that does not auto-renew", () =>
    Effect.sync(() => {
      const s = contract({ autoRenew: false })
      expect(
        keys(Alerts.decide(s, [], { now: at("2025-12-31T23:00:00Z"), catchUpDays: 0 })),
      ).toEqual([])
      const decision = Alerts.decide(s, [], { now: at("2026-01-01T00:00:00Z"), catchUpDays: 0 })
      expect(keys(decision)).toEqual(["sub-1/renewal/2025-01-01/-"])
      expect(decision.renewed).toBeUndefined()
    }),
  )

  it.effect(
    "reports an auto-renewal with the uplifted price and hands back the rolled contract",
    () =>
      Effect.sync(() => {
        const decision = Alerts.decide(contract(), [], {
          now: at("2026-01-01T08:00:00Z"),
          catchUpDays: 0,
        })
        expect(keys(decision)).toEqual(["sub-1/auto-renewed/2025-01-01/-"])
        const facts = decision.alerts[0]?.facts
        expect(facts?.kind === "auto-renewed" && [facts.oldPrice, facts.newPrice]).toEqual([
          { amount: "12000.00", currency: "USD" },
          { amount: "12840.00", currency: "USD" },
        ])
        expect(decision.renewed?.termStart).toBe("2026-01-01")
        expect(decision.renewed?.recurringPrice.toString()).toBe("12840.00 USD")
        // Deciding on the rolled contract reports nothing new about the old term.
        const again = Alerts.decide(decision.renewed ?? contract(), [], {
          now: at("2026-01-01T09:00:00Z"),
          catchUpDays: 0,
        })
        expect(keys(again)).toEqual([])
      }),
  )

  it.effect(
    "quotes the next term's uplifted price in a reminder of an auto-renewing contract",
    () =>
      Effect.sync(() => {
        const decision = Alerts.decide(contract(), [], {
          now: at("2025-12-01T08:00:00Z"),
          catchUpDays: 0,
        })
        const facts = decision.alerts[0]?.facts
        expect(facts?.kind === "notice-reminder" && facts.offset).toBe(1)
        expect(facts?.kind === "notice-reminder" && facts.nextPrice.amount).toBe("12840.00")
      }),
  )

  it.effect("decides nothing about a cancelled contract", () =>
    Effect.sync(() => {
      const s = contract({ status: "cancelled" })
      expect(keys(Alerts.decide(s, [], { now: at("2026-06-01T00:00:00Z") }))).toEqual([])
    }),
  )

  it.effect("renders every kind of alert in English and Chinese", () =>
    Effect.gen(function* () {
      const decision = Alerts.decide(contract({ autoRenew: true }), [], {
        now: at("2026-01-01T08:00:00Z"),
        catchUpDays: 40,
      })
      for (const a of decision.alerts) {
        const facts = yield* Alerts.decodeFacts(a.facts)
        const { subject, body } = Alerts.messages(facts)
        const { render } = yield* Effect.promise(() => import("../src/Messages.js"))
        expect(render(subject, "en")).toContain("Salesforce")
        expect(render(body, "zh-CN")).toMatch(/合同/)
      }
    }),
  )
})
