/** Subscriptions: the contracts a tenant holds, and their usage snapshots. */
import { randomUUID } from "node:crypto"
import * as Ports from "@crm-cost/domain/Ports"
import * as Renewal from "@crm-cost/domain/Renewal"
import {
  Subscription,
  SubscriptionId,
  UsageSnapshot,
  UsageSnapshotId,
  withChanges,
} from "@crm-cost/domain/Subscription"
import { Clock, DateTime, Effect, Option, Schema } from "effect"
import { Conflict, InvalidRequest, NotFound } from "../ApiError.js"
import * as OfferCatalog from "../OfferCatalog.js"
import { paginate } from "../Page.js"
import * as Route from "../Route.js"
import {
  page,
  SubscriptionIdParams,
  SubscriptionInput,
  SubscriptionPatch,
  SubscriptionsQuery,
  SubscriptionView,
  UsageInput,
  UsageView,
} from "../Wire.js"
import * as R from "./Responses.js"

const encodeSubscription = Schema.encode(Subscription)
const encodeUsage = Schema.encode(UsageSnapshot)

/**
 * A subscription as the API shows it: the contract as recorded, and the term
 * in force now (an auto-renewing contract past its renewal date has rolled,
 * whether or not the worker has saved the roll yet).
 */
export const view = (s: Subscription) =>
  Effect.gen(function* () {
    const encoded = yield* Effect.orDie(encodeSubscription(s))
    const term = Renewal.termInForce(s, yield* Clock.currentTimeMillis)
    return {
      ...encoded,
      renewalDate: term.renewalDate,
      noticeDeadline: term.noticeDeadline,
      currentTerm: term,
    }
  })

const usageView = (u: UsageSnapshot) =>
  Effect.map(Effect.orDie(encodeUsage(u)), ({ tenantId: _tenantId, ...rest }) => rest)

const notFound = (id: string) => new NotFound({ what: (t) => t.what.subscription(id) })

/** The subscription, or 404 — also when another tenant holds one with this id. */
export const load = (tenantId: Subscription["tenantId"], id: SubscriptionId) =>
  Effect.flatMap(Ports.SubscriptionRepo, (repo) =>
    Effect.flatMap(repo.get(tenantId, id), (found) =>
      Option.isSome(found) ? Effect.succeed(found.value) : Effect.fail(notFound(id)),
    ),
  )

/** An offer id on a contract must name an offer the tenant can see. */
const checkOffer = (tenantId: Subscription["tenantId"], s: Subscription) =>
  s.offerId === undefined
    ? Effect.void
    : Effect.flatMap(OfferCatalog.find(tenantId, s.offerId), (found) =>
        Option.isSome(found)
          ? Effect.void
          : Effect.fail(
              new InvalidRequest({
                issues: [
                  { in: "body", path: ["offerId"], message: `unknown offer "${s.offerId}"` },
                ],
              }),
            ),
      )

export const create = Route.make({
  method: "post",
  path: "/v1/subscriptions",
  operationId: "createSubscription",
  summary: "Record a contract the company holds",
  tag: "Subscriptions",
  auth: "key",
  idempotent: true,
  body: SubscriptionInput,
  responses: [
    { status: 201, description: "The subscription", schema: SubscriptionView },
    ...R.withBody,
    R.conflict,
  ],
  handler: ({ auth, body }) =>
    Effect.gen(function* () {
      const { id, ...fields } = body
      const subscription = Subscription.make({
        ...fields,
        id: id ?? SubscriptionId.make(`sub_${randomUUID()}`),
        tenantId: auth.tenantId,
      })
      yield* checkOffer(auth.tenantId, subscription)
      const repo = yield* Ports.SubscriptionRepo
      yield* repo.insert(subscription).pipe(
        Effect.catchTags({
          SubscriptionAlreadyExists: (e) =>
            new Conflict({
              code: "subscription_exists",
              detail: (t) => t.conflict.subscriptionExists(e.subscriptionId),
            }),
          TenantNotFound: (e) => Effect.die(e),
        }),
      )
      return {
        status: 201,
        body: yield* view(subscription),
        headers: { Location: `/v1/subscriptions/${encodeURIComponent(subscription.id)}` },
      }
    }),
})

export const list = Route.make({
  method: "get",
  path: "/v1/subscriptions",
  operationId: "listSubscriptions",
  summary: "List subscriptions, by cursor",
  tag: "Subscriptions",
  auth: "key",
  query: SubscriptionsQuery,
  responses: [
    {
      status: 200,
      description: "A page of subscriptions, by id",
      schema: page(SubscriptionView, "SubscriptionPage"),
    },
    ...R.common,
  ],
  handler: ({ auth, query }) =>
    Effect.gen(function* () {
      const repo = yield* Ports.SubscriptionRepo
      const all = yield* repo.list(auth.tenantId)
      const vendor = query.vendor?.toLowerCase()
      const filtered = all.filter(
        (s) =>
          (query.status === undefined || s.status === query.status) &&
          (vendor === undefined || s.vendor.toLowerCase() === vendor),
      )
      const result = yield* paginate(filtered, (s) => s.id, query)
      return { status: 200, body: { ...result, data: yield* Effect.forEach(result.data, view) } }
    }),
})

export const get = Route.make({
  method: "get",
  path: "/v1/subscriptions/:id",
  operationId: "getSubscription",
  summary: "Get one subscription",
  tag: "Subscriptions",
  auth: "key",
  params: SubscriptionIdParams,
  responses: [
    { status: 200, description: "The subscription", schema: SubscriptionView },
    ...R.common,
    R.notFound,
  ],
  handler: ({ auth, params }) =>
    Effect.map(Effect.flatMap(load(auth.tenantId, params.id), view), (body) => ({
      status: 200,
      body,
    })),
})

export const update = Route.make({
  method: "patch",
  path: "/v1/subscriptions/:id",
  operationId: "updateSubscription",
  summary: "Change a subscription (the fields given)",
  tag: "Subscriptions",
  auth: "key",
  params: SubscriptionIdParams,
  body: SubscriptionPatch,
  responses: [
    { status: 200, description: "The subscription as changed", schema: SubscriptionView },
    ...R.withBody,
    R.notFound,
  ],
  handler: ({ auth, params, body }) =>
    Effect.gen(function* () {
      const current = yield* load(auth.tenantId, params.id)
      const encoded = yield* Effect.orDie(encodeSubscription(current))
      const next = yield* Route.validate(Subscription, "body", {
        ...withChanges(encoded, body),
        id: current.id,
        tenantId: current.tenantId,
      })
      yield* checkOffer(auth.tenantId, next)
      const repo = yield* Ports.SubscriptionRepo
      yield* repo.update(next).pipe(Effect.mapError(() => notFound(params.id)))
      return { status: 200, body: yield* view(next) }
    }),
})

export const remove = Route.make({
  method: "delete",
  path: "/v1/subscriptions/:id",
  operationId: "deleteSubscription",
  summary: "Delete a subscription with its usage and alerts",
  tag: "Subscriptions",
  auth: "key",
  params: SubscriptionIdParams,
  responses: [{ status: 204, description: "Deleted" }, ...R.common, R.notFound],
  handler: ({ auth, params }) =>
    Effect.gen(function* () {
      const repo = yield* Ports.SubscriptionRepo
      yield* repo.remove(auth.tenantId, params.id).pipe(Effect.mapError(() => notFound(params.id)))
      return { status: 204 }
    }),
})

export const recordUsage = Route.make({
  method: "post",
  path: "/v1/subscriptions/:id/usage",
  operationId: "recordUsage",
  summary: "Record a usage snapshot (seats assigned, metered usage)",
  tag: "Subscriptions",
  auth: "key",
  idempotent: true,
  params: SubscriptionIdParams,
  body: UsageInput,
  responses: [
    { status: 201, description: "The snapshot", schema: UsageView },
    ...R.withBody,
    R.notFound,
  ],
  handler: ({ auth, params, body }) =>
    Effect.gen(function* () {
      yield* load(auth.tenantId, params.id)
      const snapshot = UsageSnapshot.make({
        id: UsageSnapshotId.make(`usage_${randomUUID()}`),
        tenantId: auth.tenantId,
        subscriptionId: params.id,
        takenAt: body.takenAt ?? (yield* DateTime.now),
        seatsAssigned: body.seatsAssigned,
        metrics: body.metrics ?? {},
      })
      const repo = yield* Ports.UsageRepo
      yield* repo.record(snapshot).pipe(Effect.mapError(() => notFound(params.id)))
      return { status: 201, body: yield* usageView(snapshot) }
    }),
})

export const listUsage = Route.make({
  method: "get",
  path: "/v1/subscriptions/:id/usage",
  operationId: "listUsage",
  summary: "List a subscription's usage snapshots, oldest first",
  tag: "Subscriptions",
  auth: "key",
  params: SubscriptionIdParams,
  responses: [
    {
      status: 200,
      description: "The snapshots",
      schema: Schema.Struct({ data: Schema.Array(UsageView) }),
    },
    ...R.common,
    R.notFound,
  ],
  handler: ({ auth, params }) =>
    Effect.gen(function* () {
      yield* load(auth.tenantId, params.id)
      const repo = yield* Ports.UsageRepo
      const snapshots = yield* repo.list(auth.tenantId, params.id)
      return { status: 200, body: { data: yield* Effect.forEach(snapshots, usageView) } }
    }),
})

export const routes = [create, list, get, update, remove, recordUsage, listUsage]
