/** English texts of HiddenFees. Keys and parameter types are defined here; zh-CN must match. */
import type { Category, OneTimeKind } from "../../FeeComponent.js"
import type { Decimal, Money } from "../../Money.js"
import type { Format } from "../Format.js"

const categoryLabels: Record<Category, string> = {
  licence: "licence fees",
  modules: "module fees",
  usage: "usage charges",
  "add-ons": "add-ons",
  support: "support",
  "one-time": "one-time fees",
  "self-hosting": "self-hosting",
  tax: "tax",
}

const kindLabels: Record<OneTimeKind, string> = {
  onboarding: "onboarding",
  implementation: "implementation",
  migration: "data migration",
  training: "training",
  "custom-development": "custom development",
  "data-export": "data export",
  other: "one-time service",
}

/** Known metrics by a word in their id; other metrics are shown as they are named. */
const metricLabels: ReadonlyArray<readonly [RegExp, string]> = [
  [/storage|gb/i, "storage"],
  [/contact/i, "contacts"],
  [/api/i, "API calls"],
  [/e-?mail/i, "emails"],
  [/record/i, "records"],
  [/credit/i, "credits"],
]
const metric = (id: string) => {
  const hit = metricLabels.find(([pattern]) => pattern.test(id))
  return hit === undefined ? `"${id}"` : `${hit[1]} (${id})`
}

const per = (p: "month" | "year" | "seat" | "account") =>
  p === "account" ? "for the account" : `per ${p}`

const seatsWord = (n: number) => (n === 1 ? "1 seat" : `${n} seats`)
const monthsWord = (n: number) => (n === 1 ? "1 month" : `${n} months`)

export const hiddenFees = {
  "hiddenFee.minimumSeats": (
    p: { component: string; minSeats: number; fewestSeats: number; money: Money },
    f: Format,
  ) =>
    `Minimum seats: ${p.component} is billed for at least ${seatsWord(p.minSeats)}, while you need as few as ${p.fewestSeats}; the floor adds ${f.money(p.money)} over the horizon.`,
  "hiddenFee.seatBundles": (
    p: {
      component: string
      bundles: ReadonlyArray<number>
      seats: number
      billed: number
      money: Money
    },
    f: Format,
  ) =>
    `Seat bundles: ${p.component} is sold only in bundles of ${p.bundles.join(", ")} seats, so ${seatsWord(p.seats)} are billed as ${p.billed}; the rounding-up adds ${f.money(p.money)} over the horizon.`,
  "hiddenFee.requiredModule": (p: { module: string; component: string; money: Money }, f: Format) =>
    `Required module sold separately: the plan does not include "${p.module}"; it is bought as ${p.component} for ${f.money(p.money)} over the horizon.`,
  "hiddenFee.requiredIntegration": (
    p: { integration: string; component: string; money: Money },
    f: Format,
  ) =>
    `Required integration sold separately: "${p.integration}" needs ${p.component}, ${f.money(p.money)} over the horizon.`,
  "hiddenFee.usageOverage": (
    p: {
      metric: string
      quantity: Decimal
      included: Decimal
      period: "month" | "year"
      money: Money
    },
    f: Format,
  ) =>
    `Usage overage: ${metric(p.metric)} reaches ${f.number(p.quantity)} per ${p.period} against ${f.number(p.included)} included; the overage costs ${f.money(p.money)} over the horizon.`,
  "hiddenFee.quotaExceeded": (
    p: {
      metric: string
      units: Decimal
      per: "month" | "year" | "seat" | "account"
      usage: Decimal
      month: number
      hard: boolean
    },
    f: Format,
  ) =>
    `Quota exceeded: the plan allows ${f.number(p.units)} ${metric(p.metric)} ${per(p.per)}, and your forecast reaches ${f.number(p.usage)} in month ${p.month}. ${
      p.hard
        ? "The limit cannot be bought off: a higher plan is needed, and its price must be quoted by the vendor."
        : "The vendor publishes no overage price: quote required."
    }`,
  "hiddenFee.prepaidTermLonger": (
    p: {
      termMonths: number
      horizonMonths: number
      unusedMonths: number
      forced: boolean
      money: Money
    },
    f: Format,
  ) =>
    `Prepaid term longer than the need: the ${p.termMonths}-month term covers ${monthsWord(p.unusedMonths)} beyond your ${p.horizonMonths}-month need, paid for all the same: ${f.money(p.money)}${
      p.forced ? " (no shorter term is sold)" : " (still cheaper than the shorter terms)"
    }.`,
  "hiddenFee.annualOnly": (
    p: { shortestMonths: number; termMonths: number; upfront: Money },
    f: Format,
  ) =>
    `No monthly billing: the offer is sold only ${p.shortestMonths === 12 ? "by the year" : `for ${p.shortestMonths} months or more`}, so ${f.money(p.upfront)} is paid in advance at signing for the ${p.termMonths}-month term and is not refunded if you leave early.`,
  "hiddenFee.renewalUplift": (
    p: { rate: Decimal; everyMonths: number; renewals: number; money: Money },
    f: Format,
  ) =>
    `Price rise at renewal: prices go up ${f.percent(p.rate)} every ${monthsWord(p.everyMonths)}; ${p.renewals === 1 ? "1 renewal" : `${p.renewals} renewals`} within the horizon add ${f.money(p.money)}.`,
  "hiddenFee.promotionExpiry": (
    p: { component: string; percent: Decimal; months: number; money: Money },
    f: Format,
  ) =>
    `Promotion expires: ${p.component} takes ${f.percent(p.percent)} off for the first ${monthsWord(p.months)} only; full price afterwards adds ${f.money(p.money)} over the horizon.`,
  "hiddenFee.paidSupport": (p: { component: string; money: Money }, f: Format) =>
    `Paid support: ${p.component} is charged separately, ${f.money(p.money)} over the horizon.`,
  "hiddenFee.percentageSupport": (
    p: { component: string; rate: Decimal; base: ReadonlyArray<Category>; money: Money },
    f: Format,
  ) =>
    `Support priced as a percentage: ${p.component} costs ${f.percent(p.rate)} of ${p.base.map((c) => categoryLabels[c]).join(" and ")}, ${f.money(p.money)} over the horizon.`,
  "hiddenFee.mandatoryOnboarding": (
    p: { component: string; kind: OneTimeKind; money: Money },
    f: Format,
  ) =>
    `Mandatory ${kindLabels[p.kind]}: ${p.component} must be bought with the plan, ${f.money(p.money)} one-time.`,
  "hiddenFee.selfHosting": (p: { licence: Money; money: Money }, f: Format) =>
    `Self-hosting costs: the licence costs ${f.money(p.licence)}, but running it yourself (infrastructure, administration, upgrades) costs ${f.money(p.money)} over the horizon.`,
  "hiddenFee.seatReductions": (
    p: { seatMonths: number; termMonths: number; money: Money },
    f: Format,
  ) =>
    `Seat reductions are not refunded: seats removed during a ${p.termMonths}-month term are paid for until the renewal, ${p.seatMonths} unused seat-months costing ${f.money(p.money)}.`,
  "hiddenFee.taxExclusive": (p: { rate: Decimal; money: Money }, f: Format) =>
    `Tax not included: prices exclude ${f.percent(p.rate)} tax, which adds ${f.money(p.money)} over the horizon.`,
  "hiddenFee.taxRateUnknown": (p: { component: string }) =>
    `Tax not included: ${p.component} says prices exclude tax but gives no rate; state the rate in the need or ask the vendor.`,
  "hiddenFee.exitFee": (p: { component: string; mandatory: boolean; money: Money }, f: Format) =>
    `Data export or exit fee: ${p.component} costs ${f.money(p.money)}${p.mandatory ? "" : ", charged when you take your data out or leave"}.`,
  "hiddenFee.sandbox": (p: { component: string; charged: boolean; money: Money }, f: Format) =>
    p.charged
      ? `Sandbox sold separately: ${p.component} costs ${f.money(p.money)} over the horizon.`
      : `Sandbox not included: a test environment (${p.component}) would cost ${f.money(p.money)} over the horizon.`,
  "hiddenFee.quoteRequired": (p: { component: string; reason: string; neededFor: string }) =>
    `Quote required: ${p.component} has no published price (${p.reason}) and is ${
      p.neededFor === "mandatory"
        ? "mandatory"
        : p.neededFor === "selected"
          ? "selected"
          : `needed for "${p.neededFor}"`
    }; the total is a lower bound until the vendor quotes it.`,
} satisfies Record<string, (p: never, f: Format) => string>
