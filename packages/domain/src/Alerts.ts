/**
 * Deciding alerts (DESIGN.md, "Subscriptions, renewals, overage"): every
 * alert due about a subscription as of an instant, including those whose
 * day passed while nothing ran. Pure and idempotent: the same inputs give the
 * same alerts with the same deterministic keys, so writing them to an outbox
 * that skips known keys never sends one twice.
 */
import { Schema } from "effect"
import type { CalendarDate } from "./Calendar.js"
import * as Calendar from "./Calendar.js"
import * as Messages from "./Messages.js"
import { type Decimal, DecimalFromString, type Money, MoneyFromWire } from "./Money.js"
import * as Overage from "./Overage.js"
import * as Renewal from "./Renewal.js"
import { type AlertKey, type AlertKind, alertKey, type Subscription } from "./Subscription.js"
import * as Zoned from "./Zoned.js"

/** Reminders whose day passed at most this many days ago are still sent (missed runs). */
export const defaultCatchUpDays = 31

const Base = {
  subscriptionId: Schema.String,
  vendor: Schema.String,
  termStart: Calendar.CalendarDate,
  /** The day the alert fell due in the subscription's time zone. */
  dueOn: Calendar.CalendarDate,
  /** The day it was decided: later than dueOn when a run was missed. */
  today: Calendar.CalendarDate,
}

export const NoticeReminderFacts = Schema.Struct({
  kind: Schema.Literal("notice-reminder"),
  ...Base,
  offset: Schema.Int,
  noticeDeadline: Calendar.CalendarDate,
  renewalDate: Calendar.CalendarDate,
  autoRenew: Schema.Boolean,
  price: MoneyFromWire,
  nextPrice: MoneyFromWire,
})

export const RenewalFacts = Schema.Struct({
  kind: Schema.Literal("renewal"),
  ...Base,
  renewalDate: Calendar.CalendarDate,
  price: MoneyFromWire,
})

export const AutoRenewedFacts = Schema.Struct({
  kind: Schema.Literal("auto-renewed"),
  ...Base,
  renewalDate: Calendar.CalendarDate,
  nextRenewalDate: Calendar.CalendarDate,
  oldPrice: MoneyFromWire,
  newPrice: MoneyFromWire,
  uplift: DecimalFromString,
})

export const SeatsOverFacts = Schema.Struct({
  kind: Schema.Literal("seats-over"),
  ...Base,
  seatsBought: Schema.Int,
  seatsAssigned: Schema.Int,
  renewalDate: Calendar.CalendarDate,
  /** The extra seats prorated to the term's end; absent without a per-seat price. */
  cost: Schema.optional(MoneyFromWire),
})

export const QuotaThresholdFacts = Schema.Struct({
  kind: Schema.Literal("quota-threshold"),
  ...Base,
  metric: Schema.String,
  threshold: Schema.Int,
  usage: DecimalFromString,
  included: DecimalFromString,
  periodStart: Calendar.CalendarDate,
  periodEnd: Calendar.CalendarDate,
  /** The overage at the current usage; absent when the contract sells none. */
  cost: Schema.optional(MoneyFromWire),
})

export const QuotaForecastFacts = Schema.Struct({
  kind: Schema.Literal("quota-forecast"),
  ...Base,
  metric: Schema.String,
  usage: DecimalFromString,
  included: DecimalFromString,
  projected: DecimalFromString,
  crossesOn: Calendar.CalendarDate,
  periodStart: Calendar.CalendarDate,
  periodEnd: Calendar.CalendarDate,
  /** The overage at the projected usage; absent when the contract sells none. */
  cost: Schema.optional(MoneyFromWire),
})

/** What an alert says, as kept in the outbox payload (JSON) and rendered by the channels. */
export const AlertFacts = Schema.Union(
  NoticeReminderFacts,
  RenewalFacts,
  AutoRenewedFacts,
  SeatsOverFacts,
  QuotaThresholdFacts,
  QuotaForecastFacts,
).annotations({ identifier: "AlertFacts" })
export type AlertFacts = typeof AlertFacts.Type
/** The JSON form: money as `{amount, currency}`, decimals as strings. */
export type AlertFactsWire = typeof AlertFacts.Encoded

export const decodeFacts = Schema.decodeUnknown(AlertFacts)

/** An alert decided about a subscription: its key, its kind and what it says. */
export interface DecidedAlert {
  readonly key: AlertKey
  readonly kind: AlertKind
  readonly dueOn: CalendarDate
  readonly facts: AlertFactsWire
}

/** The alerts due, and the subscription rolled to its current term when it auto-renewed. */
export interface Decision {
  readonly alerts: ReadonlyArray<DecidedAlert>
  /** The subscription after its auto-renewals, to be saved with the alerts; none when it did not roll. */
  readonly renewed: Subscription | undefined
}

export interface DecideOptions {
  /** The instant deciding happens; the subscription's time zone makes it a calendar day. */
  readonly now: Date | number
  /** Reminders due at most this many days before today are still sent (default 31). */
  readonly catchUpDays?: number
  /** The tenant's reminder offsets, used when the subscription states none of its own. */
  readonly tenantOffsets?: ReadonlyArray<number>
}

const wire = (m: { toJSON: () => { amount: string; currency: string } }) =>
  m.toJSON() as {
    readonly amount: string
    readonly currency: typeof MoneyFromWire.Encoded.currency
  }

/** A term in epoch days, its dates formatted only when an alert states them. */
interface DayTerm {
  readonly start: CalendarDate
  readonly renewalDay: number
  readonly noticeDay: number
  readonly price: Money
}

const dayTerm = (t: Renewal.Term): DayTerm => ({
  start: t.start,
  renewalDay: Zoned.dayOfDate(t.renewalDate),
  noticeDay: Zoned.dayOfDate(t.noticeDeadline),
  price: t.price,
})

const toTerm = (t: DayTerm): Renewal.Term => ({
  start: t.start,
  renewalDate: Zoned.dateOfEpochDay(t.renewalDay),
  noticeDeadline: Zoned.dateOfEpochDay(t.noticeDay),
  price: t.price,
})

/** What the alerts of one decision share. */
interface Deciding {
  readonly subscription: Renewal.Contract
  readonly today: CalendarDate
  readonly todayDay: number
  readonly windowStart: number
  readonly offsets: ReadonlyArray<number>
  readonly alerts: Array<DecidedAlert>
}

// Module-level helpers, not closures per call: a run decides a million subscriptions.
const base = (c: Deciding, termStart: CalendarDate, dueOn: CalendarDate) => ({
  subscriptionId: c.subscription.id,
  vendor: c.subscription.vendor,
  termStart,
  dueOn,
  today: c.today,
})

function push(
  c: Deciding,
  kind: AlertKind,
  termStart: CalendarDate,
  detail: string | undefined,
  dueOn: CalendarDate,
  facts: AlertFactsWire,
) {
  c.alerts.push({
    key: alertKey({
      subscriptionId: c.subscription.id,
      kind,
      termStart,
      ...(detail === undefined ? {} : { detail }),
    }),
    kind,
    dueOn,
    facts,
  })
}

/** The notice reminders of a term that are due (see `decide`). */
function reminders(c: Deciding, t: DayTerm, isCurrent: boolean) {
  const { offsets, todayDay } = c
  // Offsets run largest first, so their days run earliest first.
  let latestPassed = -1
  for (let i = 0; i < offsets.length; i++) {
    if (t.noticeDay - (offsets[i] as number) <= todayDay) latestPassed = i
  }
  let nextPrice: Money | undefined
  for (let i = 0; i <= latestPassed; i++) {
    const offset = offsets[i] as number
    const day = t.noticeDay - offset
    const current = isCurrent && i === latestPassed && todayDay <= t.noticeDay
    if (day <= c.windowStart && !current) continue
    nextPrice ??= Renewal.upliftedPrice(t.price, c.subscription.renewalUplift, 1)
    const dueOn = Zoned.dateOfEpochDay(day)
    push(c, "notice-reminder", t.start, String(offset), dueOn, {
      kind: "notice-reminder",
      ...base(c, t.start, dueOn),
      offset,
      noticeDeadline: Zoned.dateOfEpochDay(t.noticeDay),
      renewalDate: Zoned.dateOfEpochDay(t.renewalDay),
      autoRenew: c.subscription.autoRenew,
      price: wire(t.price),
      nextPrice: wire(nextPrice),
    })
  }
}

/**
 * Every alert due about `subscription` as of `now`, given its usage snapshots
 * (oldest first). Reminders: each one whose day lies in the catch-up window
 * (today − catchUpDays, today], and the latest one whose day has passed while
 * the notice deadline has not (so a contract added late is still reminded).
 * Renewal day: an auto-renewing contract rolls to the next term at the
 * uplifted price (reported once per roll); one that does not renew is
 * reported as ending. Overage, in the current term: seats over, the highest
 * quota threshold reached, and a forecast that crosses the quota.
 */
export const decide = (
  subscription: Renewal.Contract,
  snapshots: ReadonlyArray<Overage.Usage>,
  options: DecideOptions,
): Decision => {
  if (subscription.status !== "active") return noDecision
  // Days are epoch-day integers; dates become strings only in the alerts that state them.
  const tz = subscription.timeZone
  const todayDay = Zoned.epochDay(options.now, tz)
  const today = Zoned.dateOfEpochDay(todayDay)
  const storedRenewalDay = Zoned.addMonthsDay(
    subscription.termStart,
    subscription.termMonths,
    subscription.anchorDay,
  )
  // A contract rolls on its renewal date: the new term starts that day.
  const rolled =
    subscription.autoRenew && storedRenewalDay <= todayDay
      ? Renewal.rollTo(subscription, today)
      : undefined
  const rolls = rolled?.rolls ?? noRolls
  const current: Renewal.Contract = rolled?.subscription ?? subscription
  const renewed = rolls.length > 0 ? rolled?.subscription : undefined
  const c: Deciding = {
    subscription,
    today,
    todayDay,
    windowStart: todayDay - (options.catchUpDays ?? defaultCatchUpDays),
    offsets: Renewal.reminderOffsets(subscription, options.tenantOffsets),
    alerts: [],
  }

  const term: DayTerm =
    rolls.length === 0
      ? {
          start: subscription.termStart,
          renewalDay: storedRenewalDay,
          noticeDay: storedRenewalDay - subscription.noticeDays,
          price: subscription.recurringPrice,
        }
      : dayTerm(Renewal.currentTerm(current))
  for (const r of rolls) reminders(c, dayTerm(r.ended), false)
  reminders(c, term, true)

  for (const { ended, began } of rolls) {
    push(c, "auto-renewed", ended.start, undefined, ended.renewalDate, {
      kind: "auto-renewed",
      ...base(c, ended.start, ended.renewalDate),
      renewalDate: ended.renewalDate,
      nextRenewalDate: began.renewalDate,
      oldPrice: wire(ended.price),
      newPrice: wire(began.price),
      uplift: subscription.renewalUplift.toFixed(),
    })
  }

  if (!subscription.autoRenew && term.renewalDay <= todayDay) {
    const renewalDate = Zoned.dateOfEpochDay(term.renewalDay)
    push(c, "renewal", term.start, undefined, renewalDate, {
      kind: "renewal",
      ...base(c, term.start, renewalDate),
      renewalDate,
      price: wire(term.price),
    })
  }

  overage(c, current, term, snapshots)
  return c.alerts.length === 0 && renewed === undefined ? noDecision : { alerts: c.alerts, renewed }
}

/** Overage: snapshots of the current term up to today, on the local calendar. */
function overage(
  c: Deciding,
  current: Renewal.Contract,
  term: DayTerm,
  snapshots: ReadonlyArray<Overage.Usage>,
) {
  const { todayDay, today } = c
  const tz = current.timeZone
  const termStartDay = Zoned.dayOfDate(term.start)
  const inTerm: Array<Overage.Usage> = []
  const days: Array<number> = []
  for (const s of snapshots) {
    const day = Zoned.epochDay(s.takenAt.epochMillis, tz)
    if (day >= termStartDay && day <= todayDay) {
      inTerm.push(s)
      days.push(day)
    }
  }
  const latest = inTerm[inTerm.length - 1]
  const latestDay = days[days.length - 1]
  if (latest === undefined || latestDay === undefined) return
  const latestOn = Zoned.dateOfEpochDay(latestDay)

  if (latest.seatsAssigned > current.seatsBought) {
    const full = toTerm(term)
    const cost = Overage.seatsOverCost(full, current.seatsBought, latest.seatsAssigned, today)
    push(c, "seats-over", term.start, String(latest.seatsAssigned), latestOn, {
      kind: "seats-over",
      ...base(c, term.start, latestOn),
      seatsBought: current.seatsBought,
      seatsAssigned: latest.seatsAssigned,
      renewalDate: full.renewalDate,
      ...(cost === undefined ? {} : { cost: wire(cost) }),
    })
  }

  for (const quota of current.quotas) {
    const period = Overage.periodDays(quota, term.start, term.renewalDay, today, current.anchorDay)
    const inPeriod: Array<Overage.Usage> = []
    let lastUsage: Decimal | undefined
    let lastDay = 0
    for (let i = 0; i < inTerm.length; i++) {
      const s = inTerm[i] as Overage.Usage
      const day = days[i] as number
      if (day < period.start || day >= period.end) continue
      inPeriod.push(s)
      const v = s.metrics[quota.metric]
      if (v !== undefined) {
        lastUsage = v
        lastDay = day
      }
    }
    if (lastUsage === undefined) continue
    const on = Zoned.dateOfEpochDay(lastDay)
    const periodStart = Zoned.dateOfEpochDay(period.start)
    const periodFacts = { periodStart, periodEnd: Zoned.dateOfEpochDay(period.end) }
    const reached = Overage.thresholdReached(quota.included, lastUsage)
    if (reached !== undefined) {
      const cost = Overage.overageCost(quota, lastUsage)
      push(c, "quota-threshold", term.start, `${quota.metric}@${periodStart}@${reached}`, on, {
        kind: "quota-threshold",
        ...base(c, term.start, on),
        metric: quota.metric,
        threshold: reached,
        usage: lastUsage.toFixed(),
        included: quota.included.toFixed(),
        ...periodFacts,
        ...(cost === undefined ? {} : { cost: wire(cost) }),
      })
    }
    const f = Overage.forecastUntil(quota.metric, quota.included, period.end, inPeriod, tz)
    if (f !== undefined) {
      const cost = Overage.overageCost(quota, f.projected)
      push(c, "quota-forecast", term.start, `${quota.metric}@${periodStart}`, on, {
        kind: "quota-forecast",
        ...base(c, term.start, on),
        metric: quota.metric,
        usage: lastUsage.toFixed(),
        included: quota.included.toFixed(),
        projected: f.projected.toFixed(),
        crossesOn: f.crossesOn,
        ...periodFacts,
        ...(cost === undefined ? {} : { cost: wire(cost) }),
      })
    }
  }
}

const noRolls: ReadonlyArray<Renewal.Roll> = []
const noDecision: Decision = { alerts: [], renewed: undefined }

/** The subject and body of an alert, as messages to render in the reader's language. */
export const messages = (
  facts: AlertFacts,
): { readonly subject: Messages.Message; readonly body: Messages.Message } => {
  const who = { vendor: facts.vendor, subscriptionId: facts.subscriptionId }
  const when = { dueOn: facts.dueOn, today: facts.today }
  switch (facts.kind) {
    case "notice-reminder":
      return {
        subject: Messages.make("alert.noticeReminder.subject", {
          ...who,
          deadline: facts.noticeDeadline,
          offset: facts.offset,
        }),
        body: Messages.make("alert.noticeReminder.body", {
          ...who,
          ...when,
          deadline: facts.noticeDeadline,
          renewalDate: facts.renewalDate,
          autoRenew: facts.autoRenew,
          price: facts.price,
          nextPrice: facts.nextPrice,
        }),
      }
    case "renewal":
      return {
        subject: Messages.make("alert.renewal.subject", { ...who, renewalDate: facts.renewalDate }),
        body: Messages.make("alert.renewal.body", {
          ...who,
          ...when,
          renewalDate: facts.renewalDate,
          price: facts.price,
        }),
      }
    case "auto-renewed":
      return {
        subject: Messages.make("alert.autoRenewed.subject", { ...who, newPrice: facts.newPrice }),
        body: Messages.make("alert.autoRenewed.body", {
          ...who,
          ...when,
          renewalDate: facts.renewalDate,
          nextRenewalDate: facts.nextRenewalDate,
          oldPrice: facts.oldPrice,
          newPrice: facts.newPrice,
          uplift: facts.uplift,
        }),
      }
    case "seats-over":
      return {
        subject: Messages.make("alert.seatsOver.subject", {
          ...who,
          seatsAssigned: facts.seatsAssigned,
          seatsBought: facts.seatsBought,
        }),
        body: Messages.make("alert.seatsOver.body", {
          ...who,
          seatsAssigned: facts.seatsAssigned,
          seatsBought: facts.seatsBought,
          cost: facts.cost,
          renewalDate: facts.renewalDate,
        }),
      }
    case "quota-threshold":
      return {
        subject: Messages.make("alert.quotaThreshold.subject", {
          ...who,
          metric: facts.metric,
          threshold: facts.threshold,
        }),
        body: Messages.make("alert.quotaThreshold.body", {
          ...who,
          metric: facts.metric,
          usage: facts.usage,
          included: facts.included,
          periodEnd: facts.periodEnd,
          cost: facts.cost,
        }),
      }
    case "quota-forecast":
      return {
        subject: Messages.make("alert.quotaForecast.subject", {
          ...who,
          metric: facts.metric,
          crossesOn: facts.crossesOn,
        }),
        body: Messages.make("alert.quotaForecast.body", {
          ...who,
          metric: facts.metric,
          usage: facts.usage,
          included: facts.included,
          projected: facts.projected,
          periodEnd: facts.periodEnd,
          cost: facts.cost,
        }),
      }
  }
}
