/**
 * Where a contract stands today against what was bought: seats assigned
 * over seats bought and what the extra seats cost, each quota's use in its
 * period with the threshold reached and the overage at the contract's
 * rates, and the trend's forecast. Every rule is the domain's (Renewal,
 * Overage); this module picks the snapshots each rule reads the way
 * Alerts.decide does, so the screen agrees with the alerts the worker sends.
 */
import * as Calendar from "./Calendar.js"
import type { Decimal, Money } from "./Money.js"
import * as Overage from "./Overage.js"
import * as Renewal from "./Renewal.js"
import type * as Subscription from "./Subscription.js"

export interface SeatsStanding {
  readonly assigned: number
  readonly bought: number
  /** The extra seats bought to the term's end; undefined when none are over. */
  readonly cost: Money | undefined
}

export interface QuotaStanding {
  readonly quota: Subscription.SubscriptionQuota
  readonly period: Overage.Period
  /** The latest usage of the period; undefined when no snapshot of the period states it. */
  readonly usage: Decimal | undefined
  /** The highest threshold reached, in percent (80, 100). */
  readonly threshold: number | undefined
  /** The overage at the current usage; undefined when the contract sells none. */
  readonly cost: Money | undefined
  readonly forecast:
    | {
        readonly crossesOn: Calendar.CalendarDate
        readonly projected: Decimal
        /** The overage at the projected usage; undefined when the contract sells none. */
        readonly cost: Money | undefined
      }
    | undefined
}

export interface Standing {
  /** The term in force today (an auto-renewing contract rolled past its renewal dates). */
  readonly term: Renewal.Term
  /** The day of the latest snapshot of the term. */
  readonly takenOn: Calendar.CalendarDate
  readonly seats: SeatsStanding
  readonly quotas: ReadonlyArray<QuotaStanding>
}

/**
 * The standing of an active contract at `now`, from its snapshots (oldest
 * first); undefined when it is not active or no snapshot falls in its term.
 */
export const make = (
  subscription: Subscription.Subscription,
  snapshots: ReadonlyArray<Subscription.UsageSnapshot>,
  now: Date,
): Standing | undefined => {
  if (subscription.status !== "active") return undefined
  const tz = subscription.timeZone
  const today = Calendar.fromInstant(now, tz)
  const current = Renewal.rollTo(subscription, today).subscription
  const term = Renewal.currentTerm(current)
  const dated = snapshots
    .map((s) => ({ s, day: Calendar.fromInstant(new Date(s.takenAt.epochMillis), tz) }))
    .filter(
      ({ day }) => Calendar.compare(day, term.start) >= 0 && Calendar.compare(day, today) <= 0,
    )
  const latest = dated[dated.length - 1]
  if (latest === undefined) return undefined
  const assigned = latest.s.seatsAssigned
  const quotas = current.quotas.map((quota): QuotaStanding => {
    const period = Overage.periodOf(quota, term, today, current.anchorDay)
    const inPeriod = dated
      .filter(
        ({ day }) =>
          Calendar.compare(day, period.start) >= 0 && Calendar.compare(day, period.end) < 0,
      )
      .map(({ s }) => s)
    const usage = inPeriod.findLast((s) => s.metrics[quota.metric] !== undefined)?.metrics[
      quota.metric
    ]
    const f = Overage.forecast(quota.metric, quota.included, period, inPeriod, tz)
    return {
      quota,
      period,
      usage,
      threshold: usage === undefined ? undefined : Overage.thresholdReached(quota.included, usage),
      cost: usage === undefined ? undefined : Overage.overageCost(quota, usage),
      forecast:
        f === undefined
          ? undefined
          : {
              crossesOn: f.crossesOn,
              projected: f.projected,
              cost: Overage.overageCost(quota, f.projected),
            },
    }
  })
  return {
    term,
    takenOn: latest.day,
    seats: {
      assigned,
      bought: current.seatsBought,
      cost: Overage.seatsOverCost(term, current.seatsBought, assigned, today),
    },
    quotas,
  }
}
