/**
 * The worker as a layer: deciding on the cron schedule (a run at start-up
 * catches up what was missed), delivery polling in between so retries do not
 * wait for the next run. Failures of one run are logged; the next run tries
 * again.
 */
import * as Store from "@crm-cost/store/Store"
import * as WorkerStore from "@crm-cost/store/WorkerStore"
import { Effect, Layer, Schedule } from "effect"
import * as Channels from "./Channels.js"
import { decideAll, deliverAll, runOnce } from "./Run.js"
import * as WorkerConfig from "./WorkerConfig.js"

const logged = <A, E, R>(name: string, self: Effect.Effect<A, E, R>) =>
  self.pipe(
    Effect.catchAllCause((cause) => Effect.logError(`${name} failed`, cause)),
    Effect.asVoid,
  )

/** The scheduled loops; needs the store, the worker's store, config and channels. */
export const loops = Layer.scopedDiscard(
  Effect.gen(function* () {
    const config = yield* WorkerConfig.WorkerConfig
    yield* Effect.logInfo("worker started")
    yield* logged("decide run", Effect.zipRight(decideAll, deliverAll)).pipe(
      Effect.repeat(Schedule.cron(config.cron)),
      Effect.forkScoped,
    )
    yield* logged("delivery", deliverAll).pipe(
      Effect.repeat(Schedule.spaced(config.deliveryPoll)),
      Effect.forkScoped,
    )
  }),
)

/** Everything the worker adds on top of a store (repositories and database). */
export const services = Layer.mergeAll(Channels.layer, WorkerStore.layer).pipe(
  Layer.provideMerge(WorkerConfig.layer),
)

/**
 * The worker to start inside another process (apps/api) that already has the
 * store: holds the SQLite worker slot, then runs the loops.
 */
export const WorkerLive = loops.pipe(
  Layer.provide(services),
  Layer.provide(WorkerStore.singleWorker),
)

/** The worker on its own, over the configured store. */
export const layer = WorkerLive.pipe(Layer.provide(Store.layer))

/** One run (`--once`) over the configured store. */
export const once = runOnce.pipe(
  Effect.provide(
    Layer.mergeAll(services, WorkerStore.singleWorker).pipe(Layer.provideMerge(Store.layer)),
  ),
)
