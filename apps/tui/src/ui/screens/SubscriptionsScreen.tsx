/**
 * Subscriptions from the store: notice deadlines and renewals nearest
 * first, then the selected contract's usage against what was bought and the
 * alerts the worker decided about it.
 */
import type { CalendarDate } from "@crm-cost/domain/Calendar"
import { Decimal } from "@crm-cost/domain/Money"
import { DateTime, Effect, Exit } from "effect"
import { Box } from "ink"
import { useEffect, useState } from "react"
import { type Overview, Subscriptions } from "../../Subscriptions.js"
import { type KeysRef, useEnv } from "../AppContext.js"
import { table, window } from "../Layout.js"
import { useLive } from "../Live.js"
import { Toned } from "../Theme.js"

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
        format.money(s.recurringPrice),
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
  const detailLines = 7
  const shown = window(laid.lines, at, Math.max(3, props.height - detailLines - 4))
  const row = rows[at]

  const detail: Array<{ text: string; tone?: "bad" | "warn" | "muted" }> = []
  if (row !== undefined) {
    const s = row.subscription
    const latest = row.latest
    if (latest === undefined) detail.push({ text: t.subscriptions.noSnapshot, tone: "muted" })
    else {
      const taken = date(DateTime.formatIsoDate(latest.takenAt) as CalendarDate)
      detail.push({ text: t.subscriptions.snapshotOf(taken), tone: "muted" })
      detail.push({
        text: t.subscriptions.seatsOver(latest.seatsAssigned, s.seatsBought),
        ...(latest.seatsAssigned > s.seatsBought ? { tone: "bad" as const } : {}),
      })
      for (const q of s.quotas) {
        const used = latest.metrics[q.metric]
        if (used === undefined) continue
        const share = q.included.isZero() ? undefined : used.dividedBy(q.included)
        detail.push({
          text: t.subscriptions.quotaUse(
            q.metric,
            format.number(used),
            format.number(q.included),
            share === undefined ? "—" : format.percent(share.toDecimalPlaces(4)),
          ),
          ...(share?.gte(new Decimal(1))
            ? { tone: "bad" as const }
            : share?.gte(new Decimal("0.8"))
              ? { tone: "warn" as const }
              : {}),
        })
      }
    }
    for (const a of row.alerts.slice(0, 3)) {
      detail.push({
        text: `${t.subscriptions.alertKinds[a.kind]} · ${date(DateTime.formatIsoDate(a.decidedAt) as CalendarDate)} · ${a.key}`,
        tone: "warn",
      })
    }
  }

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
          {detail.map((d, i) => (
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
