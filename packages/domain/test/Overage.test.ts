import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Alerts from "../src/Alerts.js"
import * as Money from "../src/Money.js"
import * as Overage from "../src/Overage.js"
import * as Renewal from "../src/Renewal.js"
import { contract, d, quota, snapshot, usd } from "./alertFixtures.js"

const at = (iso: string) => new Date(iso)
const dec = (s: string) => new Money.Decimal(s)
const only = (decision: Alerts.Decision, kind: string) =>
  decision.alerts.filter((a) => a.kind === kind)

describe("Overage", () => {
  it.effect("prices overage in started packages of the overage unit, rounded once", () =>
    Effect.sync(() => {
      const q = quota("api-calls", "10000", { rate: usd("2.50"), unit: "1000" })
      expect(Overage.overageCost(q, dec("10000"))?.toString()).toBe("0.00 USD")
      expect(Overage.overageCost(q, dec("10001"))?.toString()).toBe("2.50 USD")
      expect(Overage.overageCost(q, dec("13500"))?.toString()).toBe("10.00 USD")
      const gb = quota("storage-gb", "10", { rate: usd("0.333") })
      expect(Overage.overageCost(gb, dec("12.5"))?.toString()).toBe("1.00 USD")
      expect(Overage.overageCost(quota("contacts", "5"), dec("9"))).toBeUndefined()
    }),
  )

  it.effect("finds the highest threshold reached: 80 % and 100 %", () =>
    Effect.sync(() => {
      expect(Overage.thresholdReached(dec("100"), dec("79.99"))).toBeUndefined()
      expect(Overage.thresholdReached(dec("100"), dec("80"))).toBe(80)
      expect(Overage.thresholdReached(dec("100"), dec("100"))).toBe(100)
      expect(Overage.thresholdReached(dec("0"), dec("1"))).toBe(100)
    }),
  )

  it.effect("anchors monthly quota periods on the term start and clamps them at month ends", () =>
    Effect.sync(() => {
      const term = Renewal.currentTerm(contract({ termStart: "2024-01-31" }))
      const monthly = { per: "month" as const }
      expect(Overage.periodOf(monthly, term, d("2024-02-10"))).toEqual({
        start: "2024-01-31",
        end: "2024-02-29",
      })
      expect(Overage.periodOf(monthly, term, d("2024-02-29"))).toEqual({
        start: "2024-02-29",
        end: "2024-03-31",
      })
      expect(Overage.periodOf({ per: "term" }, term, d("2024-06-01"))).toEqual({
        start: "2024-01-31",
        end: "2025-01-31",
      })
    }),
  )

  it.effect("fits a least-squares line exactly, in decimals", () =>
    Effect.sync(() => {
      const pts = (...xy: ReadonlyArray<readonly [number, string]>) =>
        xy.map(([x, y]) => [x, new Money.Decimal(y)] as const)
      const t = Overage.leastSquares(pts([0, "1"], [1, "3"], [2, "5"]))
      expect([t?.slope.toFixed(), t?.intercept.toFixed()]).toEqual(["2", "1"])
      // In binary floating point this slope is 0.09999999999999999 and the intercept 0.10000000000000005.
      const tenths = Overage.leastSquares(pts([0, "0.1"], [1, "0.2"], [2, "0.3"]))
      expect([tenths?.slope.toFixed(), tenths?.intercept.toFixed()]).toEqual(["0.1", "0.1"])
      expect(Overage.leastSquares(pts([1, "1"]))).toBeUndefined()
      expect(Overage.leastSquares(pts([1, "1"], [1, "2"]))).toBeUndefined()
    }),
  )
})

describe("Alerts.decide (overage)", () => {
  const now = at("2025-06-15T12:00:00Z")

  it.effect("alerts seats assigned above seats bought, prorated by day to the term's end", () =>
    Effect.sync(() => {
      // 12,000 USD a year for 10 seats: 2 extra seats for the 200 of 365 days left = 1,315.07.
      const s = contract({ seatsBought: 10, price: usd("12000.00") })
      const decision = Alerts.decide(s, [snapshot("2025-06-14T08:00:00Z", 12)], { now })
      const [alert] = only(decision, "seats-over")
      expect(alert?.key).toBe("sub-1/seats-over/2025-01-01/12")
      expect(alert?.facts.kind === "seats-over" && alert.facts.cost).toEqual({
        amount: "1315.07",
        currency: "USD",
      })
      expect(
        only(Alerts.decide(s, [snapshot("2025-06-14T08:00:00Z", 10)], { now }), "seats-over"),
      ).toEqual([])
    }),
  )

  it.effect(
    "alerts a quota at 80 % with no overage cost yet, and at 100 % with the overage cost",
    () =>
      Effect.sync(() => {
        const s = contract({ quotas: [quota("storage-gb", "100", { rate: usd("4.00") })] })
        const at80 = Alerts.decide(
          s,
          [snapshot("2025-06-10T00:00:00Z", 5, { "storage-gb": "85" })],
          {
            now,
          },
        )
        const [a80] = only(at80, "quota-threshold")
        expect(a80?.key).toBe("sub-1/quota-threshold/2025-01-01/storage-gb@2025-01-01@80")
        expect(a80?.facts.kind === "quota-threshold" && a80.facts.cost).toEqual({
          amount: "0.00",
          currency: "USD",
        })
        const at100 = Alerts.decide(
          s,
          [snapshot("2025-06-14T00:00:00Z", 5, { "storage-gb": "112.5" })],
          { now },
        )
        const [a100] = only(at100, "quota-threshold")
        expect(a100?.key).toBe("sub-1/quota-threshold/2025-01-01/storage-gb@2025-01-01@100")
        // 12.5 GB over, started GB paid: 13 × 4.00.
        expect(a100?.facts.kind === "quota-threshold" && a100.facts.cost).toEqual({
          amount: "52.00",
          currency: "USD",
        })
      }),
  )

  it.effect("resets a monthly quota: last month's usage does not alert this month", () =>
    Effect.sync(() => {
      const s = contract({ quotas: [quota("emails", "1000", { per: "month", rate: usd("1") })] })
      const decision = Alerts.decide(s, [snapshot("2025-05-30T00:00:00Z", 1, { emails: "1500" })], {
        now,
      })
      expect(only(decision, "quota-threshold")).toEqual([])
    }),
  )

  it.effect(
    "forecasts a quota crossing before the period ends, with the projected overage cost",
    () =>
      Effect.sync(() => {
        // Monthly API quota of 10,000 from the 1st; 1,000 calls a day → 30,000 projected by 1 Jul.
        const s = contract({
          quotas: [quota("api-calls", "10000", { per: "month", rate: usd("5.00"), unit: "1000" })],
        })
        const snaps = [
          snapshot("2025-06-02T00:00:00Z", 1, { "api-calls": "1000" }),
          snapshot("2025-06-04T00:00:00Z", 1, { "api-calls": "3000" }),
          snapshot("2025-06-06T00:00:00Z", 1, { "api-calls": "5000" }),
        ]
        const decision = Alerts.decide(s, snaps, { now: at("2025-06-06T12:00:00Z") })
        const [f] = only(decision, "quota-forecast")
        expect(f?.key).toBe("sub-1/quota-forecast/2025-01-01/api-calls@2025-06-01")
        if (f?.facts.kind !== "quota-forecast") throw new Error("expected a forecast")
        expect(f.facts.crossesOn).toBe("2025-06-11")
        // Exact: the fit is decimal, not floating point.
        expect(f.facts.projected).toBe("30000")
        // 20,000 over in packages of 1,000 at 5.00.
        expect(f.facts.cost).toEqual({ amount: "100.00", currency: "USD" })
      }),
  )

  it.effect("forecasts nothing when the trend stays under the quota or falls", () =>
    Effect.sync(() => {
      const s = contract({ quotas: [quota("contacts", "10000", { rate: usd("1") })] })
      const flat = [
        snapshot("2025-06-01T00:00:00Z", 1, { contacts: "5000" }),
        snapshot("2025-06-10T00:00:00Z", 1, { contacts: "5010" }),
      ]
      expect(only(Alerts.decide(s, flat, { now }), "quota-forecast")).toEqual([])
      const falling = [
        snapshot("2025-06-01T00:00:00Z", 1, { contacts: "9000" }),
        snapshot("2025-06-10T00:00:00Z", 1, { contacts: "7000" }),
      ]
      expect(only(Alerts.decide(s, falling, { now }), "quota-forecast")).toEqual([])
    }),
  )

  it.effect("says when the contract sells no overage: the alert carries no cost", () =>
    Effect.sync(() => {
      const s = contract({ quotas: [quota("records", "100")] })
      const decision = Alerts.decide(s, [snapshot("2025-06-10T00:00:00Z", 1, { records: "120" })], {
        now,
      })
      const [a] = only(decision, "quota-threshold")
      expect(a?.facts.kind === "quota-threshold" && a.facts.cost).toBeUndefined()
    }),
  )

  it.effect("ignores snapshots of an earlier term and from the future", () =>
    Effect.sync(() => {
      const s = contract({ seatsBought: 10 })
      const decision = Alerts.decide(
        s,
        [snapshot("2024-12-31T00:00:00Z", 50), snapshot("2025-07-01T00:00:00Z", 50)],
        { now },
      )
      expect(only(decision, "seats-over")).toEqual([])
    }),
  )
})
