/**
 * The one runtime of the API process: the store (SQLite or PostgreSQL, by
 * configuration), the built-in catalog, readiness, settings and logging, in
 * a ManagedRuntime. Requests run their effects through `run`, and nothing
 * else in the app calls Effect.run*.
 */
import * as Store from "@crm-cost/store/Store"
import { WorkerLive } from "@crm-cost/worker"
import { Effect, type Exit, FiberRef, FiberRefs, HashMap, Layer, ManagedRuntime } from "effect"
import * as ApiConfig from "./ApiConfig.js"
import * as OfferCatalog from "./OfferCatalog.js"
import * as Readiness from "./Readiness.js"
import type { Services } from "./Route.js"

export type { Services } from "./Route.js"
export type Runtime = ManagedRuntime.ManagedRuntime<Services | ApiConfig.ApiConfig, never>

/** The services of the API and the worker over the configured database. */
export const live = Layer.mergeAll(
  OfferCatalog.layer,
  Readiness.layer,
  ApiConfig.layer,
  // The worker runs in this process: renewal and overage runs, alert delivery.
  WorkerLive,
).pipe(Layer.provideMerge(Store.layer), Layer.provideMerge(ApiConfig.loggingLayer))

/** A runtime over a layer; a layer that cannot be built fails the first effect run on it. */
export const make = <E>(layer: Layer.Layer<Services | ApiConfig.ApiConfig, E>): Runtime =>
  ManagedRuntime.make(Layer.orDie(layer))

/** Run one effect (a request) on the runtime; its outcome, never a rejection. */
export const run = <A, E>(
  runtime: Runtime,
  effect: Effect.Effect<A, E, Services | ApiConfig.ApiConfig>,
  signal?: AbortSignal,
): Promise<Exit.Exit<A, E>> =>
  runtime.runPromiseExit(effect, signal === undefined ? undefined : { signal })

const built = new WeakSet<Runtime>()

/**
 * Run one effect (a request) and hand its outcome to `onExit`: without a
 * promise in between, so an effect with no async step answers in the same
 * tick. `annotations` are the log annotations of the request (its id), set
 * on the fiber as it starts rather than by a wrapping effect.
 */
export const runCallback = <A, E>(
  runtime: Runtime,
  effect: Effect.Effect<A, E, Services | ApiConfig.ApiConfig>,
  annotations: Readonly<Record<string, unknown>>,
  onExit: (exit: Exit.Exit<A, E>) => void,
): void => {
  if (!built.has(runtime)) {
    // Until the runtime is built, a run provides it first, which replaces the
    // fiber's refs: the annotations go on by effect then.
    runtime.runtime().then(
      () => built.add(runtime),
      () => undefined,
    )
    runtime.runCallback(Effect.annotateLogs(effect, annotations), { onExit })
    return
  }
  runtime.runCallback(effect, {
    onExit,
    updateRefs: (refs, fiberId) => {
      let current = FiberRefs.getOrDefault(refs, FiberRef.currentLogAnnotations)
      for (const key in annotations) current = HashMap.set(current, key, annotations[key])
      return FiberRefs.updateAs(refs, {
        fiberId,
        fiberRef: FiberRef.currentLogAnnotations,
        value: current,
      })
    },
  })
}

/** Run an effect whose outcome no one waits for (an access log line). */
export const fork = <A, E>(
  runtime: Runtime,
  effect: Effect.Effect<A, E, Services | ApiConfig.ApiConfig>,
): void => {
  runtime.runFork(effect)
}
