/**
 * The schemas of the HTTP API: what requests must look like (built from the
 * domain's own schemas, so the edge validates exactly what the domain
 * accepts) and the shape of what the API answers. The OpenAPI document is
 * generated from these.
 */
import { AlertFacts } from "@crm-cost/domain/Alerts"
import { CalendarDate } from "@crm-cost/domain/Calendar"
import {
  MissingFxRate,
  MissingLabourRate,
  SeatLimitExceeded,
  UnknownComponent,
  UnknownIntegration,
  UnknownModule,
  UnsupportedTerm,
} from "@crm-cost/domain/Errors"
import { Category, ComponentId, FeeComponent, TermMonths } from "@crm-cost/domain/FeeComponent"
import { rules as hiddenFeeRules } from "@crm-cost/domain/HiddenFees"
import {
  Currency,
  DecimalFromString,
  MoneyFromWire,
  NonNegativeQuantity,
} from "@crm-cost/domain/Money"
import { FeeModel, Limits, Offer, OfferId, Quota } from "@crm-cost/domain/Offer"
import { Profile } from "@crm-cost/domain/Profile"
import type { QuoteError } from "@crm-cost/domain/Quote"
import {
  AlertId,
  AlertKey,
  AlertKind,
  anchorFits,
  Locale,
  Subscription,
  SubscriptionId,
  SubscriptionQuota,
  Tenant,
  TenantId,
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
})
  .pipe(Schema.filter(anchorFits))
  .annotations({ identifier: "SubscriptionInput" })

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

/** The tenant's settings to change; `null` clears one (the worker's configuration decides then). */
export const TenantPatch = Schema.Struct({
  name: Schema.optional(Tenant.fields.name),
  locale: Schema.optional(Schema.NullOr(Locale)).annotations({
    description: "the language of the tenant's alerts (en or zh-CN); null: the worker's default",
  }),
  reminderOffsets: Schema.optional(Schema.NullOr(Tenant.fields.reminderOffsets.from)).annotations({
    description:
      "days before a notice deadline to remind, for subscriptions that state none of their own; null: the worker's default",
  }),
}).annotations({ identifier: "TenantPatch" })

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
//
// Each view is the JSON a route sends, field for field (Render's `toJson`:
// money as `{amount, currency}` with a decimal string, decimals as strings,
// messages as text in the reader's locale, an error as `{code, message}`,
// undefined fields left out). test/ResponseSchemas.test.ts decodes real
// answers with these schemas, excess properties rejected.

const Money = MoneyFromWire

/** A field described where it is used, leaving a named schema's own description alone. */
const described = <S extends Schema.Schema.All>(schema: S, description: string) =>
  Schema.propertySignature(schema).annotations({ description })

const NonNegativeInt = Schema.Int.pipe(Schema.nonNegative())

/** A decimal rendered as text, e.g. "0.1234". */
const DecimalText = DecimalFromString

/** A rendered message: text in the reader's language (Accept-Language). */
const Text = Schema.String

const CategoryView = Category.annotations({
  identifier: "Category",
  description: "what a charge is counted under in totals",
})

/** Every category, each with its total (zero when nothing falls under it). */
const TotalsByCategory = Schema.Record({ key: CategoryView, value: Money }).annotations({
  identifier: "TotalsByCategory",
})

const [firstComponent, ...otherComponents] = FeeComponent.members
const FeeComponentTag = Schema.Literal(
  firstComponent._tag,
  ...otherComponents.map((c) => c._tag),
).annotations({ identifier: "FeeComponentTag", description: "the kind of fee component" })

/** The typed failures of pricing, as `{code, message}`. */
const quoteErrorCodes = [
  SeatLimitExceeded._tag,
  UnknownModule._tag,
  UnknownIntegration._tag,
  MissingFxRate._tag,
  UnsupportedTerm._tag,
  MissingLabourRate._tag,
  UnknownComponent._tag,
] as const
type UnlistedQuoteError = Exclude<QuoteError["_tag"], (typeof quoteErrorCodes)[number]>
// A member of Quote.QuoteError missing from the list above does not compile.
const _everyQuoteErrorListed: [UnlistedQuoteError] extends [never] ? true : never = true

const PricingError = Schema.Struct({
  code: Schema.Literal(...quoteErrorCodes),
  message: Schema.String.annotations({ description: "in English, for logs and developers" }),
}).annotations({ identifier: "PricingError" })

const OfferFailure = Schema.Struct({
  offerId: OfferId,
  error: PricingError,
  message: Schema.String.annotations({
    description: "why, in the reader's language (Accept-Language: zh-CN or en)",
  }),
}).annotations({ identifier: "OfferFailure", description: "an offer that cannot be priced" })

/** A non-negative quantity as answers write it: a decimal string (a request may send a number). */
const QuantityText = DecimalFromString.pipe(
  Schema.filter((d) => !d.isNegative() || "must not be negative"),
).annotations({ identifier: "QuantityText", description: "a non-negative decimal string" })

// A field with a default is optional in a request and always present in an answer.

const { per: quotaPer, hard: quotaHard, units: _units, ...quotaFields } = Quota.fields
const OfferQuotaView = Schema.Struct({
  ...quotaFields,
  units: QuantityText,
  per: quotaPer.from,
  hard: quotaHard.from,
})

const {
  status,
  terms,
  includes,
  limits: _limits,
  seatReductions,
  rounding,
  ...offerFields
} = Offer.fields
const { quotas: _quotas, ...limitsFields } = Limits.fields

/** An offer as the API shows it: defaults filled in, where it comes from, its fee models. */
export const OfferView = Schema.Struct({
  ...offerFields,
  status: status.from,
  terms: terms.from,
  includes: Schema.Struct({
    modules: includes.from.fields.modules.from,
    integrations: includes.from.fields.integrations.from,
  }),
  limits: Schema.Struct({ ...limitsFields, quotas: Schema.Array(OfferQuotaView) }),
  seatReductions: seatReductions.from,
  rounding: rounding.from,
  origin: Schema.Literal("built-in", "custom"),
  feeModels: Schema.Array(FeeModel),
}).annotations({ identifier: "OfferView" })

export const page = <A, I>(item: Schema.Schema<A, I>, identifier: string) =>
  Schema.Struct({
    data: Schema.Array(item),
    hasMore: Schema.Boolean,
    nextCursor: Schema.NullOr(Schema.String),
  }).annotations({ identifier })

const {
  per: subscriptionQuotaPer,
  included: _included,
  overageUnit: _overageUnit,
  ...subscriptionQuotaFields
} = SubscriptionQuota.fields
const SubscriptionQuotaView = Schema.Struct({
  ...subscriptionQuotaFields,
  included: QuantityText,
  per: subscriptionQuotaPer.from,
  overageUnit: QuantityText,
})

const {
  renewalUplift,
  quotas: _subscriptionQuotas,
  owners,
  channels,
  timeZone,
  reminderOffsets,
  status: subscriptionStatus,
  ...subscriptionViewFields
} = Subscription.fields

/**
 * The term of a contract in force today: an active, auto-renewing contract
 * past its stored renewal date has rolled to a later term at the uplifted
 * price, before the worker saves the roll.
 */
const TermView = Schema.Struct({
  start: described(CalendarDate, "the day the term began"),
  renewalDate: described(CalendarDate, "the day the term ends and the next would begin"),
  noticeDeadline: described(
    CalendarDate,
    "the last day to give notice: renewal date − notice days",
  ),
  price: described(Money, "what the term costs: the recurring price with each renewal's uplift"),
}).annotations({ identifier: "SubscriptionTerm" })

/**
 * A subscription as the API shows it: the contract as recorded (defaults
 * filled in), and the term in force today with its renewal date and notice
 * deadline.
 */
export const SubscriptionView = Schema.Struct({
  ...subscriptionViewFields,
  renewalUplift: renewalUplift.from,
  quotas: Schema.Array(SubscriptionQuotaView),
  owners: owners.from,
  channels: channels.from,
  timeZone: timeZone.from,
  reminderOffsets: reminderOffsets.from,
  status: subscriptionStatus.from,
  renewalDate: described(CalendarDate, "the renewal date of the term in force (currentTerm)"),
  noticeDeadline: described(CalendarDate, "the notice deadline of the term in force (currentTerm)"),
  currentTerm: described(
    TermView,
    "the term in force today; termStart and recurringPrice stay as recorded until the roll is saved",
  ),
}).annotations({ identifier: "SubscriptionView" })

export const UsageView = Schema.Struct({
  id: UsageSnapshotId,
  subscriptionId: SubscriptionId,
  takenAt: Schema.DateTimeUtc,
  seatsAssigned: NonNegativeInt,
  metrics: Schema.Record({ key: Schema.String, value: QuantityText }),
}).annotations({ identifier: "UsageSnapshot" })

export const AlertView = Schema.Struct({
  id: AlertId,
  key: AlertKey,
  subscriptionId: SubscriptionId,
  kind: AlertKind,
  decidedAt: Schema.DateTimeUtc,
  payload: AlertFacts,
}).annotations({ identifier: "Alert" })

const ChargeLine = Schema.Struct({
  id: Schema.String,
  componentId: ComponentId,
  component: FeeComponentTag,
  category: CategoryView,
  kind: Schema.Literal("charge", "tax"),
  label: Schema.String,
  basis: Text.annotations({ description: "how the amount was computed, in words" }),
  fromMonth: NonNegativeInt.annotations({
    description: "first month paid for, 0-based from the start of the need",
  }),
  toMonth: NonNegativeInt.annotations({
    description: "month the line stops paying for (excluded)",
  }),
  paidInMonths: Schema.Array(NonNegativeInt),
  amount: Money,
  taxOf: Schema.optional(Schema.String.annotations({ description: "tax lines: the line taxed" })),
  baseOf: Schema.optional(
    Schema.String.annotations({ description: "percentage lines: the line it is a percentage of" }),
  ),
}).annotations({ identifier: "ChargeLine" })

const UnpricedPart = Schema.Struct({
  componentId: ComponentId,
  name: Schema.String,
  category: CategoryView,
  reason: Schema.String,
  neededFor: Schema.String.annotations({
    description: '"mandatory", a module, an integration or "selected"',
  }),
}).annotations({ identifier: "UnpricedPart", description: "a part priced on request only" })

const Conversion = Schema.Struct({
  currency: Currency,
  rate: described(DecimalText, "units of `currency` for one unit of the quote's currency"),
  asOf: CalendarDate,
  total: Money,
  totalsByCategory: TotalsByCategory,
}).annotations({ identifier: "Conversion", description: "the totals in the profile's currency" })

export const QuoteView = Schema.Struct({
  offerId: OfferId,
  currency: Currency,
  termMonths: TermMonths,
  horizonMonths: Schema.Int,
  unusedPrepaidMonths: NonNegativeInt,
  lines: Schema.Array(ChargeLine),
  cashFlow: Schema.Array(Money),
  accrual: Schema.Array(Money),
  totalsByCategory: TotalsByCategory,
  net: Money,
  tax: Money,
  total: Money,
  seatsByMonth: Schema.Array(NonNegativeInt),
  seatMonths: NonNegativeInt,
  costPerSeatMonth: Schema.optional(Money),
  npv: Schema.optional(Money),
  unpriced: Schema.Array(UnpricedPart),
  complete: Schema.Boolean,
  converted: Schema.optional(Conversion),
}).annotations({ identifier: "Quote" })

const TermOption = Schema.Struct({
  termMonths: TermMonths,
  total: Money,
  unusedPrepaidMonths: NonNegativeInt,
}).annotations({ identifier: "TermOption" })

const CheapestTerm = Schema.Struct({
  offerId: OfferId,
  ...TermOption.fields,
  options: Schema.Array(TermOption).annotations({
    description: "every term the offer sells, shortest first, in the offer's currency",
  }),
}).annotations({ identifier: "CheapestTerm" })

const Rank = Schema.Int.pipe(Schema.positive())
const Gap = {
  gap: Money,
  gapPercent: Schema.optional(DecimalText).annotations({
    description: "gap ÷ the cheapest; absent when the cheapest costs nothing",
  }),
}

const Side = Schema.Literal("a", "b", "equal", "neither").annotations({
  identifier: "Side",
  description: "which of a pair is cheaper; neither when neither can be bought",
})

const SeatCrossing = Schema.Struct({
  seats: NonNegativeInt,
  before: Side,
  after: Side,
  cause: Schema.Literal("price", "seat-limit"),
  dropped: Schema.Array(Schema.Literal("a", "b")).annotations({
    description:
      "the offers whose plan maximum is passed at this crossing (sold one seat fewer, not at it); empty when cause is price. A plan that stops selling while the other stays cheaper makes no crossing",
  }),
}).annotations({ identifier: "SeatCrossing" })

const SeatBreakEven = Schema.Struct({
  a: OfferId,
  b: OfferId,
  from: NonNegativeInt,
  to: NonNegativeInt,
  start: Side,
  crossings: Schema.Array(SeatCrossing),
}).annotations({ identifier: "SeatBreakEven" })

const SeatReport = Schema.Struct({
  currency: Currency,
  from: NonNegativeInt,
  to: NonNegativeInt,
  pairs: Schema.Array(SeatBreakEven),
  failed: Schema.Array(OfferFailure),
  quotesPriced: NonNegativeInt,
}).annotations({ identifier: "SeatReport" })

const MonthCrossing = Schema.Struct({
  month: NonNegativeInt.annotations({ description: "0-based, as in the cash flow" }),
  before: Side,
  after: Side,
}).annotations({ identifier: "MonthCrossing" })

const MonthBreakEven = Schema.Struct({
  a: OfferId,
  b: OfferId,
  currency: Currency,
  start: Side,
  crossings: Schema.Array(MonthCrossing),
}).annotations({ identifier: "MonthBreakEven" })

const ScenarioGrowth = Schema.Union(
  Schema.Struct({
    _tag: Schema.Literal("Rate"),
    rate: DecimalText,
    every: Schema.Literal("month", "year"),
  }),
  Schema.Struct({ _tag: Schema.Literal("Schedule"), seats: Schema.Array(NonNegativeInt) }),
).annotations({ identifier: "ScenarioGrowth" })

const SensitivityRow = Schema.Struct({
  scenario: Schema.Struct({
    name: Schema.String,
    growth: Schema.optional(ScenarioGrowth),
  }),
  ranking: Schema.Array(
    Schema.Struct({
      offerId: OfferId,
      rank: Rank,
      total: Money,
      baseRank: Schema.optional(Rank),
      change: Schema.optional(Money),
    }),
  ),
  failed: Schema.Array(OfferFailure),
}).annotations({ identifier: "SensitivityRow" })

/** An offer priced for the need, as comparisons rank it and recommendations keep it. */
const PricedOffer = {
  rank: Rank,
  offerId: OfferId,
  quote: QuoteView,
  total: Money,
  npv: Schema.optional(Money),
  term: CheapestTerm,
  complete: Schema.Boolean,
}

export const ComparisonView = Schema.Struct({
  currency: Currency,
  ranking: Schema.Array(
    Schema.Struct({ ...PricedOffer, ...Gap }).annotations({ identifier: "RankedOffer" }),
  ),
  byNpv: Schema.optional(
    Schema.Array(
      Schema.Struct({ rank: Rank, offerId: OfferId, npv: Money, ...Gap }).annotations({
        identifier: "NpvRankedOffer",
      }),
    ),
  ).annotations({ description: "ranking by NPV; present when the profile gives a discount rate" }),
  failed: Schema.Array(OfferFailure),
  seats: Schema.optional(SeatReport).annotations({
    description: "break-even seat counts; absent when `breakEvenSeats` is false",
  }),
  months: Schema.Array(MonthBreakEven),
  sensitivity: Schema.Array(SensitivityRow),
  summary: Schema.Array(Text),
}).annotations({ identifier: "Comparison" })

export const RecommendationView = Schema.Struct({
  currency: Currency,
  kept: Schema.Array(
    Schema.Struct({ ...PricedOffer, reasons: Schema.Array(Text) }).annotations({
      identifier: "KeptOffer",
    }),
  ),
  dropped: Schema.Array(
    Schema.Struct({ offerId: OfferId, reasons: Schema.Array(Text) }).annotations({
      identifier: "DroppedOffer",
    }),
  ),
  summary: Schema.Array(Text),
}).annotations({ identifier: "Recommendation" })

const [firstRule, ...otherRules] = hiddenFeeRules
const finding = {
  code: Schema.Literal(firstRule.code, ...otherRules.map((r) => r.code)),
  severity: Schema.Literal("info", "warning", "critical"),
  componentId: Schema.optional(ComponentId),
  message: Text,
}

/** A hidden fee: what it adds over the horizon before tax, or quote-required (never a zero). */
const HiddenFee = Schema.Union(
  Schema.Struct({ ...finding, money: Money, quoteRequired: Schema.Literal(false) }),
  Schema.Struct({ ...finding, quoteRequired: Schema.Literal(true) }),
).annotations({ identifier: "HiddenFee" })

export const HiddenFeesView = Schema.Struct({
  offerId: OfferId,
  findings: Schema.Array(HiddenFee),
  total: described(Money, "sum of the priced findings, in the offer's currency"),
}).annotations({ identifier: "HiddenFees" })

export const TenantView = Schema.Struct({
  id: TenantId,
  name: Tenant.fields.name,
  createdAt: Schema.DateTimeUtc,
  locale: Schema.optional(Locale).annotations({
    description: "the language of the tenant's alerts; absent: the worker's configuration decides",
  }),
  reminderOffsets: Schema.optional(Schema.Array(NonNegativeInt)).annotations({
    description:
      "days before a notice deadline to remind, for subscriptions that state none of their own; absent: the worker's configuration, then 90, 60, 30, 7, 1",
  }),
}).annotations({ identifier: "Tenant" })

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

export const Health = Schema.Struct({
  status: Schema.Literal("ok", "unavailable", "draining"),
}).annotations({ identifier: "Health" })
