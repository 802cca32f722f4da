/**
 * Renewal math (DESIGN.md, "Subscriptions, renewals, overage"): terms,
 * renewal dates, notice deadlines, reminder dates and the roll of an
 * auto-renewing contract to its next term at the uplifted price. Dates are
 * calendar dates in the subscription's time zone; nothing here reads a clock.
 */

import type { CalendarDate } from "./Calendar.js"
import * as Calendar from "./Calendar.js"
import * as Money from "./Money.js"
import { defaultReminderOffsets, Subscription } from "./Subscription.js"
import * as Zoned from "./Zoned.js"

/**
 * A subscription's fields: a `Subscription` is one, and so is the plain
 * object the worker's scan builds without the schema class (a run reads a
 * million of them).
 */
export type Contract = { readonly [K in keyof Subscription]: Subscription[K] }

/** One term of a contract: [start, renewalDate), its notice deadline and its price. */
export interface Term {
  readonly start: CalendarDate
  /** The day the term ends and the next one would begin. */
  readonly renewalDate: CalendarDate
  /** The last day to give notice: renewal date − notice days. */
  readonly noticeDeadline: CalendarDate
  /** What the term costs. */
  readonly price: Money.Money
}

/** A reminder: `offset` days before the notice deadline, due on `dueOn`. */
export interface Reminder {
  readonly offset: number
  readonly dueOn: CalendarDate
}

/** An auto-renewal that happened: the term that ended and the one that began. */
export interface Roll {
  readonly ended: Term
  readonly began: Term
}

type TermFields = Pick<
  Subscription,
  "termStart" | "termMonths" | "noticeDays" | "recurringPrice" | "renewalUplift" | "anchorDay"
>

/** The day of the month a contract's terms fall on: its anchor, else its start's day. */
export const anchorDayOf = (s: Pick<Subscription, "termStart" | "anchorDay">): number =>
  s.anchorDay ?? Number(s.termStart.slice(8, 10))

/**
 * The price after `renewals` renewals: each multiplies the recurring price
 * by (1 + uplift) and is rounded once, as the charge line of its term.
 * @example upliftedPrice(make("1000", "USD"), new Decimal("0.07"), 2) // 1144.90 USD
 */
export const upliftedPrice = (
  price: Money.Money,
  uplift: Money.Decimal,
  renewals: number,
): Money.Money => {
  let p = price
  const factor = Money.ONE.plus(uplift)
  for (let i = 0; i < renewals; i++) p = Money.round(Money.multiply(p, factor))
  return p
}

/**
 * The term `k` renewals after the stored one. Dates are taken from the stored
 * term start (addMonths clamps at month ends), so 31 Jan with monthly terms
 * gives 29 Feb (leap year), 31 Mar, 30 Apr: a month end never drifts.
 */
export const termAfter = (s: TermFields, k: number): Term => {
  const start =
    k === 0 ? s.termStart : Calendar.addMonths(s.termStart, k * s.termMonths, s.anchorDay)
  const renewalDate = Calendar.addMonths(s.termStart, (k + 1) * s.termMonths, s.anchorDay)
  return {
    start,
    renewalDate,
    noticeDeadline: Calendar.addDays(renewalDate, -s.noticeDays),
    price: k === 0 ? s.recurringPrice : upliftedPrice(s.recurringPrice, s.renewalUplift, k),
  }
}

/**
 * The term in force at `now` in the subscription's time zone: an active,
 * auto-renewing contract whose stored term has ended has rolled to a later
 * one (as the worker will save it); any other contract keeps its stored term
 * (one that does not auto-renew ends at its renewal date, and the worker
 * rolls no cancelled contract).
 */
export const termInForce = (s: Contract, now: Date | number): Term => {
  if (s.status !== "active") return termAfter(s, 0)
  const today = Zoned.dateOfEpochDay(Zoned.epochDay(now, s.timeZone))
  const k = renewalsDue(s, today)
  return termAfter(s, k)
}

/** The stored (current) term of a subscription. */
export const currentTerm = (s: TermFields): Term => termAfter(s, 0)

/**
 * The offsets in force: the subscription's own when it states any other than
 * the product default (the schema fills the default in), else the tenant's,
 * else the default. Duplicates go; largest (earliest) first.
 */
export const reminderOffsets = (
  s: Pick<Subscription, "reminderOffsets">,
  tenantOffsets?: ReadonlyArray<number>,
): ReadonlyArray<number> => {
  const own = s.reminderOffsets
  const isDefault =
    own.length === defaultReminderOffsets.length &&
    own.every((o, i) => o === defaultReminderOffsets[i])
  const chosen = !isDefault ? own : (tenantOffsets ?? defaultReminderOffsets)
  // Offset lists are shared (one per distinct stored document, one per tenant): clean each once.
  let clean = cleaned.get(chosen)
  if (clean === undefined) {
    clean = [...new Set(chosen)].filter((o) => Number.isInteger(o) && o >= 0).sort((a, b) => b - a)
    cleaned.set(chosen, clean)
  }
  return clean
}

const cleaned = new WeakMap<ReadonlyArray<number>, ReadonlyArray<number>>()

/** The reminders of a term, earliest first: each offset before its notice deadline. */
export const reminders = (term: Term, offsets: ReadonlyArray<number>): ReadonlyArray<Reminder> =>
  offsets
    .map((offset) => ({ offset, dueOn: Calendar.addDays(term.noticeDeadline, -offset) }))
    .sort((a, b) => Calendar.compare(a.dueOn, b.dueOn) || b.offset - a.offset)

/**
 * How many renewal dates of an auto-renewing contract fall on or before
 * `today`: the number of terms it has rolled through. 0 when it does not
 * auto-renew or its term has not ended.
 */
export const renewalsDue = (
  s: TermFields & Pick<Subscription, "autoRenew">,
  today: CalendarDate,
) => {
  if (!s.autoRenew) return 0
  let k = 0
  // A contract rolls on its renewal date: the new term starts that day.
  while (
    Calendar.compare(Calendar.addMonths(s.termStart, (k + 1) * s.termMonths, s.anchorDay), today) <=
    0
  ) {
    k++
  }
  return k
}

/**
 * Rolls an auto-renewing subscription through every renewal date on or
 * before `today`: the next term starts on the renewal date at the uplifted
 * price. Returns the rolled subscription and each roll, to be reported.
 */
export const rollTo = (
  s: Contract,
  today: CalendarDate,
): { readonly subscription: Subscription; readonly rolls: ReadonlyArray<Roll> } => {
  const k = renewalsDue(s, today)
  if (k === 0) return { subscription: s, rolls: [] }
  const rolls: Array<Roll> = []
  for (let i = 0; i < k; i++) rolls.push({ ended: termAfter(s, i), began: termAfter(s, i + 1) })
  const last = termAfter(s, k)
  // A start that fell short of the anchor day (28 Feb for 31) keeps the anchor, so the
  // saved contract renews on the days it would have renewed on unsaved.
  const anchor = anchorDayOf(s)
  const { anchorDay: _anchorDay, ...rest } = s
  const subscription = new Subscription({
    ...rest,
    termStart: last.start,
    recurringPrice: last.price,
    ...(anchor === Number(last.start.slice(8, 10)) ? {} : { anchorDay: anchor }),
  })
  return { subscription, rolls }
}
