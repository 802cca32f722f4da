/**
 * Subscriptions from the store: notice deadlines and renewals nearest
 * first, then the selected contract's overages and forecasts (seats over,
 * each quota against its 80 % and 100 % thresholds, the trend's crossing,
 * each with its money, all as the domain's Standing computes them) and the
 * alerts the worker decided about it.
 */
import * as Alerts from "@crm-cost/domain/Alerts"
import type { CalendarDate } from "@crm-cost/domain/Calendar"
import * as Messages from "@crm-cost/domain/Messages"
import * as Overage from "@crm-cost/domain/Overage"
import type { Standing } from "@crm-cost/domain/Standing"
import type { Alert } from "@crm-cost/domain/Subscription"
import { DateTime, Effect, Either, Exit, Schema } from "effect"
import { Box } from "ink"
import { useEffect, useState } from "react"
import type { Texts } from "../../i18n/Texts.js"
import { type Overview, Subscriptions } from "../../Subscriptions.js"
import { type KeysRef, useEnv } from "../AppContext.js"
import { gauge } from "../Charts.js"
import { table, window, wrapCells } from "../Layout.js"
import { useLive } from "../Live.js"
import { type Tone, Toned } from "../Theme.js"

type Line = { readonly text: string; readonly tone?: Tone }

const decodeFacts = Schema.decodeUnknownEither(Alerts.AlertFacts)

/** The lines of a contract's standing: seats, then each quota and its forecast. */
export const standingLines = (
  t: Texts,
  format: Messages.Format,
  standing: Standing,
): Array<Line> => {
  const lines: Array<Line> = []
  const s = t.subscriptions
  const { seats } = standing
  lines.push({
    text: `${s.snapshotOf(format.date(standing.takenOn))} · ${s.term(format.date(standing.term.start), format.date(standing.term.renewalDate))}`,
    tone: "muted",
  })
  lines.push(
    seats.cost === undefined
      ? { text: s.seatsOver(seats.assigned, seats.bought) }
      : {
          text: `${s.seatsOver(seats.assigned, seats.bought)} · ${s.seatsCost(seats.assigned - seats.bought, format.money(seats.cost))}`,
          tone: "bad",
        },
  )
  for (const q of standing.quotas) {
    const { metric, included } = q.quota
    if (q.usage === undefined) {
      lines.push({ text: s.noUsage(metric), tone: "muted" })
      continue
    }
    const share = included.isZero() ? undefined : q.usage.dividedBy(included)
    const parts = [
      s.quotaUse(
        metric,
        format.number(q.usage),
        format.number(included),
        share === undefined ? "—" : format.percent(share.toDecimalPlaces(4)),
      ),
      ...(q.threshold === undefined ? [] : [s.reached(q.threshold)]),
      s.until(format.date(q.period.end)),
      q.cost === undefined ? s.noOverageSold : s.overage(format.money(q.cost)),
    ]
    lines.push({
      text: `${share === undefined ? "" : `${gauge(share, Overage.thresholds, 10)} `}${parts.join(" · ")}`,
      ...(q.threshold === undefined ? {} : { tone: q.threshold >= 100 ? "bad" : "warn" }),
    })
    if (q.forecast !== undefined)
      lines.push({
        text: `  ↗ ${s.forecast(metric, format.date(q.forecast.crossesOn), q.forecast.cost === undefined ? undefined : format.money(q.forecast.cost))}`,
        tone: "warn",
      })
  }
  return lines
}

/** An alert as the worker's channels tell it (its subject), or its kind when its facts do not decode. */
const alertLine = (t: Texts, format: Messages.Format, a: Alert): Line => {
  const facts = decodeFacts(a.payload)
  const said = Either.isRight(facts)
    ? Messages.render(Alerts.messages(facts.right).subject, format.locale)
    : `${t.subscriptions.alertKinds[a.kind]} · ${a.key}`
  return {
    text: `${format.date(DateTime.formatIsoDate(a.decidedAt) as CalendarDate)} · ${said}`,
    tone: "muted",
  }
}

type Load =
  | { readonly _tag: "Loading" }
  | { readonly _tag: "Failed"; readonly reason: string }
  | { readonly _tag: "Loaded"; readonly overview: Overview }

export const SubscriptionsScreen = (props: {
  readonly active: boolean
  readonly keys: KeysRef
  readonly columns: number
  readonly height: number
}) => {
  const { t, runner, format } = useEnv()
  const [load, setLoad] = useState<Load>({ _tag: "Loading" })
  const [generation, setGeneration] = useState(0)
  const cursor = useLive(() => 0)

  useEffect(() => {
    let live = true
    void generation
    void runner.promise(Effect.flatMap(Subscriptions, (s) => s.overview)).then((exit) => {
      if (!live) return
      setLoad(
        Exit.isSuccess(exit)
          ? { _tag: "Loaded", overview: exit.value }
          : {
              _tag: "Failed",
              reason: exit.cause._tag === "Fail" ? exit.cause.error.reason : String(exit.cause),
            },
      )
    })
    return () => {
      live = false
    }
  }, [runner, generation])

  const rows = load._tag === "Loaded" && load.overview._tag === "Ready" ? load.overview.rows : []
  const at = Math.min(cursor.get(), Math.max(0, rows.length - 1))
  // Registered while drawing, so no key is lost while the screen mounts.
  props.keys.current = props.active
    ? (ch, key) => {
        if (key.upArrow || ch === "k")
          cursor.set((c) => Math.max(0, Math.min(c, rows.length - 1) - 1))
        else if (key.downArrow || ch === "j")
          cursor.set((c) => Math.max(0, Math.min(rows.length - 1, c + 1)))
        else if (ch === "r") {
          setLoad({ _tag: "Loading" })
          setGeneration((g) => g + 1)
        }
      }
    : undefined

  if (load._tag === "Loading") return <Toned tone="muted">{t.subscriptions.loading}</Toned>
  if (load._tag === "Failed")
    return (
      <Toned tone="bad" wrap="wrap">
        {`${t.subscriptions.error}: ${load.reason}`}
      </Toned>
    )
  const overview = load.overview
  if (overview._tag === "NoTenant") return <Toned tone="muted">{t.subscriptions.noTenant}</Toned>
  if (overview._tag === "ChooseTenant")
    return (
      <Toned tone="warn" wrap="wrap">
        {t.subscriptions.chooseTenant(overview.tenants.join(", "))}
      </Toned>
    )

  const date = (d: CalendarDate) => format.date(d)
  const laid = table(
    [
      { header: t.subscriptions.vendor, min: 8, grow: 1 },
      { header: t.subscriptions.seats, align: "right" },
      { header: t.subscriptions.price, align: "right" },
      { header: t.subscriptions.notice, min: 10 },
      { header: t.subscriptions.renewal, min: 10 },
      { header: "", min: 4 },
    ],
    rows.map((r) => {
      const s = r.subscription
      const cancelled = s.status === "cancelled"
      return [
        s.vendor,
        String(s.seatsBought),
        format.money(r.term.price),
        cancelled ? "—" : `${date(r.notice)} (${t.subscriptions.days(r.daysToNotice)})`,
        cancelled ? "—" : `${date(r.renewal)} (${t.subscriptions.days(r.daysToRenewal)})`,
        cancelled
          ? t.subscriptions.cancelled
          : s.autoRenew
            ? t.subscriptions.autoRenew
            : t.subscriptions.manual,
      ]
    }),
    props.columns - 2,
  )
  const row = rows[at]
  const detail: Array<Line> = []
  if (row !== undefined) {
    if (row.standing !== undefined) detail.push(...standingLines(t, format, row.standing))
    else if (row.subscription.status === "active")
      detail.push({ text: t.subscriptions.noSnapshot, tone: "muted" })
    for (const a of row.alerts.slice(0, 3)) detail.push(alertLine(t, format, a))
  }
  // Long lines wrap (the money is at their end); the list keeps at least three rows,
  // and the detail below it is cut to what is left.
  const wrapped = detail.flatMap((d) =>
    wrapCells(d.text, Math.max(20, props.columns)).map((text, i) => ({
      ...d,
      text: i === 0 ? text : `    ${text}`,
    })),
  )
  const listHeight = Math.max(3, Math.min(rows.length, props.height - wrapped.length - 3))
  const shown = window(laid.lines, at, listHeight)
  const detailShown = wrapped.slice(0, Math.max(0, props.height - listHeight - 3))

  return (
    <Box flexDirection="column">
      <Toned tone="muted">{`${t.subscriptions.tenant}: ${overview.tenant.name} [${overview.tenant.id}] · ${t.subscriptions.upcoming}`}</Toned>
      {rows.length === 0 ? (
        <Toned tone="muted">{t.subscriptions.none}</Toned>
      ) : (
        <>
          <Toned bold>{`  ${laid.header}`}</Toned>
          {shown.items.map((line, i) => {
            const index = shown.start + i
            const r = rows[index]
            const soon = r !== undefined && r.daysToNotice >= 0 && r.daysToNotice <= 30
            return index === at ? (
              <Toned key={r?.subscription.id ?? index} inverse tone="accent">{`› ${line}`}</Toned>
            ) : (
              <Toned key={r?.subscription.id ?? index} tone={soon ? "warn" : undefined}>
                {`${soon ? "!" : " "} ${line}`}
              </Toned>
            )
          })}
          <Toned
            tone="accent"
            bold
          >{`${t.subscriptions.overages}: ${row?.subscription.vendor ?? ""}`}</Toned>
          {detailShown.map((d, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of one detail, in order
            <Toned key={i} tone={d.tone}>
              {d.text}
            </Toned>
          ))}
        </>
      )}
    </Box>
  )
}
