/**
 * The fee components an offer is made of: one tagged union, one schema per
 * way a CRM vendor charges (DESIGN.md, "The five fee models" and "Pricing
 * semantics"). Prices are decimal strings in the offer's currency.
 */
import { Schema } from "effect"
import { CalendarDate } from "./Calendar.js"
import { Amount, type Decimal, NonNegativeQuantity, Rate } from "./Money.js"

export const ComponentId = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, {
    message: () =>
      "an id is letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
  }),
).annotations({ identifier: "ComponentId" })

/** What a charge is counted under in totals. */
export const Category = Schema.Literal(
  "licence",
  "modules",
  "usage",
  "add-ons",
  "support",
  "one-time",
  "self-hosting",
  "tax",
)
export type Category = typeof Category.Type
export const categories: ReadonlyArray<Category> = Category.literals

/** Where a figure comes from: every catalog figure carries one. */
export const Evidence = Schema.Struct({
  source: Schema.String,
  asOf: Schema.optional(CalendarDate),
  confidence: Schema.optional(Schema.Literal("high", "medium", "low")),
  note: Schema.optional(Schema.String),
})
export type Evidence = typeof Evidence.Type

const PositiveInt = Schema.Int.pipe(Schema.positive())
const NonNegativeInt = Schema.Int.pipe(Schema.nonNegative())

/** A term length in months (1 = monthly, 3 = quarterly, 12 = annual...). */
export const TermMonths = PositiveInt.pipe(Schema.lessThanOrEqualTo(120)).annotations({
  identifier: "TermMonths",
})

/** An explicit price for one term length (the term price book). */
export const TermPrice = Schema.Struct({
  months: TermMonths,
  amount: Amount,
  /** "term": the amount pays the whole term; "month"/"year": a rate billed for the term. */
  per: Schema.Literal("month", "year", "term"),
})
export type TermPrice = typeof TermPrice.Type

/** A recurring list price, with optional explicit prices per term. */
export const RecurringPrice = Schema.Struct({
  amount: Amount,
  per: Schema.Literal("month", "year"),
  byTerm: Schema.optional(Schema.Array(TermPrice)),
})
export type RecurringPrice = typeof RecurringPrice.Type

const common = {
  id: ComponentId,
  name: Schema.NonEmptyTrimmedString,
  evidence: Schema.optional(Evidence),
}

/** First month (0-based, from the start of the need) a recurring component is charged. */
const startMonth = Schema.optional(NonNegativeInt)

/** 按用户数量: a price per seat per period. */
export class PerSeat extends Schema.TaggedClass<PerSeat>()("PerSeat", {
  ...common,
  price: RecurringPrice,
  minSeats: Schema.optional(NonNegativeInt),
  /** Seat bundle sizes the vendor sells, ascending (monday: 3, 5, 10, ...). */
  bundles: Schema.optional(
    Schema.NonEmptyArray(PositiveInt).pipe(
      Schema.filter(
        (xs) => xs.every((x, i) => i === 0 || x > (xs[i - 1] ?? 0)) || "bundle sizes must ascend",
      ),
    ),
  ),
  maxSeats: Schema.optional(PositiveInt),
  startMonth,
}) {}

/** 按功能模块: a module with its own price, flat or per seat. */
export class Module extends Schema.TaggedClass<Module>()("Module", {
  ...common,
  module: Schema.NonEmptyTrimmedString,
  price: RecurringPrice,
  perSeat: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  startMonth,
}) {}

/** A flat recurring fee (platform, base plan, maintenance). */
export class Platform extends Schema.TaggedClass<Platform>()("Platform", {
  ...common,
  price: RecurringPrice,
  category: Schema.optionalWith(Category, { default: () => "licence" as const }),
  startMonth,
}) {}

export const OneTimeKind = Schema.Literal(
  "onboarding",
  "implementation",
  "migration",
  "training",
  "custom-development",
  "data-export",
  "other",
)
export type OneTimeKind = typeof OneTimeKind.Type

export const Milestone = Schema.Struct({
  name: Schema.NonEmptyTrimmedString,
  /** Month (0-based) in which the milestone is paid. */
  month: NonNegativeInt,
  /** Share of the amount, as a fraction; the shares of a fee add up to 1. */
  share: Rate,
})
export type Milestone = typeof Milestone.Type

/** 定制化服务 and other one-time fees: upfront, or by milestones. */
export class OneTime extends Schema.TaggedClass<OneTime>()("OneTime", {
  ...common,
  kind: OneTimeKind,
  amount: Amount,
  /** A mandatory fee is always charged; an optional one only when the profile selects it. */
  mandatory: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  milestones: Schema.optional(
    Schema.NonEmptyArray(Milestone).pipe(
      Schema.filter((ms) => {
        let total = ms[0].share
        for (const m of ms.slice(1)) total = total.plus(m.share)
        return total.eq(1) || `milestone shares add up to ${total.toFixed()}, not 1`
      }),
    ),
  ),
}) {}

/** A pricing tier; `upTo` is an inclusive upper bound, absent on the last tier. */
export const Tier = Schema.Struct({
  upTo: Schema.optional(NonNegativeQuantity),
  unitPrice: Amount,
  flatFee: Schema.optional(Amount),
})
export type Tier = typeof Tier.Type

const orderedTiers = Schema.NonEmptyArray(Tier).pipe(
  Schema.filter((tiers) => {
    for (let i = 0; i < tiers.length; i++) {
      const t = tiers[i]
      const last = i === tiers.length - 1
      if (!last && t?.upTo === undefined)
        return `tier ${i + 1} needs "upTo" (only the last tier has none)`
      if (last && t?.upTo !== undefined) return `the last tier must not have "upTo"`
      const prev = tiers[i - 1]?.upTo
      if (prev !== undefined && t?.upTo !== undefined && !t.upTo.gt(prev)) {
        return `tier ${i + 1}: "upTo" must be above the previous tier's`
      }
    }
    return true
  }),
)

export const UsagePricing = Schema.Union(
  Schema.TaggedStruct("PerUnit", { unitPrice: Amount }),
  Schema.TaggedStruct("Graduated", { tiers: orderedTiers }),
  Schema.TaggedStruct("Volume", { tiers: orderedTiers }),
  Schema.TaggedStruct("Package", {
    size: NonNegativeQuantity.pipe(Schema.filter((d: Decimal) => d.gt(0) || "must be above 0")),
    price: Amount,
  }),
)
export type UsagePricing = typeof UsagePricing.Type

/** Metered usage: storage GB, API calls, contacts, emails, records... */
export class Usage extends Schema.TaggedClass<Usage>()("Usage", {
  ...common,
  /** The metric the profile forecasts, e.g. "storage-gb", "api-calls", "contacts". */
  metric: Schema.NonEmptyTrimmedString,
  period: Schema.optionalWith(Schema.Literal("month", "year"), { default: () => "month" as const }),
  /** "sum" adds a period's monthly usage (API calls); "peak" takes its highest level (contacts, GB). */
  measure: Schema.optionalWith(Schema.Literal("sum", "peak"), { default: () => "sum" as const }),
  included: Schema.optional(
    Schema.Struct({
      units: Schema.optional(NonNegativeQuantity),
      perSeat: Schema.optional(NonNegativeQuantity),
    }),
  ),
  pricing: UsagePricing,
  /** The least a period is charged. */
  minimumCommitment: Schema.optional(Amount),
  category: Schema.optionalWith(Category, { default: () => "usage" as const }),
}) {}

/** A rate of a named base, e.g. support = 20 % of net licence. */
export class Percentage extends Schema.TaggedClass<Percentage>()("Percentage", {
  ...common,
  rate: Rate,
  base: Schema.NonEmptyArray(Category),
  category: Schema.optionalWith(Category, { default: () => "support" as const }),
  mandatory: Schema.optionalWith(Schema.Boolean, { default: () => true }),
}) {}

/** 免费与开源: what a self-hosted offer costs to run. */
export class SelfHosting extends Schema.TaggedClass<SelfHosting>()("SelfHosting", {
  ...common,
  infrastructurePerMonth: Amount,
  adminHoursPerMonth: NonNegativeQuantity,
  upgradeHoursPerYear: NonNegativeQuantity,
  /** Default labour rate in the offer's currency; the profile's rate wins. */
  labourRate: Schema.optional(Amount),
}) {}

export const AddOnKind = Schema.Literal(
  "add-on",
  "integration",
  "storage",
  "sandbox",
  "support-plan",
  "extra-records",
)

/** A paid add-on or integration, charged when the need requires what it is required for. */
export class AddOn extends Schema.TaggedClass<AddOn>()("AddOn", {
  ...common,
  kind: Schema.optionalWith(AddOnKind, { default: () => "add-on" as const }),
  price: RecurringPrice,
  perSeat: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  /** Modules or integrations that need this add-on. */
  requiredFor: Schema.optionalWith(Schema.Array(Schema.NonEmptyTrimmedString), {
    default: () => [],
  }),
  /** Ids of other add-ons this one needs. */
  requires: Schema.optionalWith(Schema.Array(ComponentId), { default: () => [] }),
  category: Schema.optionalWith(Category, { default: () => "add-ons" as const }),
  startMonth,
}) {}

/** Each renewal multiplies recurring prices by (1 + rate). */
export class RenewalUplift extends Schema.TaggedClass<RenewalUplift>()("RenewalUplift", {
  ...common,
  rate: Rate,
  /** Months between price renewals (12 for a yearly contract). */
  everyMonths: Schema.optionalWith(TermMonths, { default: () => 12 }),
}) {}

/** x % off recurring prices for the first n months. */
export class Promotion extends Schema.TaggedClass<Promotion>()("Promotion", {
  ...common,
  percentOff: Rate.pipe(Schema.filter((d: Decimal) => d.lte(1) || "at most 1 (100%)")),
  months: PositiveInt,
  appliesTo: Schema.optionalWith(Schema.NonEmptyArray(Category), {
    default: () => ["licence", "modules", "add-ons"] as const,
  }),
}) {}

/** How the offer's prices treat tax. */
export class Tax extends Schema.TaggedClass<Tax>()("Tax", {
  ...common,
  mode: Schema.Literal("exclusive", "inclusive"),
  rate: Schema.optional(Rate),
}) {}

/** 需询价: a part whose price is not published. Never priced as zero. */
export class Unpriced extends Schema.TaggedClass<Unpriced>()("Unpriced", {
  ...common,
  category: Category,
  reason: Schema.String,
  mandatory: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  requiredFor: Schema.optionalWith(Schema.Array(Schema.NonEmptyTrimmedString), {
    default: () => [],
  }),
}) {}

export const FeeComponent = Schema.Union(
  PerSeat,
  Module,
  Platform,
  OneTime,
  Usage,
  Percentage,
  SelfHosting,
  AddOn,
  RenewalUplift,
  Promotion,
  Tax,
  Unpriced,
).annotations({ identifier: "FeeComponent" })
export type FeeComponent = typeof FeeComponent.Type
export type FeeComponentTag = FeeComponent["_tag"]
