import * as Ports from "@crm-cost/domain/Ports"
import * as Subscription from "@crm-cost/domain/Subscription"
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Effect, Layer, Option, TestClock } from "effect"
import { Settings } from "../src/Settings.js"
import * as Subscriptions from "../src/Subscriptions.js"
import * as TenantStore from "../src/TenantStore.js"
import { storeLayer, tempDb } from "./support/Harness.js"

const tenantId = Subscription.TenantId.make("acme")

/** Three contracts whose stored term (from 2024-03-10, a year) ended on 2025-03-10. */
const seed = (db: string) =>
  Effect.gen(function* () {
    yield* (yield* Ports.TenantRepo).create(
      new Subscription.Tenant({ id: tenantId, name: "Acme", createdAt: yield* DateTime.now }),
    )
    const subs = yield* Ports.SubscriptionRepo
    for (const [id, fields] of [
      ["rolled", {}],
      ["ended", { autoRenew: false }],
      ["cancelled", { status: "cancelled" }],
    ] as const) {
      const s = yield* Subscription.decode({
        id,
        tenantId,
        vendor: id,
        seatsBought: 10,
        termStart: "2024-03-10",
        termMonths: 12,
        autoRenew: true,
        noticeDays: 30,
        recurringPrice: { amount: "12000.00", currency: "USD" },
        renewalUplift: "0.05",
        ...fields,
      })
      yield* subs.insert(s)
    }
  }).pipe(Effect.provide(storeLayer(db)))

const overviewOn = (db: string) =>
  Effect.flatMap(Subscriptions.Subscriptions, (s) => s.overview).pipe(
    Effect.provide(
      Subscriptions.layer.pipe(
        Layer.provideMerge(TenantStore.layer(Effect.succeed(storeLayer(db)))),
        Layer.provideMerge(
          Layer.succeed(Settings, {
            locale: "en",
            color: false,
            tenant: Option.none(),
            catalogs: [],
            today: "2026-06-15" as Settings["today"],
          }),
        ),
      ),
    ),
  )

describe("Subscriptions", () => {
  it.effect(
    "counts the days to the term in force: a contract that auto-renewed rolled at the uplifted price",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(Date.parse("2026-06-15T12:00:00Z"))
        const db = tempDb()
        yield* seed(db)
        const overview = yield* overviewOn(db)
        if (overview._tag !== "Ready") return yield* Effect.dieMessage(overview._tag)
        const row = (id: string) => {
          const r = overview.rows.find((x) => x.subscription.id === id)
          if (r === undefined) throw new Error(`no row ${id}`)
          return {
            start: r.term.start,
            renewal: r.renewal,
            notice: r.notice,
            daysToRenewal: r.daysToRenewal,
            daysToNotice: r.daysToNotice,
            price: r.term.price.amount.toFixed(2),
          }
        }
        // Renewed on 2025-03-10 and 2026-03-10, 5 % more each time: 12,000 → 12,600 → 13,230.
        expect(row("rolled")).toEqual({
          start: "2026-03-10",
          renewal: "2027-03-10",
          notice: "2027-02-08",
          daysToRenewal: 268,
          daysToNotice: 238,
          price: "13230.00",
        })
        // Not renewing, it ended on its renewal date; a cancelled contract does not roll.
        const stored = {
          start: "2024-03-10",
          renewal: "2025-03-10",
          notice: "2025-02-08",
          daysToRenewal: -462,
          daysToNotice: -492,
          price: "12000.00",
        }
        expect(row("ended")).toEqual(stored)
        expect(row("cancelled")).toEqual(stored)
        // The recorded contract is left as it is: the worker saves the roll.
        expect(
          overview.rows.find((r) => r.subscription.id === "rolled")?.subscription.termStart,
        ).toBe("2024-03-10")
      }),
  )
})
