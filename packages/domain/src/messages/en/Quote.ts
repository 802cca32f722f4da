/** English texts of the domain. Keys and parameter types are defined here; zh-CN must match. */
import type { Decimal, Money } from "../../Money.js"
import type { Format } from "../Format.js"

const terms = (n: number) => (n === 1 ? "1 term" : `${n} terms`)
const renewed = (renewals: number) =>
  renewals === 0
    ? ""
    : renewals === 1
      ? ", price after 1 renewal"
      : `, price after ${renewals} renewals`

export const quote = {
  "basis.seats": (
    p: { seats: number; price: Money; termMonths: number; terms: number; renewals: number },
    f: Format,
  ) =>
    `${p.seats} seats × ${f.money(p.price)} per ${p.termMonths}-month term × ${terms(p.terms)}${renewed(p.renewals)}`,
  "basis.flat": (
    p: { price: Money; termMonths: number; terms: number; renewals: number },
    f: Format,
  ) =>
    `${f.money(p.price)} per ${p.termMonths}-month term × ${terms(p.terms)}${renewed(p.renewals)}`,
  "basis.partialTerm": (
    p: { quantity: number; price: Money; termMonths: number; months: number; renewals: number },
    f: Format,
  ) =>
    `${p.quantity} × ${f.money(p.price)} per ${p.termMonths}-month term × ${p.months}/${p.termMonths} months used${renewed(p.renewals)}`,
  "basis.seatAddition": (
    p: { seats: number; price: Money; month: number; days: number; termDays: number },
    f: Format,
  ) =>
    `${p.seats} seats added in month ${p.month} × ${f.money(p.price)} per term × ${p.days}/${p.termDays} days left in the term`,
  "basis.seatRefund": (
    p: { seats: number; price: Money; month: number; days: number; termDays: number },
    f: Format,
  ) =>
    `${p.seats} seats removed in month ${p.month}: refund of ${f.money(p.price)} per term × ${p.days}/${p.termDays} days left in the term`,
  "basis.promotedTerm": (
    p: {
      quantity: number
      price: Money
      termMonths: number
      months: number
      percent: Decimal
      promoMonths: number
      discount: Money
      renewals: number
    },
    f: Format,
  ) =>
    `${p.quantity} × ${f.money(p.price)} per ${p.termMonths}-month term × ${p.months}/${p.termMonths} months, less ${f.percent(p.percent)} promotion on ${p.promoMonths} months (${f.money(p.discount)})${renewed(p.renewals)}`,
  "basis.usage": (
    p: {
      metric: string
      quantity: Decimal
      included: Decimal
      charge: Money
      period: "month" | "year"
      periods: number
    },
    f: Format,
  ) =>
    `${f.number(p.quantity)} ${p.metric}, ${f.number(p.included)} included → ${f.money(p.charge)} per ${p.period} × ${p.periods}`,
  "basis.usageMinimum": (
    p: { metric: string; minimum: Money; period: "month" | "year"; periods: number },
    f: Format,
  ) => `${p.metric}: minimum commitment ${f.money(p.minimum)} per ${p.period} × ${p.periods}`,
  "basis.percentage": (p: { rate: Decimal; base: Money; baseLabel: string }, f: Format) =>
    `${f.percent(p.rate)} of ${p.baseLabel} (${f.money(p.base)})`,
  "basis.upfront": (p: { amount: Money }, f: Format) => `${f.money(p.amount)}, paid upfront`,
  "basis.milestones": (p: { amount: Money; count: number; lastMonth: number }, f: Format) =>
    `${f.money(p.amount)} in ${p.count} milestones up to month ${p.lastMonth}`,
  "basis.infrastructure": (p: { price: Money; months: number }, f: Format) =>
    `${f.money(p.price)} per month × ${p.months} months`,
  "basis.administration": (p: { hours: Decimal; rate: Money; months: number }, f: Format) =>
    `${f.number(p.hours)} h per month × ${f.money(p.rate)}/h × ${p.months} months`,
  "basis.upgrades": (p: { hours: Decimal; rate: Money; years: number }, f: Format) =>
    `${f.number(p.hours)} h per year × ${f.money(p.rate)}/h × ${p.years} years`,
  "basis.taxExclusive": (p: { rate: Decimal; net: Money }, f: Format) =>
    `${f.percent(p.rate)} tax on ${f.money(p.net)}`,
  "basis.taxInclusive": (p: { rate: Decimal; gross: Money }, f: Format) =>
    `${f.percent(p.rate)} tax included in ${f.money(p.gross)}`,
} satisfies Record<string, (p: never, f: Format) => string>
