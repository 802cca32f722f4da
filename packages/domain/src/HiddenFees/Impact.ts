/**
 * How a finding's money is measured with the pricing engine: a quote with
 * the fee minus the same quote without it (same term), or the sum of the
 * quote lines the fee produced. Not a rule; the rules' shared toolkit.
 *
 * Money is measured before tax: tax has its own finding (TaxNotIncluded),
 * so no finding counts the same tax twice.
 */
import { Effect } from "effect"
import type { FeeComponent, FeeComponentTag, PerSeat } from "../FeeComponent.js"
import type { Finding, Impact, Rule, Severity } from "../HiddenFees.js"
import type * as Messages from "../Messages.js"
import { allocateMinor, fromMinor, Money, toMinor } from "../Money.js"
import { Offer } from "../Offer.js"
import { Profile } from "../Profile.js"
import * as Quote from "../Quote.js"

/** A priced impact. */
export const priced = (money: Money): Impact => ({ money, quoteRequired: false })

/** An impact only the vendor can price: never zero. */
export const quoteRequired: Impact = { money: undefined, quoteRequired: true }

/** A finding of a rule. */
export const finding = <C extends string>(
  code: C,
  severity: Severity,
  componentId: string | undefined,
  message: Messages.Message,
  impact: Impact,
): Finding<C> => ({ code, severity, componentId, message, ...impact })

// Offers and profiles are immutable and a quote is a pure function of them, so the rules
// of one scan share one baseline; entries go when the offer or the profile does.
const baselines = new WeakMap<Offer, WeakMap<Profile, Quote.Quote>>()

/** The quote the buyer would sign: the cheapest term the offer sells and the need allows. */
export const baseline = (offer: Offer, profile: Profile) =>
  Effect.suspend(() => {
    const hit = baselines.get(offer)?.get(profile)
    if (hit !== undefined) return Effect.succeed(hit)
    return Effect.tap(Quote.make(offer, profile), (quote) => {
      const byProfile = baselines.get(offer) ?? new WeakMap<Profile, Quote.Quote>()
      byProfile.set(profile, quote)
      baselines.set(offer, byProfile)
    })
  })

/** The offer without one component. */
export const withoutComponent = (offer: Offer, componentId: string): Offer =>
  new Offer({ ...offer, components: offer.components.filter((c) => c.id !== componentId) })

/** The offer with one component replaced by another of the same id. */
export const withComponent = (offer: Offer, next: FeeComponent): Offer =>
  new Offer({ ...offer, components: offer.components.map((c) => (c.id === next.id ? next : c)) })

/** The need with some fields changed. */
export const withNeed = (
  profile: Profile,
  patch: Partial<ConstructorParameters<typeof Profile>[0]>,
): Profile => new Profile({ ...profile, ...patch })

/** Net (before tax) of `base` minus the net of another offer or need priced on the same term. */
export const netOver = (base: Quote.Quote, offer: Offer, profile: Profile) =>
  Effect.map(Quote.forTerm(offer, profile, base.termMonths), (other) =>
    Money.make(base.net.amount.minus(other.net.amount), base.currency),
  )

/** Net (before tax) of another offer or need priced on the term of `base`, minus the net of `base`. */
export const netUnder = (base: Quote.Quote, offer: Offer, profile: Profile) =>
  Effect.map(Quote.forTerm(offer, profile, base.termMonths), (other) =>
    Money.make(other.net.amount.minus(base.net.amount), base.currency),
  )

/** The offer's seat components. */
export const seatComponents = (offer: Offer): ReadonlyArray<PerSeat> =>
  offer.components.filter((c): c is PerSeat => c._tag === "PerSeat")

export const isPositive = (m: Money): boolean => m.amount.gt(0)

/** The sum of some lines of a quote, in its currency. */
export const sumLines = (quote: Quote.Quote, lines: Iterable<Quote.ChargeLine>): Money => {
  let total = 0n
  for (const line of lines) total += toMinor(line.amount)
  return fromMinor(total, quote.currency)
}

/** What one component's charge and discount lines come to, before tax. */
export const componentCost = (quote: Quote.Quote, componentId: string): Money =>
  sumLines(
    quote,
    quote.lines.filter((l) => l.componentId === componentId && l.kind !== "tax"),
  )

const termBilled: ReadonlySet<FeeComponentTag> = new Set<FeeComponentTag>([
  "PerSeat",
  "Module",
  "Platform",
  "AddOn",
  "Promotion",
  "Percentage",
])

/** A line of a recurring component billed per term (or a discount or percentage of one), before tax. */
export const isTermBilled = (line: Quote.ChargeLine): boolean =>
  line.kind !== "tax" && termBilled.has(line.component)

/**
 * The minor units of a line accrued in months `from` onwards, split over its
 * months as the engine's accrual view splits it.
 */
export const accruedFrom = (line: Quote.ChargeLine, from: number): bigint => {
  const units = toMinor(line.amount)
  const span = line.toMonth - line.fromMonth
  if (span <= 1) return line.fromMonth >= from ? units : 0n
  const shares = allocateMinor(units, new Array<bigint>(span).fill(1n))
  let out = 0n
  for (let i = Math.max(0, from - line.fromMonth); i < span; i++) out += shares[i] ?? 0n
  return out
}

/**
 * The minor units of a term-billed line paid in `month`, split over its
 * payments in equal shares as the engine's cash-flow view splits it.
 */
export const paidIn = (line: Quote.ChargeLine, month: number): bigint => {
  const at = line.paidInMonths.indexOf(month)
  if (at < 0) return 0n
  const units = toMinor(line.amount)
  if (line.paidInMonths.length === 1) return units
  return (
    allocateMinor(
      units,
      line.paidInMonths.map(() => 1n),
    )[at] ?? 0n
  )
}

/**
 * A rule that reports what some components cost in the quote (their own
 * lines, before tax), one finding per component that costs anything: the
 * data-driven shape of most component rules.
 */
export const componentCostRule = <C extends string, A extends FeeComponent>(spec: {
  readonly code: C
  readonly select: (component: FeeComponent) => component is A
  readonly severity: (component: A, profile: Profile) => Severity
  readonly message: (component: A, money: Money, quote: Quote.Quote) => Messages.Message
}): Rule<C> => ({
  code: spec.code,
  run: (offer, profile) =>
    Effect.gen(function* () {
      const selected = offer.components.filter(spec.select)
      if (selected.length === 0) return []
      const base = yield* baseline(offer, profile)
      return selected.flatMap((c) => {
        const money = componentCost(base, c.id)
        if (!isPositive(money)) return []
        return [
          finding(
            spec.code,
            spec.severity(c, profile),
            c.id,
            spec.message(c, money, base),
            priced(money),
          ),
        ]
      })
    }),
})
