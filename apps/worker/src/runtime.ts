/**
 * The worker's process runtime: Node's, with the signals that end it
 * (SIGINT/SIGTERM interrupt the main fiber, so layers and locks are released).
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { type Effect, Layer } from "effect"

/** Runs the worker until it is stopped. */
export const launch = <E>(layer: Layer.Layer<never, E>) => NodeRuntime.runMain(Layer.launch(layer))

/** Runs one effect to its end, then exits with its status. */
export const runOnce = <A, E>(effect: Effect.Effect<A, E>) => NodeRuntime.runMain(effect)
