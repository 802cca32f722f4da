/** English texts of renewal reminders and overage alerts: what an operations team reads. */
import type { CalendarDate } from "../../Calendar.js"
import type { Decimal, Money } from "../../Money.js"
import type { Format } from "../Format.js"

const days = (n: number) => (n === 1 ? "1 day" : `${n} days`)
const late = (dueOn: CalendarDate, today: CalendarDate, f: Format) =>
  dueOn < today ? ` (This alert was due on ${f.date(dueOn)}; it is sent late.)` : ""

export const alerts = {
  "alert.noticeReminder.subject": (
    p: { vendor: string; subscriptionId: string; deadline: CalendarDate; offset: number },
    f: Format,
  ) =>
    `${p.vendor} (${p.subscriptionId}): notice deadline ${f.date(p.deadline)}${p.offset === 0 ? " is today" : ` in ${days(p.offset)}`}`,
  "alert.noticeReminder.body": (
    p: {
      vendor: string
      subscriptionId: string
      deadline: CalendarDate
      renewalDate: CalendarDate
      autoRenew: boolean
      price: Money
      nextPrice: Money
      dueOn: CalendarDate
      today: CalendarDate
    },
    f: Format,
  ) =>
    `The last day to give notice on the ${p.vendor} contract ${p.subscriptionId} is ${f.date(p.deadline)}. ${
      p.autoRenew
        ? `Unless you cancel by then, it renews on ${f.date(p.renewalDate)} for ${f.money(p.nextPrice)} (this term: ${f.money(p.price)}).`
        : `It ends on ${f.date(p.renewalDate)} and does not renew by itself.`
    }${late(p.dueOn, p.today, f)}`,
  "alert.renewal.subject": (
    p: { vendor: string; subscriptionId: string; renewalDate: CalendarDate },
    f: Format,
  ) => `${p.vendor} (${p.subscriptionId}): the contract ends on ${f.date(p.renewalDate)}`,
  "alert.renewal.body": (
    p: {
      vendor: string
      subscriptionId: string
      renewalDate: CalendarDate
      price: Money
      dueOn: CalendarDate
      today: CalendarDate
    },
    f: Format,
  ) =>
    `The ${p.vendor} contract ${p.subscriptionId} (${f.money(p.price)} a term) ends on ${f.date(p.renewalDate)} and does not renew automatically: renew it or plan the move.${late(p.dueOn, p.today, f)}`,
  "alert.autoRenewed.subject": (
    p: { vendor: string; subscriptionId: string; newPrice: Money },
    f: Format,
  ) => `${p.vendor} (${p.subscriptionId}) renewed automatically at ${f.money(p.newPrice)}`,
  "alert.autoRenewed.body": (
    p: {
      vendor: string
      subscriptionId: string
      renewalDate: CalendarDate
      nextRenewalDate: CalendarDate
      oldPrice: Money
      newPrice: Money
      uplift: Decimal
      dueOn: CalendarDate
      today: CalendarDate
    },
    f: Format,
  ) =>
    `The ${p.vendor} contract ${p.subscriptionId} renewed on ${f.date(p.renewalDate)} for a new term until ${f.date(p.nextRenewalDate)}: ${f.money(p.newPrice)} instead of ${f.money(p.oldPrice)} (uplift ${f.percent(p.uplift)}).${late(p.dueOn, p.today, f)}`,
  "alert.seatsOver.subject": (
    p: { vendor: string; subscriptionId: string; seatsAssigned: number; seatsBought: number },
    _f: Format,
  ) =>
    `${p.vendor} (${p.subscriptionId}): ${p.seatsAssigned} seats assigned, ${p.seatsBought} bought`,
  "alert.seatsOver.body": (
    p: {
      vendor: string
      subscriptionId: string
      seatsAssigned: number
      seatsBought: number
      cost: Money | undefined
      renewalDate: CalendarDate
    },
    f: Format,
  ) =>
    `${p.seatsAssigned - p.seatsBought} more seats are assigned on the ${p.vendor} contract ${p.subscriptionId} than were bought. ${
      p.cost === undefined
        ? "The contract states no per-seat price: ask the vendor what the extra seats cost."
        : `Buying them to the term's end (${f.date(p.renewalDate)}) costs about ${f.money(p.cost)}.`
    }`,
  "alert.quotaThreshold.subject": (
    p: { vendor: string; subscriptionId: string; metric: string; threshold: number },
    _f: Format,
  ) =>
    `${p.vendor} (${p.subscriptionId}): ${p.metric} at ${p.threshold >= 100 ? "or above " : ""}${p.threshold}% of the quota`,
  "alert.quotaThreshold.body": (
    p: {
      vendor: string
      subscriptionId: string
      metric: string
      usage: Decimal
      included: Decimal
      periodEnd: CalendarDate
      cost: Money | undefined
    },
    f: Format,
  ) =>
    `${p.metric} on the ${p.vendor} contract ${p.subscriptionId} stands at ${f.number(p.usage)} of ${f.number(p.included)} included until ${f.date(p.periodEnd)}. ${
      p.cost === undefined
        ? "The contract sells no overage: the vendor may block use or ask for a quote."
        : p.cost.amount.isZero()
          ? "No overage is due yet."
          : `The overage so far costs ${f.money(p.cost)}.`
    }`,
  "alert.quotaForecast.subject": (
    p: { vendor: string; subscriptionId: string; metric: string; crossesOn: CalendarDate },
    f: Format,
  ) =>
    `${p.vendor} (${p.subscriptionId}): ${p.metric} is on course to pass the quota around ${f.date(p.crossesOn)}`,
  "alert.quotaForecast.body": (
    p: {
      vendor: string
      subscriptionId: string
      metric: string
      usage: Decimal
      included: Decimal
      projected: Decimal
      periodEnd: CalendarDate
      cost: Money | undefined
    },
    f: Format,
  ) =>
    `At its current trend, ${p.metric} on the ${p.vendor} contract ${p.subscriptionId} grows from ${f.number(p.usage)} to about ${f.number(p.projected)} by ${f.date(p.periodEnd)}, above the ${f.number(p.included)} included. ${
      p.cost === undefined
        ? "The contract sells no overage: the vendor may block use or ask for a quote."
        : `The overage would cost about ${f.money(p.cost)}.`
    }`,
}
