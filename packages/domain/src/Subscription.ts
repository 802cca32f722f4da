/**
 * Contracts a company holds (DESIGN.md, "Subscriptions, renewals, overage"):
 * tenants, subscriptions, usage snapshots and the alerts decided about them.
 * Dates are calendar dates in the subscription's time zone; money is a
 * decimal string on the wire.
 */
import { Schema } from "effect"
import * as Calendar from "./Calendar.js"
import { TermMonths } from "./FeeComponent.js"
import { MoneyFromWire, NonNegativeQuantity, ONE, Rate, ZERO } from "./Money.js"
import type * as Messages from "./messages/Format.js"
import { OfferId } from "./Offer.js"

const IdString = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, {
    message: () =>
      "an id is 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
  }),
)

export const TenantId = IdString.pipe(Schema.brand("TenantId")).annotations({
  identifier: "TenantId",
})
export type TenantId = typeof TenantId.Type

export const SubscriptionId = IdString.pipe(Schema.brand("SubscriptionId")).annotations({
  identifier: "SubscriptionId",
})
export type SubscriptionId = typeof SubscriptionId.Type

export const UsageSnapshotId = IdString.pipe(Schema.brand("UsageSnapshotId")).annotations({
  identifier: "UsageSnapshotId",
})
export type UsageSnapshotId = typeof UsageSnapshotId.Type

export const AlertId = IdString.pipe(Schema.brand("AlertId")).annotations({
  identifier: "AlertId",
})
export type AlertId = typeof AlertId.Type

/** A deterministic alert key: subscription, kind, term and offset or threshold. */
export const AlertKey = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(512),
  Schema.brand("AlertKey"),
).annotations({ identifier: "AlertKey" })
export type AlertKey = typeof AlertKey.Type

// Checking a zone builds an Intl formatter (tens of µs); remember the answer.
const knownTimeZones = new Map<string, boolean>()
const isTimeZone = (tz: string): boolean => {
  const known = knownTimeZones.get(tz)
  if (known !== undefined) return known
  let valid = false
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz })
    valid = true
  } catch {
    valid = false
  }
  if (knownTimeZones.size < 10_000) knownTimeZones.set(tz, valid)
  return valid
}

/** An IANA time zone name, e.g. "Asia/Shanghai". */
export const TimeZone = Schema.String.pipe(
  Schema.filter((tz) => isTimeZone(tz) || `unknown time zone "${tz}"`),
).annotations({ identifier: "TimeZone" })

const NonNegativeInt = Schema.Int.pipe(Schema.nonNegative())

/** A language the product writes in. */
export const Locale: Schema.Schema<Messages.Locale> = Schema.Literal("en", "zh-CN").annotations({
  identifier: "Locale",
})

/** A company using the product; every stored row belongs to one. */
export class Tenant extends Schema.Class<Tenant>("Tenant")({
  id: TenantId,
  name: Schema.NonEmptyTrimmedString,
  createdAt: Schema.DateTimeUtc,
  /** The language of its alerts; the worker's configuration decides when absent. */
  locale: Schema.optional(Locale),
  /**
   * Reminder offsets (days before a notice deadline) for its subscriptions
   * that state none of their own (at least one: an empty list would silence
   * every reminder); the worker's configuration, then the product default,
   * when absent.
   */
  reminderOffsets: Schema.optional(
    Schema.Array(NonNegativeInt).pipe(Schema.minItems(1, { message: () => "at least one offset" })),
  ),
}) {}

/** Where alerts about a subscription go. */
export const AlertChannel = Schema.Union(
  Schema.TaggedStruct("Webhook", {
    url: Schema.String.pipe(
      Schema.pattern(/^https?:\/\/\S+$/, { message: () => "expected an http(s) URL" }),
    ),
    /** Name of the signing secret in the worker's configuration, never the secret. */
    secretRef: Schema.optional(Schema.NonEmptyTrimmedString),
  }),
  Schema.TaggedStruct("Email", {
    to: Schema.NonEmptyArray(
      Schema.String.pipe(
        Schema.pattern(/^[^@\s]+@[^@\s]+$/, { message: () => "expected an e-mail address" }),
      ),
    ),
  }),
  Schema.TaggedStruct("Log", {}),
).annotations({ identifier: "AlertChannel" })
export type AlertChannel = typeof AlertChannel.Type

/** A stable name for a channel, unique within a subscription: deliveries are tracked by it. */
export const channelKey = (channel: AlertChannel): string => {
  switch (channel._tag) {
    case "Webhook":
      return `webhook:${channel.url}`
    case "Email":
      return `email:${[...channel.to].sort().join(",")}`
    case "Log":
      return "log"
  }
}

const logOnly: ReadonlyArray<string> = ["log"]

/**
 * The channels an alert about a subscription is delivered to, by key: each
 * of its channels once; the log when it names none, so an alert is never
 * kept with nowhere to go.
 */
export const deliveryChannelKeys = (
  channels: ReadonlyArray<AlertChannel>,
): ReadonlyArray<string> =>
  channels.length === 0 ? logOnly : [...new Set(channels.map(channelKey))]

/** The channel of `channels` a delivery names by `key`, if the subscription still has it. */
export const channelOfKey = (
  channels: ReadonlyArray<AlertChannel>,
  key: string,
): AlertChannel | undefined =>
  channels.length === 0
    ? key === "log"
      ? { _tag: "Log" }
      : undefined
    : channels.find((c) => channelKey(c) === key)

export const Owner = Schema.Struct({
  name: Schema.NonEmptyTrimmedString,
  email: Schema.optional(Schema.String),
})
export type Owner = typeof Owner.Type

/** An included quota of a contract and what each unit beyond it costs. */
export const SubscriptionQuota = Schema.Struct({
  metric: Schema.NonEmptyTrimmedString,
  included: NonNegativeQuantity,
  /** Whether the quota resets each month or holds for the whole term. */
  per: Schema.optionalWith(Schema.Literal("month", "term"), { default: () => "term" as const }),
  /** Price of one overage unit (of `overageUnit` units); none when overage cannot be bought. */
  overageRate: Schema.optional(MoneyFromWire),
  overageUnit: Schema.optionalWith(
    NonNegativeQuantity.pipe(Schema.filter((d) => d.gt(0) || "must be above 0")),
    { default: () => ONE },
  ),
})
export type SubscriptionQuota = typeof SubscriptionQuota.Type

/** Default reminder offsets, in days before the notice deadline. */
export const defaultReminderOffsets: ReadonlyArray<number> = [90, 60, 30, 7, 1]

/**
 * An anchor day belongs to a term start that fell short of it: the start is
 * the last day of its month and the anchor a later day (28 Feb with 29, 30 or
 * 31). The start's own day is accepted and means the same as none.
 */
export const anchorFits = (s: {
  readonly termStart: Calendar.CalendarDate
  readonly anchorDay?: number | undefined
}) => {
  if (s.anchorDay === undefined) return true
  const [y, m, d] = s.termStart.split("-").map(Number) as [number, number, number]
  return s.anchorDay === d || (d === Calendar.daysInMonth(y, m) && s.anchorDay > d)
    ? true
    : {
        path: ["anchorDay"],
        message: `an anchor day must be the term start's own day, or later when the start is its month's last day (${s.termStart})`,
      }
}

/** A contract the company holds with a CRM vendor. */
export class Subscription extends Schema.Class<Subscription>("Subscription")(
  Schema.Struct({
    id: SubscriptionId,
    tenantId: TenantId,
    vendor: Schema.NonEmptyTrimmedString,
    /** The catalog or custom offer the contract was bought under, when known. */
    offerId: Schema.optional(OfferId),
    seatsBought: NonNegativeInt,
    termStart: Calendar.CalendarDate,
    /**
     * The day of the month its terms begin and end on, when the term start fell
     * short of it: a monthly contract from 31 Jan renewed on 28 Feb keeps 31, so
     * it renews again on 31 Mar. Absent: the term start's own day.
     */
    anchorDay: Schema.optional(
      Schema.Int.pipe(Schema.between(1, 31)).annotations({
        description:
          "the day of the month the terms begin and end on, when the term start fell short of it (31 for a monthly term from 31 Jan renewed on 28 Feb); absent: the term start's day",
      }),
    ),
    termMonths: TermMonths,
    autoRenew: Schema.Boolean,
    noticeDays: NonNegativeInt,
    /** What one term costs for the seats bought, before any renewal uplift. */
    recurringPrice: MoneyFromWire,
    renewalUplift: Schema.optionalWith(Rate, { default: () => ZERO }),
    quotas: Schema.optionalWith(Schema.Array(SubscriptionQuota), { default: () => [] }),
    owners: Schema.optionalWith(Schema.Array(Owner), { default: () => [] }),
    channels: Schema.optionalWith(Schema.Array(AlertChannel), { default: () => [] }),
    timeZone: Schema.optionalWith(TimeZone, { default: () => "UTC" }),
    reminderOffsets: Schema.optionalWith(Schema.Array(NonNegativeInt), {
      default: () => defaultReminderOffsets,
    }),
    status: Schema.optionalWith(Schema.Literal("active", "cancelled"), {
      default: () => "active" as const,
    }),
  }).pipe(Schema.filter(anchorFits)),
) {}

/**
 * A subscription's fields (as on the wire) after a change of some of them:
 * the ones given replace the current ones. A new term start brings its own
 * day, so the anchor day goes unless the change names one.
 */
export const withChanges = (
  current: typeof Subscription.Encoded,
  changes: {
    readonly [K in keyof typeof Subscription.Encoded]?: (typeof Subscription.Encoded)[K] | undefined
  },
): typeof Subscription.Encoded => {
  const { anchorDay, ...rest } = current
  const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined))
  const restarted = changes.termStart !== undefined && changes.termStart !== current.termStart
  return {
    ...rest,
    ...(anchorDay === undefined || restarted ? {} : { anchorDay }),
    ...given,
  }
}

/** Renewal date = the day the current term ends (term start + term length, on the anchor day). */
export const renewalDate = (s: Pick<Subscription, "termStart" | "termMonths" | "anchorDay">) =>
  Calendar.addMonths(s.termStart, s.termMonths, s.anchorDay)

/** Notice deadline = renewal date − notice days: the last day to cancel. */
export const noticeDeadline = (
  s: Pick<Subscription, "termStart" | "termMonths" | "noticeDays" | "anchorDay">,
): Calendar.CalendarDate => Calendar.addDays(renewalDate(s), -s.noticeDays)

/** Seats assigned and metered usage at one instant. */
export class UsageSnapshot extends Schema.Class<UsageSnapshot>("UsageSnapshot")({
  id: UsageSnapshotId,
  tenantId: TenantId,
  subscriptionId: SubscriptionId,
  takenAt: Schema.DateTimeUtc,
  seatsAssigned: NonNegativeInt,
  /** Usage per metric (storage GB, API calls, contacts...), decimal strings. */
  metrics: Schema.optionalWith(Schema.Record({ key: Schema.String, value: NonNegativeQuantity }), {
    default: () => ({}),
  }),
}) {}

export const AlertKind = Schema.Literal(
  "notice-reminder",
  "renewal",
  "auto-renewed",
  "seats-over",
  "quota-threshold",
  "quota-forecast",
)
export type AlertKind = typeof AlertKind.Type

/** A decided alert, as kept in the outbox. Its key makes deciding it twice a no-op. */
export class Alert extends Schema.Class<Alert>("Alert")({
  id: AlertId,
  key: AlertKey,
  tenantId: TenantId,
  subscriptionId: SubscriptionId,
  kind: AlertKind,
  decidedAt: Schema.DateTimeUtc,
  /** What the channels render; JSON. */
  payload: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
}) {}

/**
 * The deterministic key of an alert: subscription, kind, term start and the
 * offset or threshold it is about.
 * @example alertKey({ subscriptionId, kind: "notice-reminder", termStart, detail: "30" })
 */
export const alertKey = (parts: {
  readonly subscriptionId: SubscriptionId
  readonly kind: AlertKind
  readonly termStart: Calendar.CalendarDate
  readonly detail?: string
}): AlertKey =>
  `${parts.subscriptionId}/${parts.kind}/${parts.termStart}/${parts.detail ?? "-"}` as AlertKey

export class TenantNotFound extends Schema.TaggedError<TenantNotFound>()("TenantNotFound", {
  tenantId: TenantId,
}) {
  override get message() {
    return `tenant ${this.tenantId} does not exist`
  }
}

export class TenantAlreadyExists extends Schema.TaggedError<TenantAlreadyExists>()(
  "TenantAlreadyExists",
  { tenantId: TenantId },
) {
  override get message() {
    return `tenant ${this.tenantId} already exists`
  }
}

export class SubscriptionNotFound extends Schema.TaggedError<SubscriptionNotFound>()(
  "SubscriptionNotFound",
  { tenantId: TenantId, subscriptionId: SubscriptionId },
) {
  override get message() {
    return `subscription ${this.subscriptionId} not found`
  }
}

export class SubscriptionAlreadyExists extends Schema.TaggedError<SubscriptionAlreadyExists>()(
  "SubscriptionAlreadyExists",
  { tenantId: TenantId, subscriptionId: SubscriptionId },
) {
  override get message() {
    return `subscription ${this.subscriptionId} already exists`
  }
}

export const decode = Schema.decodeUnknown(Subscription)
export const encode = Schema.encode(Subscription)
