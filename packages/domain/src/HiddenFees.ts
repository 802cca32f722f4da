/**
 * Hidden fees (隐藏费用): rules that read an offer and a need and say what
 * the headline price leaves out — how much it adds over the horizon, where it
 * comes from, and why, in words a buyer reads (zh-CN and en).
 *
 * A rule is one file in `HiddenFees/` and one line in `rules` below.
 */
import { Effect } from "effect"
import { AnnualOnlyBilling } from "./HiddenFees/AnnualOnlyBilling.js"
import { ExitFee } from "./HiddenFees/ExitFee.js"
import { MandatoryOnboarding } from "./HiddenFees/MandatoryOnboarding.js"
import { MinimumSeats } from "./HiddenFees/MinimumSeats.js"
import { PaidSupport } from "./HiddenFees/PaidSupport.js"
import { PrepaidTermLonger } from "./HiddenFees/PrepaidTermLonger.js"
import { PromotionExpiry } from "./HiddenFees/PromotionExpiry.js"
import { QuotaOverage } from "./HiddenFees/QuotaOverage.js"
import { QuoteRequired } from "./HiddenFees/QuoteRequired.js"
import { RenewalUplift } from "./HiddenFees/RenewalUplift.js"
import { RequiredIntegrationAddOn } from "./HiddenFees/RequiredIntegrationAddOn.js"
import { RequiredModuleAddOn } from "./HiddenFees/RequiredModuleAddOn.js"
import { SandboxFee } from "./HiddenFees/SandboxFee.js"
import { SeatBundles } from "./HiddenFees/SeatBundles.js"
import { SeatReductionsNotRefunded } from "./HiddenFees/SeatReductionsNotRefunded.js"
import { SelfHostingCosts } from "./HiddenFees/SelfHostingCosts.js"
import { TaxNotIncluded } from "./HiddenFees/TaxNotIncluded.js"
import type * as Messages from "./Messages.js"
import { type Currency, type Money, sum } from "./Money.js"
import type { Offer } from "./Offer.js"
import type { Profile } from "./Profile.js"
import type { QuoteError } from "./Quote.js"

export type Severity = "info" | "warning" | "critical"

/**
 * What a finding adds over the horizon, before tax: an amount in the offer's
 * currency, or — for a part the vendor prices only on request — no amount
 * and `quoteRequired`, never a zero that reads as free.
 */
export type Impact =
  | { readonly money: Money; readonly quoteRequired: false }
  | { readonly money: undefined; readonly quoteRequired: true }

/** One hidden fee found in an offer for a need. */
export type Finding<C extends string = string> = {
  readonly code: C
  readonly severity: Severity
  /** The fee component it comes from, when one does. */
  readonly componentId: string | undefined
  readonly message: Messages.Message
} & Impact

/**
 * A rule: reads an offer and a need and yields zero or more findings. It
 * fails only when the offer cannot be quoted for the need at all.
 */
export interface Rule<C extends string = string> {
  readonly code: C
  readonly run: (
    offer: Offer,
    profile: Profile,
  ) => Effect.Effect<ReadonlyArray<Finding<C>>, QuoteError>
}

/** The registry: every rule `scan` runs. */
export const rules = [
  MinimumSeats,
  SeatBundles,
  RequiredModuleAddOn,
  RequiredIntegrationAddOn,
  QuotaOverage,
  PrepaidTermLonger,
  AnnualOnlyBilling,
  RenewalUplift,
  PromotionExpiry,
  PaidSupport,
  MandatoryOnboarding,
  SelfHostingCosts,
  SeatReductionsNotRefunded,
  TaxNotIncluded,
  ExitFee,
  SandboxFee,
  QuoteRequired,
] as const

export type Code = (typeof rules)[number]["code"]

const registry: ReadonlyArray<Rule<Code>> = rules

const severityRank: Record<Severity, number> = { critical: 0, warning: 1, info: 2 }

/**
 * Most costly first. A part priced only on request leads (its price may be
 * anything, and it makes every total a lower bound); ties go to the more
 * severe, then by code and component, so the order is stable.
 */
export const byImpact = (a: Finding, b: Finding): number => {
  if (a.quoteRequired !== b.quoteRequired) return a.quoteRequired ? -1 : 1
  if (a.money !== undefined && b.money !== undefined) {
    const c = b.money.amount.comparedTo(a.money.amount)
    if (c !== 0) return c
  }
  const s = severityRank[a.severity] - severityRank[b.severity]
  if (s !== 0) return s
  if (a.code !== b.code) return a.code < b.code ? -1 : 1
  const ia = a.componentId ?? ""
  const ib = b.componentId ?? ""
  return ia === ib ? 0 : ia < ib ? -1 : 1
}

/**
 * What the priced findings add up to, in `currency` (the offer's): a lower
 * bound, since a finding that needs a vendor's quote has no amount.
 */
export const total = (currency: Currency, findings: ReadonlyArray<Finding>) =>
  sum(
    currency,
    findings.flatMap((f) => (f.money === undefined ? [] : [f.money])),
  )

/** Run every registered rule on an offer for a need; findings most costly first. */
export const scan = Effect.fn("HiddenFees.scan")(function* (offer: Offer, profile: Profile) {
  const found = yield* Effect.forEach(registry, (rule) =>
    rule.run(offer, profile).pipe(Effect.withSpan(`HiddenFees.${rule.code}`)),
  )
  const findings: ReadonlyArray<Finding<Code>> = found.flat().sort(byImpact)
  return findings
})
