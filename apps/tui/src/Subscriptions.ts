/**
 * The subscriptions a tenant holds, read from the same store the API and the
 * worker use. The store is opened on first use (not at start-up, so the
 * first frame does not wait for the database) and closed with the runtime.
 */
import * as Calendar from "@crm-cost/domain/Calendar"
import * as Ports from "@crm-cost/domain/Ports"
import * as Subscription from "@crm-cost/domain/Subscription"
import { Clock, Context, Effect, Layer, Option, Schema } from "effect"
import { Settings } from "./Settings.js"

export class StoreUnavailable extends Schema.TaggedError<StoreUnavailable>()("StoreUnavailable", {
  reason: Schema.String,
}) {}

/** One contract with its dates, counted from today in its own time zone. */
export interface Row {
  readonly subscription: Subscription.Subscription
  readonly today: Calendar.CalendarDate
  readonly renewal: Calendar.CalendarDate
  readonly notice: Calendar.CalendarDate
  readonly daysToNotice: number
  readonly daysToRenewal: number
  /** The newest usage snapshot, if any. */
  readonly latest: Subscription.UsageSnapshot | undefined
  readonly snapshots: ReadonlyArray<Subscription.UsageSnapshot>
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

type Repositories = Ports.TenantRepo | Ports.SubscriptionRepo | Ports.UsageRepo | Ports.AlertOutbox

const read = (tenantFlag: Option.Option<string>) =>
  Effect.gen(function* () {
    const tenants = yield* Ports.TenantRepo
    const subscriptions = yield* Ports.SubscriptionRepo
    const usage = yield* Ports.UsageRepo
    const outbox = yield* Ports.AlertOutbox
    const all = yield* tenants.list
    const tenant = Option.match(tenantFlag, {
      onSome: (id) => all.find((t) => t.id === id),
      onNone: () => (all.length === 1 ? all[0] : undefined),
    })
    if (tenant === undefined) {
      const overview: Overview =
        all.length === 0 && Option.isNone(tenantFlag)
          ? { _tag: "NoTenant" }
          : { _tag: "ChooseTenant", tenants: all.map((t) => t.id) }
      return overview
    }
    const now = new Date(yield* Clock.currentTimeMillis)
    const held = yield* subscriptions.list(tenant.id)
    const rows = yield* Effect.forEach(held, (s) =>
      Effect.gen(function* () {
        const snapshots = yield* usage.list(tenant.id, s.id)
        const alerts = yield* outbox.list(tenant.id, s.id)
        const today = Calendar.fromInstant(now, s.timeZone)
        const renewal = Subscription.renewalDate(s)
        const notice = Subscription.noticeDeadline(s)
        const row: Row = {
          subscription: s,
          today,
          renewal,
          notice,
          daysToNotice: Calendar.daysBetween(today, notice),
          daysToRenewal: Calendar.daysBetween(today, renewal),
          latest: snapshots[snapshots.length - 1],
          snapshots,
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

/**
 * The service over a store layer obtained on first use. The layer is built
 * once, in the runtime's scope, so its connections close with the runtime.
 */
export const layer = <E>(store: Effect.Effect<Layer.Layer<Repositories, E>>) =>
  Layer.scoped(
    Subscriptions,
    Effect.gen(function* () {
      const settings = yield* Settings
      const scope = yield* Effect.scope
      const context = yield* Effect.cached(
        store.pipe(
          Effect.flatMap((l) => Layer.buildWithScope(l, scope)),
          Effect.mapError((e) => new StoreUnavailable({ reason: describe(e) })),
          Effect.catchAllDefect((d) => Effect.fail(new StoreUnavailable({ reason: describe(d) }))),
        ),
      )
      return {
        overview: Effect.flatMap(context, (ctx) =>
          read(settings.tenant).pipe(
            Effect.provide(ctx),
            Effect.catchAllDefect((d) =>
              Effect.fail(new StoreUnavailable({ reason: describe(d) })),
            ),
          ),
        ),
      }
    }),
  )

const describe = (e: unknown): string =>
  e instanceof Error ? e.message : typeof e === "object" && e !== null ? String(e) : String(e)
