/**
 * The schemas of the HTTP API: what requests must look like (built from the
 * domain's own schemas, so the edge validates exactly what the domain
 * accepts) and the shape of what the API answers. The OpenAPI document is
 * generated from these.
 */
import { ComponentId, TermMonths } from "@crm-cost/domain/FeeComponent"
import { Currency, MoneyFromWire, NonNegativeQuantity } from "@crm-cost/domain/Money"
import { FeeModel, Offer, OfferId } from "@crm-cost/domain/Offer"
import { Profile } from "@crm-cost/domain/Profile"
import {
  AlertKind,
  Subscription,
  SubscriptionId,
  UsageSnapshotId,
} from "@crm-cost/domain/Subscription"
import { Schema } from "effect"

// ---------------------------------------------------------------- requests

/** An offer by id (built-in or the tenant's own), or the offer itself inline. */
export const OfferRef = Schema.Union(
  OfferId.annotations({ description: "the id of a built-in or custom offer" }),
  Offer,
).annotations({ identifier: "OfferRef", description: "an offer id, or an inline offer" })

export const QuoteRequest = Schema.Struct({
  offer: OfferRef,
  profile: Profile,
  /** Price this term; the cheapest available term when absent. */
  termMonths: Schema.optional(TermMonths),
}).annotations({ identifier: "QuoteRequest" })

const SeatRange = Schema.Struct({
  from: Schema.optional(Schema.Int.pipe(Schema.between(0, 100_000))),
  to: Schema.optional(Schema.Int.pipe(Schema.between(0, 100_000))),
})

export const ComparisonRequest = Schema.Struct({
  offers: Schema.Array(OfferRef).pipe(Schema.minItems(1), Schema.maxItems(20)),
  profile: Profile,
  /** Seat counts to look for break-even points in (default 1..2000). */
  seatRange: Schema.optional(SeatRange),
  /** Leave the break-even seat counts out (faster). */
  breakEvenSeats: Schema.optional(Schema.Boolean),
}).annotations({ identifier: "ComparisonRequest" })

export const RecommendationRequest = Schema.Struct({
  /** The candidates; every offer the tenant sees when absent. */
  offers: Schema.optional(Schema.Array(OfferRef).pipe(Schema.minItems(1), Schema.maxItems(100))),
  profile: Profile,
  /** Accept paying overage where usage exceeds a soft quota. */
  acceptOverage: Schema.optional(Schema.Boolean),
}).annotations({ identifier: "RecommendationRequest" })

export const HiddenFeesRequest = Schema.Struct({
  offer: OfferRef,
  profile: Profile,
}).annotations({ identifier: "HiddenFeesRequest" })

const { tenantId: _tenantId, id: _id, ...subscriptionFields } = Subscription.fields

/** A new subscription: the contract's fields; the id is generated when not given. */
export const SubscriptionInput = Schema.Struct({
  id: Schema.optional(SubscriptionId),
  ...subscriptionFields,
}).annotations({ identifier: "SubscriptionInput" })

/**
 * A change to a subscription: any of its fields, as on the wire. The merged
 * contract is validated as a whole by the domain's schema.
 */
export const SubscriptionPatch = Schema.partial(
  Schema.encodedBoundSchema(Schema.Struct(subscriptionFields)),
).annotations({ identifier: "SubscriptionPatch" })

export const UsageInput = Schema.Struct({
  /** When the usage was read (ISO 8601); now when absent. */
  takenAt: Schema.optional(Schema.DateTimeUtc),
  seatsAssigned: Schema.Int.pipe(Schema.nonNegative()),
  metrics: Schema.optional(Schema.Record({ key: Schema.String, value: NonNegativeQuantity })),
}).annotations({ identifier: "UsageInput" })

export const FeedTokenRequest = Schema.Struct({}).annotations({ identifier: "FeedTokenRequest" })

// ------------------------------------------------------ paths and queries

export const OfferIdParams = Schema.Struct({ id: OfferId })
export const SubscriptionIdParams = Schema.Struct({ id: SubscriptionId })

const Limit = Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, 100)).annotations({
  jsonSchema: { type: "string", pattern: "^[0-9]+$", description: "1 to 100 (default 20)" },
})
const Cursor = Schema.String.pipe(Schema.maxLength(512)).annotations({
  description: "`nextCursor` of the previous page",
})

export const PageQuery = {
  limit: Schema.optional(Limit),
  cursor: Schema.optional(Cursor),
}

export const OffersQuery = Schema.Struct({
  ...PageQuery,
  vendor: Schema.optional(Schema.String.pipe(Schema.maxLength(200))),
  currency: Schema.optional(Currency),
  feeModel: Schema.optional(FeeModel),
  status: Schema.optional(Schema.Literal("current", "legacy")),
  origin: Schema.optional(Schema.Literal("built-in", "custom")),
  /** Words to find in vendor, name or description. */
  q: Schema.optional(Schema.String.pipe(Schema.maxLength(200))),
})

export const SubscriptionsQuery = Schema.Struct({
  ...PageQuery,
  status: Schema.optional(Schema.Literal("active", "cancelled")),
  vendor: Schema.optional(Schema.String.pipe(Schema.maxLength(200))),
})

export const AlertsQuery = Schema.Struct({
  ...PageQuery,
  subscriptionId: Schema.optional(SubscriptionId),
  kind: Schema.optional(AlertKind),
})

export const CalendarQuery = Schema.Struct({
  token: Schema.String.pipe(Schema.maxLength(200)),
  lang: Schema.optional(Schema.Literal("en", "zh-CN")),
})

// ---------------------------------------------------------------- answers

const Money = MoneyFromWire

export const OfferView = Schema.Struct({
  ...Offer.fields,
  origin: Schema.Literal("built-in", "custom"),
  feeModels: Schema.Array(FeeModel),
}).annotations({ identifier: "OfferView" })

export const page = <A, I>(item: Schema.Schema<A, I>, identifier: string) =>
  Schema.Struct({
    data: Schema.Array(item),
    hasMore: Schema.Boolean,
    nextCursor: Schema.NullOr(Schema.String),
  }).annotations({ identifier })

export const SubscriptionView = Schema.Struct({
  ...Subscription.fields,
  renewalDate: Schema.String,
  noticeDeadline: Schema.String,
}).annotations({ identifier: "SubscriptionView" })

export const UsageView = Schema.Struct({
  id: UsageSnapshotId,
  subscriptionId: SubscriptionId,
  takenAt: Schema.DateTimeUtc,
  seatsAssigned: Schema.Int,
  metrics: Schema.Record({ key: Schema.String, value: NonNegativeQuantity }),
}).annotations({ identifier: "UsageSnapshot" })

export const AlertView = Schema.Struct({
  id: Schema.String,
  key: Schema.String,
  subscriptionId: SubscriptionId,
  kind: AlertKind,
  decidedAt: Schema.DateTimeUtc,
  payload: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
}).annotations({ identifier: "Alert" })

const ChargeLine = Schema.Struct({
  id: Schema.String,
  componentId: ComponentId,
  component: Schema.String,
  category: Schema.String,
  kind: Schema.Literal("charge", "tax"),
  label: Schema.String,
  basis: Schema.String.annotations({ description: "how the amount was computed, in words" }),
  fromMonth: Schema.Int,
  toMonth: Schema.Int,
  paidInMonths: Schema.Array(Schema.Int),
  amount: Money,
  taxOf: Schema.optional(Schema.String),
}).annotations({ identifier: "ChargeLine" })

export const QuoteView = Schema.Struct({
  offerId: Schema.String,
  currency: Currency,
  termMonths: Schema.Int,
  horizonMonths: Schema.Int,
  unusedPrepaidMonths: Schema.Int,
  lines: Schema.Array(ChargeLine),
  cashFlow: Schema.Array(Money),
  accrual: Schema.Array(Money),
  totalsByCategory: Schema.Record({ key: Schema.String, value: Money }),
  net: Money,
  tax: Money,
  total: Money,
  seatsByMonth: Schema.Array(Schema.Int),
  seatMonths: Schema.Number,
  costPerSeatMonth: Schema.optional(Money),
  npv: Schema.optional(Money),
  unpriced: Schema.Array(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  complete: Schema.Boolean,
  converted: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
}).annotations({ identifier: "Quote" })

export const ComparisonView = Schema.Struct({
  currency: Currency,
  ranking: Schema.Array(
    Schema.Struct({
      rank: Schema.Int,
      offerId: Schema.String,
      quote: QuoteView,
      total: Money,
      npv: Schema.optional(Money),
      gap: Money,
      gapPercent: Schema.optional(Schema.String),
      term: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
      complete: Schema.Boolean,
    }),
  ),
  byNpv: Schema.optional(
    Schema.Array(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  ),
  failed: Schema.Array(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  seats: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  months: Schema.Array(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  sensitivity: Schema.Array(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  summary: Schema.Array(Schema.String),
}).annotations({ identifier: "Comparison" })

export const RecommendationView = Schema.Struct({
  currency: Currency,
  kept: Schema.Array(
    Schema.Struct({
      rank: Schema.Int,
      offerId: Schema.String,
      quote: QuoteView,
      total: Money,
      npv: Schema.optional(Money),
      term: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
      complete: Schema.Boolean,
      reasons: Schema.Array(Schema.String),
    }),
  ),
  dropped: Schema.Array(
    Schema.Struct({ offerId: Schema.String, reasons: Schema.Array(Schema.String) }),
  ),
  summary: Schema.Array(Schema.String),
}).annotations({ identifier: "Recommendation" })

export const HiddenFeesView = Schema.Struct({
  offerId: Schema.String,
  findings: Schema.Array(
    Schema.Struct({
      code: Schema.String,
      severity: Schema.Literal("info", "warning", "critical"),
      componentId: Schema.optional(Schema.String),
      message: Schema.String,
      money: Schema.optional(Money),
      quoteRequired: Schema.Boolean,
    }),
  ),
  total: Schema.Record({ key: Schema.String, value: Schema.Unknown }).annotations({
    description: "sum of the priced findings, in the offer's currency",
  }),
}).annotations({ identifier: "HiddenFees" })

export const FeedTokenView = Schema.Struct({
  token: Schema.String.annotations({ description: "shown once; only a hash is kept" }),
  url: Schema.String,
}).annotations({ identifier: "FeedToken" })

export const ProblemView = Schema.Struct({
  type: Schema.String,
  title: Schema.String,
  status: Schema.Int,
  detail: Schema.optional(Schema.String),
  instance: Schema.optional(Schema.String),
  code: Schema.String,
  requestId: Schema.optional(Schema.String),
  errors: Schema.optional(
    Schema.Array(
      Schema.Struct({
        in: Schema.Literal("body", "query", "path", "header"),
        pointer: Schema.String,
        path: Schema.String,
        message: Schema.String,
      }),
    ),
  ),
  offerId: Schema.optional(Schema.String),
}).annotations({ identifier: "Problem" })

export const Health = Schema.Struct({ status: Schema.Literal("ok", "unavailable", "draining") })
