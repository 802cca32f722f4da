/** The need (明确需求): seats over time, modules, usage, horizon and money settings. */
import { Schema } from "effect"
import { CalendarDate } from "./Calendar.js"
import { ComponentId, TermMonths } from "./FeeComponent.js"
import { Currency, DecimalFromString, MoneyFromWire, NonNegativeQuantity, Rate } from "./Money.js"

const NonNegativeInt = Schema.Int.pipe(Schema.nonNegative())

/** Seat growth: a compound rate per month or year, or a month-by-month list of seat counts. */
export const Growth = Schema.Union(
  Schema.TaggedStruct("Rate", {
    /** Fraction per period; may be negative (shrinking), at least -1. */
    rate: DecimalFromString.pipe(Schema.filter((d) => d.gte(-1) || "must be at least -1")),
    every: Schema.optionalWith(Schema.Literal("month", "year"), { default: () => "year" as const }),
  }),
  Schema.TaggedStruct("Schedule", {
    /** Seats in month 1, 2, ...; the last count holds after the list ends. */
    seats: Schema.NonEmptyArray(NonNegativeInt),
  }),
)
export type Growth = typeof Growth.Type

export const UsageForecast = Schema.Struct({
  metric: Schema.NonEmptyTrimmedString,
  /** Usage per month (a flow such as API calls) or the level held (contacts, GB). */
  perMonth: NonNegativeQuantity,
  /** Optional month-by-month forecast; the last value holds after it ends. */
  schedule: Schema.optional(Schema.NonEmptyArray(NonNegativeQuantity)),
  /** Compound growth of usage per month, as a fraction. */
  monthlyGrowth: Schema.optional(
    DecimalFromString.pipe(Schema.filter((d) => d.gte(-1) || "must be at least -1")),
  ),
})
export type UsageForecast = typeof UsageForecast.Type

export const FxRate = Schema.Struct({
  from: Currency,
  to: Currency,
  /** Units of `to` for one unit of `from`. */
  rate: DecimalFromString.pipe(Schema.filter((d) => d.gt(0) || "must be above 0")),
})

/**
 * The lists a profile may leave out, each empty then. They are filled in by
 * the constructor, which decoding calls too, not by `optionalWith` defaults: a
 * struct with defaults decodes in two passes (the encoded fields, then the
 * filled-in fields validated again), which made a profile the costliest part
 * of a quote request to decode.
 */
const lists: ReadonlySet<string> = new Set(["modules", "integrations", "usage", "extras"])

/** The fields in their declared order (as encoding writes them), a missing list as []. */
const withLists = (props: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const key of fieldOrder) {
    const value = props[key]
    if (value !== undefined) out[key] = value
    else if (lists.has(key)) out[key] = []
  }
  return out
}

const fields = {
  seats: NonNegativeInt,
  growth: Schema.optional(Growth),
  modules: Schema.optional(Schema.Array(Schema.NonEmptyTrimmedString)),
  integrations: Schema.optional(Schema.Array(Schema.NonEmptyTrimmedString)),
  usage: Schema.optional(Schema.Array(UsageForecast)),
  horizonMonths: Schema.Int.pipe(Schema.between(1, 600)),
  /** First day of the need; proration by day counts from it. */
  startDate: CalendarDate,
  /** Terms the buyer accepts; all the offer sells when absent. */
  terms: Schema.optional(Schema.NonEmptyArray(TermMonths)),
  tax: Schema.optional(
    Schema.Struct({
      rate: Rate,
      mode: Schema.optional(Schema.Literal("exclusive", "inclusive")),
    }),
  ),
  /** Annual discount rate for net present value. */
  discountRate: Schema.optional(Rate),
  /** Internal cost of an hour of staff time, for self-hosting. */
  labourRate: Schema.optional(MoneyFromWire),
  /** Currency to report totals in, converted with `fx`. */
  currency: Schema.optional(Currency),
  fx: Schema.optional(
    Schema.Struct({
      asOf: CalendarDate,
      rates: Schema.Array(FxRate),
    }),
  ),
  /** Optional components chosen by id (optional one-time fees, add-ons wanted anyway). */
  extras: Schema.optional(Schema.Array(ComponentId)),
}
const fieldOrder = Object.keys(fields)

export class Profile extends Schema.Class<Profile>("Profile")(fields) {
  // Never absent on a profile: the constructor puts an empty list in for a missing one.
  declare readonly modules: ReadonlyArray<string>
  declare readonly integrations: ReadonlyArray<string>
  declare readonly usage: ReadonlyArray<UsageForecast>
  declare readonly extras: ReadonlyArray<typeof ComponentId.Type>

  constructor(props: Schema.Struct.Constructor<typeof fields>, options?: Schema.MakeOptions) {
    super(withLists(props) as Schema.Struct.Constructor<typeof fields>, options)
  }
}

export const decode = Schema.decodeUnknown(Profile)
