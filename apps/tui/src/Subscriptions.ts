/**
 * The subscriptions a tenant holds, read from the same store the API and the
 * worker use (TenantStore), with where each stands against what was bought.
 */
import * as Calendar from "@crm-cost/domain/Calendar"
import * as Ports from "@crm-cost/domain/Ports"
import * as Renewal from "@crm-cost/domain/Renewal"
import * as Standing from "@crm-cost/domain/Standing"
import type * as Subscription from "@crm-cost/domain/Subscription"
import { Clock, Context, Effect, Layer } from "effect"
import { type StoreUnavailable, TenantStore } from "./TenantStore.js"

/**
 * One contract with the dates of its term in force, counted from today in its
 * own time zone: an auto-renewing contract past its stored renewal date has
 * rolled (at the uplifted price) before the worker saves the roll.
 */
export interface Row {
  readonly subscription: Subscription.Subscription
  readonly today: Calendar.CalendarDate
  /** The term in force today: its start, renewal date, notice deadline and price. */
  readonly term: Renewal.Term
  readonly renewal: Calendar.CalendarDate
  readonly notice: Calendar.CalendarDate
  readonly daysToNotice: number
  readonly daysToRenewal: number
  /** The newest usage snapshot, if any. */
  readonly latest: Subscription.UsageSnapshot | undefined
  readonly snapshots: ReadonlyArray<Subscription.UsageSnapshot>
  /** Seats and quotas against what was bought, today; undefined when not active or no usage is known. */
  readonly standing: Standing.Standing | undefined
  /** Alerts the worker decided for it, newest first. */
  readonly alerts: ReadonlyArray<Subscription.Alert>
}

export type Overview =
  | { readonly _tag: "NoTenant" }
  | { readonly _tag: "ChooseTenant"; readonly tenants: ReadonlyArray<string> }
  | {
      readonly _tag: "Ready"
      readonly tenant: Subscription.Tenant
      readonly rows: ReadonlyArray<Row>
    }

export interface Subscriptions {
  readonly overview: Effect.Effect<Overview, StoreUnavailable>
}

export const Subscriptions = Context.GenericTag<Subscriptions>("@crm-cost/tui/Subscriptions")

const read = Effect.gen(function* () {
  const store = yield* TenantStore
  const choice = yield* store.tenant
  if (choice._tag !== "Chosen") {
    const overview: Overview = choice
    return overview
  }
  return yield* store.use(rows(choice.tenant))
})

const rows = (tenant: Subscription.Tenant) =>
  Effect.gen(function* () {
    const subscriptions = yield* Ports.SubscriptionRepo
    const usage = yield* Ports.UsageRepo
    const outbox = yield* Ports.AlertOutbox
    const now = new Date(yield* Clock.currentTimeMillis)
    const held = yield* subscriptions.list(tenant.id)
    const rows = yield* Effect.forEach(held, (s) =>
      Effect.gen(function* () {
        const snapshots = yield* usage.list(tenant.id, s.id)
        const alerts = yield* outbox.list(tenant.id, s.id)
        const today = Calendar.fromInstant(now, s.timeZone)
        const term = Renewal.termInForce(s, now)
        const renewal = term.renewalDate
        const notice = term.noticeDeadline
        const row: Row = {
          subscription: s,
          today,
          term,
          renewal,
          notice,
          daysToNotice: Calendar.daysBetween(today, notice),
          daysToRenewal: Calendar.daysBetween(today, renewal),
          latest: snapshots[snapshots.length - 1],
          snapshots,
          standing: Standing.make(s, snapshots, now),
          alerts: [...alerts].reverse(),
        }
        return row
      }),
    )
    // Active contracts by the nearest notice deadline; cancelled ones last.
    const sorted = [...rows].sort(
      (a, b) =>
        Number(a.subscription.status === "cancelled") -
          Number(b.subscription.status === "cancelled") ||
        Calendar.compare(a.notice, b.notice) ||
        a.subscription.vendor.localeCompare(b.subscription.vendor),
    )
    const overview: Overview = { _tag: "Ready", tenant, rows: sorted }
    return overview
  })

/** The service over the store the TUI opened (TenantStore). */
export const layer = Layer.effect(
  Subscriptions,
  Effect.map(TenantStore, (store) => ({
    overview: read.pipe(Effect.provideService(TenantStore, store)),
  })),
)
