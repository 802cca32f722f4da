/**
 * The one runtime of the TUI process: settings, the offer catalog, and the
 * store-backed subscriptions and custom offers, in a ManagedRuntime. Screens and commands run
 * their effects through the Runner made here, and nowhere else.
 */
import { Effect, type Exit, Layer, ManagedRuntime } from "effect"
import * as OfferCatalog from "./OfferCatalog.js"
import * as Settings from "./Settings.js"
import * as Subscriptions from "./Subscriptions.js"
import * as TenantOffers from "./TenantOffers.js"
import * as TenantStore from "./TenantStore.js"

export type Services =
  | Settings.Settings
  | OfferCatalog.OfferCatalog
  | TenantStore.TenantStore
  | Subscriptions.Subscriptions
  | TenantOffers.TenantOffers

/** Runs effects on the runtime: synchronously (pure pricing, as the user types) or not. */
export interface Runner {
  /** Builds the services (the catalog is read here); resolves once they are ready. */
  readonly ready: () => Promise<Exit.Exit<void>>
  readonly sync: <A, E>(effect: Effect.Effect<A, E, Services>) => Exit.Exit<A, E>
  readonly promise: <A, E>(effect: Effect.Effect<A, E, Services>) => Promise<Exit.Exit<A, E>>
  readonly dispose: () => Promise<void>
}

/** The live layer: the store is the one the API uses (DATABASE_URL or CRM_COST_DB), opened on first use. */
export const live = (flags: Settings.Flags) =>
  withStore(
    // Imported on first use: the database drivers are not needed for the first frame.
    Effect.promise(() => import("@crm-cost/store/Store").then((Store) => Store.layer)),
    Settings.layer(flags),
  )

/** The services over a store layer (opened on first use) and the settings. */
export const withStore = <E, E2>(
  store: Effect.Effect<Layer.Layer<TenantStore.Repositories, E>>,
  settings: Layer.Layer<Settings.Settings, E2>,
) =>
  Layer.mergeAll(OfferCatalog.layer, Subscriptions.layer, TenantOffers.layer).pipe(
    Layer.provideMerge(TenantStore.layer(store)),
    Layer.provideMerge(settings),
  )

/**
 * A runner over a layer. A layer that fails to build (an invalid catalog
 * file, an unreadable configuration) fails `ready` with the error as a
 * defect; main reports it before any screen is drawn.
 */
export const make = <Err>(layer: Layer.Layer<Services, Err>): Runner => {
  const runtime = ManagedRuntime.make(Layer.orDie(layer))
  return {
    ready: () => runtime.runPromiseExit(Effect.void),
    sync: (effect) => runtime.runSyncExit(effect),
    promise: (effect) => runtime.runPromiseExit(effect),
    dispose: () => runtime.dispose(),
  }
}

/** The settings alone, for reporting a runtime that could not be built in the user's language. */
export const readSettings = (flags: Settings.Flags): Promise<Settings.Settings> =>
  Effect.runPromise(Settings.read(flags))
