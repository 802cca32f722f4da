/** An offer: what one vendor sells under one plan, as fee components. */
import { Schema } from "effect"
import { CalendarDate } from "./Calendar.js"
import { ComponentId, Evidence, FeeComponent, TermMonths } from "./FeeComponent.js"
import { Currency, NonNegativeQuantity, Rate, RoundingModeSchema } from "./Money.js"

export const OfferId = ComponentId.pipe(Schema.brand("OfferId")).annotations({
  identifier: "OfferId",
})
export type OfferId = typeof OfferId.Type

/** A term the vendor sells, optionally discounted off the monthly list price. */
export const Term = Schema.Struct({
  months: TermMonths,
  discount: Schema.optional(Rate),
})
export type Term = typeof Term.Type

export const Quota = Schema.Struct({
  metric: Schema.NonEmptyTrimmedString,
  units: NonNegativeQuantity,
  /** What the units are counted against. */
  per: Schema.optionalWith(Schema.Literal("month", "year", "seat", "account"), {
    default: () => "account" as const,
  }),
  /** A hard quota cannot be exceeded at any price. */
  hard: Schema.optionalWith(Schema.Boolean, { default: () => false }),
})
export type Quota = typeof Quota.Type

export const Limits = Schema.Struct({
  maxSeats: Schema.optional(Schema.Int.pipe(Schema.positive())),
  quotas: Schema.optionalWith(Schema.Array(Quota), { default: () => [] }),
})

export const FeeModel = Schema.Literal(
  "per-user",
  "per-module",
  "per-term",
  "custom",
  "open-source",
)
export type FeeModel = typeof FeeModel.Type

export class Offer extends Schema.Class<Offer>("Offer")({
  id: OfferId,
  vendor: Schema.NonEmptyTrimmedString,
  name: Schema.NonEmptyTrimmedString,
  currency: Currency,
  status: Schema.optionalWith(Schema.Literal("current", "legacy"), {
    default: () => "current" as const,
  }),
  description: Schema.optional(Schema.String),
  /** Terms sold; the first is the default. */
  terms: Schema.optionalWith(
    Schema.NonEmptyArray(Term).pipe(
      Schema.filter(
        (ts) =>
          new Set(ts.map((t) => t.months)).size === ts.length || "each term length appears once",
      ),
    ),
    { default: () => [{ months: 1 }] as const },
  ),
  /** Modules and integrations the offer includes at no extra charge. */
  includes: Schema.optionalWith(
    Schema.Struct({
      modules: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
      integrations: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
    }),
    { default: () => ({ modules: [], integrations: [] }) },
  ),
  components: Schema.Array(FeeComponent).pipe(
    Schema.filter((cs) => {
      const seen = new Set<string>()
      for (const c of cs) {
        if (seen.has(c.id)) return `component id "${c.id}" appears more than once`
        seen.add(c.id)
      }
      return true
    }),
  ),
  limits: Schema.optionalWith(Limits, { default: () => ({ quotas: [] }) }),
  trialDays: Schema.optional(Schema.Int.pipe(Schema.nonNegative())),
  /** Seats removed mid-term are refunded only by vendors that say so. */
  seatReductions: Schema.optionalWith(Schema.Literal("at-renewal", "prorated-refund"), {
    default: () => "at-renewal" as const,
  }),
  rounding: Schema.optionalWith(RoundingModeSchema, { default: () => "half-up" as const }),
  source: Evidence,
  asOf: CalendarDate,
}) {}

/** The fee models an offer uses, read from its components and terms. */
export const feeModels = (offer: Offer): ReadonlyArray<FeeModel> => {
  const models = new Set<FeeModel>()
  for (const c of offer.components) {
    if (c._tag === "PerSeat") models.add("per-user")
    if (c._tag === "Module") models.add("per-module")
    if (c._tag === "SelfHosting") models.add("open-source")
    if (c._tag === "OneTime" && c.kind === "custom-development") models.add("custom")
    if ((c._tag === "PerSeat" || c._tag === "Platform" || c._tag === "Module") && c.price.byTerm)
      models.add("per-term")
  }
  if (offer.terms.some((t) => t.discount !== undefined)) models.add("per-term")
  return [...models]
}

export const decode = Schema.decodeUnknown(Offer)
export const encode = Schema.encode(Offer)
