/**
 * The store the API and the worker use, and the tenant the TUI works for.
 * The store is opened on first use (not at start-up, so the first frame
 * does not wait for the database) and closed with the runtime.
 */
import * as Ports from "@crm-cost/domain/Ports"
import type * as Subscription from "@crm-cost/domain/Subscription"
import { Context, Effect, Layer, Option, Schema } from "effect"
import { Settings } from "./Settings.js"

export class StoreUnavailable extends Schema.TaggedError<StoreUnavailable>()("StoreUnavailable", {
  reason: Schema.String,
}) {}

/** What the TUI reads of the store. */
export type Repositories =
  | Ports.TenantRepo
  | Ports.SubscriptionRepo
  | Ports.UsageRepo
  | Ports.AlertOutbox
  | Ports.OfferRepo

/** The tenant in use: `--tenant` (or CRM_COST_TENANT), else the only one in the store. */
export type TenantChoice =
  | { readonly _tag: "NoTenant" }
  | { readonly _tag: "ChooseTenant"; readonly tenants: ReadonlyArray<string> }
  | { readonly _tag: "Chosen"; readonly tenant: Subscription.Tenant }

export interface TenantStore {
  /** Runs a reading of the store; a store that cannot be opened or read fails with StoreUnavailable. */
  readonly use: <A, E>(
    effect: Effect.Effect<A, E, Repositories>,
  ) => Effect.Effect<A, E | StoreUnavailable>
  readonly tenant: Effect.Effect<TenantChoice, StoreUnavailable>
}

export const TenantStore = Context.GenericTag<TenantStore>("@crm-cost/tui/TenantStore")

const choose = (flag: Option.Option<string>) =>
  Effect.gen(function* () {
    const all = yield* (yield* Ports.TenantRepo).list
    const tenant = Option.match(flag, {
      onSome: (id) => all.find((t) => t.id === id),
      onNone: () => (all.length === 1 ? all[0] : undefined),
    })
    const choice: TenantChoice =
      tenant !== undefined
        ? { _tag: "Chosen", tenant }
        : all.length === 0 && Option.isNone(flag)
          ? { _tag: "NoTenant" }
          : { _tag: "ChooseTenant", tenants: all.map((t) => t.id) }
    return choice
  })

/**
 * The service over a store layer obtained on first use. The layer is built
 * once, in the runtime's scope, so its connections close with the runtime.
 */
export const layer = <E>(store: Effect.Effect<Layer.Layer<Repositories, E>>) =>
  Layer.scoped(
    TenantStore,
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
      const use = <A, E2>(effect: Effect.Effect<A, E2, Repositories>) =>
        Effect.flatMap(context, (ctx) =>
          effect.pipe(
            Effect.provide(ctx),
            Effect.catchAllDefect((d) =>
              Effect.fail(new StoreUnavailable({ reason: describe(d) })),
            ),
          ),
        )
      const service: TenantStore = { use, tenant: use(choose(settings.tenant)) }
      return service
    }),
  )

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e))
