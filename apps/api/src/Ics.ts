/**
 * The renewals calendar (RFC 5545): for each active subscription, an
 * all-day event on its notice deadline with an alarm at each reminder
 * offset, and one on its renewal date. UIDs are stable, so a calendar app
 * updates the events it has instead of adding copies.
 */
import type { CalendarDate } from "@crm-cost/domain/Calendar"
import * as Calendar from "@crm-cost/domain/Calendar"
import { forLocale, type Locale } from "@crm-cost/domain/Messages"
import * as Renewal from "@crm-cost/domain/Renewal"
import type { Subscription } from "@crm-cost/domain/Subscription"
import { texts } from "./i18n/Texts.js"

/** Text values escape backslash, semicolon, comma and newlines. */
const escapeText = (s: string) =>
  s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n")

/** Lines are folded at 75 octets, never inside a UTF-8 sequence. */
const fold = (line: string): string => {
  const out: Array<string> = []
  let current = ""
  let bytes = 0
  for (const ch of line) {
    const size = Buffer.byteLength(ch)
    const limit = out.length === 0 ? 75 : 74
    if (bytes + size > limit) {
      out.push(current)
      current = ""
      bytes = 0
    }
    current += ch
    bytes += size
  }
  out.push(current)
  return out.join("\r\n ")
}

const basicDate = (d: CalendarDate) => d.replaceAll("-", "")

const stamp = (now: Date) =>
  `${now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "")}`

const allDay = (
  uid: string,
  date: CalendarDate,
  summary: string,
  description: string,
  now: Date,
  alarms: ReadonlyArray<{ readonly days: number; readonly text: string }>,
): Array<string> => [
  "BEGIN:VEVENT",
  `UID:${uid}`,
  `DTSTAMP:${stamp(now)}`,
  `DTSTART;VALUE=DATE:${basicDate(date)}`,
  `DTEND;VALUE=DATE:${basicDate(Calendar.addDays(date, 1))}`,
  `SUMMARY:${escapeText(summary)}`,
  `DESCRIPTION:${escapeText(description)}`,
  "TRANSP:TRANSPARENT",
  ...alarms.flatMap((a) => [
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    `DESCRIPTION:${escapeText(a.text)}`,
    `TRIGGER;RELATED=START:${a.days === 0 ? "PT0S" : `-P${a.days}D`}`,
    "END:VALARM",
  ]),
  "END:VEVENT",
]

/**
 * The calendar of a tenant's active subscriptions; alarms at each reminder
 * offset in force (the subscription's own, else the tenant's, else the default).
 */
export const render = (
  subscriptions: ReadonlyArray<Subscription>,
  locale: Locale,
  now: Date,
  tenantOffsets?: ReadonlyArray<number>,
): string => {
  const t = texts[locale].calendar
  const f = forLocale(locale)
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//crm-cost//renewals//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(t.name)}`,
  ]
  for (const s of subscriptions) {
    if (s.status !== "active") continue
    // The term in force today, and what the next one costs (the renewal uplift applied).
    const term = Renewal.termInForce(s, now)
    const renewal = term.renewalDate
    const deadline = term.noticeDeadline
    const price = f.money(Renewal.upliftedPrice(term.price, s.renewalUplift, 1))
    const offsets = Renewal.reminderOffsets(s, tenantOffsets)
    lines.push(
      ...allDay(
        `${s.id}/notice/${term.start}@crm-cost`,
        deadline,
        t.noticeSummary(s.vendor),
        t.noticeDescription(s.vendor, f.date(renewal), price, s.autoRenew),
        now,
        offsets.map((days) => ({ days, text: t.alarm(days) })),
      ),
      ...allDay(
        `${s.id}/renewal/${term.start}@crm-cost`,
        renewal,
        t.renewalSummary(s.vendor),
        t.renewalDescription(s.vendor, price, s.autoRenew),
        now,
        [{ days: 0, text: t.renewalSummary(s.vendor) }],
      ),
    )
  }
  lines.push("END:VCALENDAR")
  return `${lines.map(fold).join("\r\n")}\r\n`
}
