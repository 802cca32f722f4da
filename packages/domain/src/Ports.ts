/**
 * The services adapters implement (DESIGN.md, "Architecture"): repositories
 * for everything the product keeps. Every method that reads or changes a
 * tenant's rows takes the tenant id and never sees another tenant's rows.
 * Infrastructure failures are defects; only domain conditions are typed.
 */
import {
  Context,
  type DateTime,
  type Effect,
  type Option,
  type Redacted,
  Schema,
  type Stream,
} from "effect"
import type { CalendarDate } from "./Calendar.js"
import type { Offer, OfferId } from "./Offer.js"
import {
  type Alert,
  type AlertChannel,
  AlertId,
  type AlertKey,
  type Subscription,
  type SubscriptionAlreadyExists,
  type SubscriptionId,
  type SubscriptionNotFound,
  type Tenant,
  type TenantAlreadyExists,
  TenantId,
  type TenantNotFound,
  type UsageSnapshot,
} from "./Subscription.js"

export const ApiKeyId = Schema.String.pipe(Schema.brand("ApiKeyId")).annotations({
  identifier: "ApiKeyId",
})
export type ApiKeyId = typeof ApiKeyId.Type

/** An API key as stored: a short public prefix for lookup and a hash, never the key. */
export class ApiKey extends Schema.Class<ApiKey>("ApiKey")({
  id: ApiKeyId,
  tenantId: TenantId,
  name: Schema.String,
  prefix: Schema.String,
  createdAt: Schema.DateTimeUtc,
  revokedAt: Schema.optional(Schema.DateTimeUtc),
}) {}

export class ApiKeyNotFound extends Schema.TaggedError<ApiKeyNotFound>()("ApiKeyNotFound", {
  tenantId: TenantId,
  apiKeyId: ApiKeyId,
}) {}

export const DeliveryId = Schema.String.pipe(Schema.brand("DeliveryId")).annotations({
  identifier: "DeliveryId",
})
export type DeliveryId = typeof DeliveryId.Type

export const DeliveryStatus = Schema.Literal("pending", "sending", "sent", "dead")
export type DeliveryStatus = typeof DeliveryStatus.Type

/** One alert to one channel: attempts, status and when to try next. */
export class Delivery extends Schema.Class<Delivery>("Delivery")({
  id: DeliveryId,
  tenantId: TenantId,
  alertId: AlertId,
  /** `channelKey` of the channel. */
  channel: Schema.String,
  attempt: Schema.Int.pipe(Schema.nonNegative()),
  status: DeliveryStatus,
  nextAttemptAt: Schema.DateTimeUtc,
  lastError: Schema.optional(Schema.String),
}) {}

export const DeliveryOutcome = Schema.Literal("sent", "failed")
export type DeliveryOutcome = typeof DeliveryOutcome.Type

/**
 * One attempt at a delivery, as it ended: a failure keeps its error and,
 * unless the delivery was given up, when it is tried again.
 */
export class DeliveryAttempt extends Schema.Class<DeliveryAttempt>("DeliveryAttempt")({
  tenantId: TenantId,
  deliveryId: DeliveryId,
  /** The `attempt` of the claim this attempt was made under (claiming counts one). */
  attempt: Schema.Int.pipe(Schema.nonNegative()),
  /**
   * When the delivery was claimed for this attempt; absent when that is no
   * longer known (the delivery was claimed again before this attempt ended).
   */
  claimedAt: Schema.optional(Schema.DateTimeUtc),
  /** When the outcome was recorded. */
  finishedAt: Schema.DateTimeUtc,
  outcome: DeliveryOutcome,
  error: Schema.optional(Schema.String),
  /**
   * The retry scheduled after a failure; absent when sent, given up, or when
   * the delivery had been claimed again (the failure scheduled nothing).
   */
  retryAt: Schema.optional(Schema.DateTimeUtc),
}) {}

export class DeliveryNotFound extends Schema.TaggedError<DeliveryNotFound>()("DeliveryNotFound", {
  tenantId: TenantId,
  deliveryId: DeliveryId,
}) {}

/** The answer an API gave to a request with an idempotency key. */
export class IdempotencyRecord extends Schema.Class<IdempotencyRecord>("IdempotencyRecord")({
  tenantId: TenantId,
  key: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(255)),
  /** Hash of the request, so a key reused for a different request is caught. */
  requestHash: Schema.String,
  status: Schema.Int,
  response: Schema.Unknown,
  createdAt: Schema.DateTimeUtc,
}) {}

/** Runs an effect so that all its repository writes commit together or not at all. */
export class Transactor extends Context.Tag("@crm-cost/Transactor")<
  Transactor,
  {
    readonly withTransaction: <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  }
>() {}

/** What may change about a tenant; a field left out stays, null clears a setting. */
export interface TenantChanges {
  readonly name?: Tenant["name"] | undefined
  readonly locale?: NonNullable<Tenant["locale"]> | null | undefined
  readonly reminderOffsets?: NonNullable<Tenant["reminderOffsets"]> | null | undefined
}

export class TenantRepo extends Context.Tag("@crm-cost/TenantRepo")<
  TenantRepo,
  {
    readonly create: (tenant: Tenant) => Effect.Effect<void, TenantAlreadyExists>
    /** Changes the fields given (null clears a setting); returns the tenant as changed. */
    readonly update: (
      tenantId: TenantId,
      changes: TenantChanges,
    ) => Effect.Effect<Tenant, TenantNotFound>
    readonly get: (tenantId: TenantId) => Effect.Effect<Option.Option<Tenant>>
    /** Operators only: all tenants (the worker walks them one by one). */
    readonly list: Effect.Effect<ReadonlyArray<Tenant>>
  }
>() {}

export class ApiKeyRepo extends Context.Tag("@crm-cost/ApiKeyRepo")<
  ApiKeyRepo,
  {
    /** A new key; its secret is returned once and only its hash is kept. */
    readonly issue: (
      tenantId: TenantId,
      name: string,
    ) => Effect.Effect<
      { readonly apiKey: ApiKey; readonly secret: Redacted.Redacted },
      TenantNotFound
    >
    /** The live key a secret belongs to, if any. */
    readonly authenticate: (secret: Redacted.Redacted) => Effect.Effect<Option.Option<ApiKey>>
    readonly list: (tenantId: TenantId) => Effect.Effect<ReadonlyArray<ApiKey>>
    readonly revoke: (tenantId: TenantId, id: ApiKeyId) => Effect.Effect<void, ApiKeyNotFound>
  }
>() {}

/** Offers a tenant defined itself, kept as the offer's encoded JSON. */
export class OfferRepo extends Context.Tag("@crm-cost/OfferRepo")<
  OfferRepo,
  {
    readonly put: (tenantId: TenantId, offer: Offer) => Effect.Effect<void, TenantNotFound>
    readonly get: (tenantId: TenantId, id: OfferId) => Effect.Effect<Option.Option<Offer>>
    readonly list: (tenantId: TenantId) => Effect.Effect<ReadonlyArray<Offer>>
    readonly remove: (tenantId: TenantId, id: OfferId) => Effect.Effect<boolean>
  }
>() {}

export class SubscriptionRepo extends Context.Tag("@crm-cost/SubscriptionRepo")<
  SubscriptionRepo,
  {
    readonly insert: (
      subscription: Subscription,
    ) => Effect.Effect<void, SubscriptionAlreadyExists | TenantNotFound>
    readonly update: (subscription: Subscription) => Effect.Effect<void, SubscriptionNotFound>
    readonly get: (
      tenantId: TenantId,
      id: SubscriptionId,
    ) => Effect.Effect<Option.Option<Subscription>>
    readonly list: (tenantId: TenantId) => Effect.Effect<ReadonlyArray<Subscription>>
    /** Removes the subscription with its usage, alerts and deliveries. */
    readonly remove: (
      tenantId: TenantId,
      id: SubscriptionId,
    ) => Effect.Effect<void, SubscriptionNotFound>
    /**
     * Active subscriptions whose notice deadline or renewal date falls in
     * [from, to], streamed in pages so memory does not grow with the count.
     */
    readonly streamDue: (
      tenantId: TenantId,
      window: { readonly from: CalendarDate; readonly to: CalendarDate },
    ) => Stream.Stream<Subscription>
  }
>() {}

export class UsageRepo extends Context.Tag("@crm-cost/UsageRepo")<
  UsageRepo,
  {
    readonly record: (snapshot: UsageSnapshot) => Effect.Effect<void, SubscriptionNotFound>
    /** Snapshots of a subscription, oldest first. */
    readonly list: (
      tenantId: TenantId,
      subscriptionId: SubscriptionId,
    ) => Effect.Effect<ReadonlyArray<UsageSnapshot>>
  }
>() {}

/** The alert outbox: an alert is written once, with one delivery per channel. */
export class AlertOutbox extends Context.Tag("@crm-cost/AlertOutbox")<
  AlertOutbox,
  {
    /**
     * Keeps the alert and a pending delivery for each channel, unless an
     * alert with its key exists; true when this call wrote it.
     */
    readonly record: (
      alert: Alert,
      channels: ReadonlyArray<AlertChannel>,
    ) => Effect.Effect<boolean, SubscriptionNotFound>
    readonly get: (tenantId: TenantId, key: AlertKey) => Effect.Effect<Option.Option<Alert>>
    readonly list: (
      tenantId: TenantId,
      subscriptionId: SubscriptionId,
    ) => Effect.Effect<ReadonlyArray<Alert>>
  }
>() {}

export class DeliveryRepo extends Context.Tag("@crm-cost/DeliveryRepo")<
  DeliveryRepo,
  {
    /**
     * Takes up to `limit` deliveries due at `now` (pending, or sending with an
     * expired lease), counts an attempt and leases them until `leaseUntil`.
     * Copies of the worker never take the same delivery at once.
     */
    readonly claimDue: (
      tenantId: TenantId,
      options: { readonly now: Date; readonly leaseUntil: Date; readonly limit: number },
    ) => Effect.Effect<ReadonlyArray<Delivery>>
    /**
     * Attempt `attempt` (the claim's `Delivery.attempt`) went out: it is kept
     * in the delivery's history and the delivery becomes sent, whichever claim
     * holds it now. A late success counts, even on a delivery given up (dead):
     * the message did go out. Fails when the delivery is gone (its
     * subscription was removed meanwhile).
     */
    readonly markSent: (
      tenantId: TenantId,
      id: DeliveryId,
      attempt: number,
    ) => Effect.Effect<void, DeliveryNotFound>
    /**
     * Attempt `attempt` (the claim's `Delivery.attempt`) failed: it is kept in
     * the delivery's history. Only the current claim (still sending under that
     * attempt) decides the delivery: retry at `retryAt`, or give up (dead)
     * when none; a claim whose lease ran out and was claimed again, or a
     * delivery already sent, keeps its state. Fails when the delivery is gone
     * (its subscription was removed meanwhile).
     */
    readonly markFailed: (
      tenantId: TenantId,
      id: DeliveryId,
      attempt: number,
      failure: { readonly error: string; readonly retryAt: Option.Option<Date> },
    ) => Effect.Effect<void, DeliveryNotFound>
    /**
     * Attempt `attempt` found that the subscription no longer had the
     * delivery's channel (as the worker read it): the attempt is kept as
     * failed and the channels are read again. For the current claim: if the
     * channel is back (or the channels cannot be read), the delivery is due
     * again ("kept"); else it is given up and its alert gets a pending delivery
     * on each channel the subscription has now ("moved"). "stale" when the
     * claim no longer holds the delivery. Fails when the delivery is gone.
     */
    readonly redirect: (
      tenantId: TenantId,
      id: DeliveryId,
      attempt: number,
    ) => Effect.Effect<"moved" | "kept" | "stale", DeliveryNotFound>
    readonly listForAlert: (
      tenantId: TenantId,
      alertId: AlertId,
    ) => Effect.Effect<ReadonlyArray<Delivery>>
    /** The recorded attempts of a delivery, first attempt first. */
    readonly listAttempts: (
      tenantId: TenantId,
      deliveryId: DeliveryId,
    ) => Effect.Effect<ReadonlyArray<DeliveryAttempt>>
  }
>() {}

/** What reserving an idempotency key found. */
export type Reservation =
  /**
   * The key is this request's now: run it, then `complete` or `release` with
   * `reservation`, which tells this holder from one that took a stale key over.
   */
  | { readonly _tag: "Reserved"; readonly reservation: string }
  /** The key was answered before: its answer is the answer. */
  | { readonly _tag: "Answered"; readonly record: IdempotencyRecord }
  /** Another request holds the key and has not answered yet. */
  | { readonly _tag: "InProgress"; readonly requestHash: string }

export class IdempotencyRepo extends Context.Tag("@crm-cost/IdempotencyRepo")<
  IdempotencyRepo,
  {
    /** The answer kept for a key; none while the key is only reserved. */
    readonly find: (
      tenantId: TenantId,
      key: string,
    ) => Effect.Effect<Option.Option<IdempotencyRecord>>
    /** Keeps the record unless one with its key exists; returns the record kept (first wins). */
    readonly save: (record: IdempotencyRecord) => Effect.Effect<IdempotencyRecord>
    /**
     * Takes a key for one request, atomically across every copy of the API:
     * reserved when nobody had it (or its holder reserved it before
     * `staleBefore` and never answered: a copy that died), else what the key
     * holds.
     */
    readonly reserve: (options: {
      readonly tenantId: TenantId
      readonly key: string
      readonly requestHash: string
      readonly now: DateTime.Utc
      readonly staleBefore: DateTime.Utc
    }) => Effect.Effect<Reservation>
    /** Keeps the answer of a key this holder reserved; false when it no longer holds it. */
    readonly complete: (record: IdempotencyRecord, reservation: string) => Effect.Effect<boolean>
    /** Gives a key this holder reserved up unanswered (the request failed), so it can be retried. */
    readonly release: (tenantId: TenantId, key: string, reservation: string) => Effect.Effect<void>
  }
>() {}
