/**
 * Comparison: the marked offers ranked for the need, with the gap to the
 * cheapest, a bar chart of totals, cumulative cost by month, break-even
 * seats, crossover months, the cheapest term of each offer and how the
 * ranking moves when seats grow less or more (sensitivity). Every figure
 * comes from the domain's Compare; this screen only lays it out.
 */
import * as Compare from "@crm-cost/domain/Compare"
import { offerLabel } from "@crm-cost/domain/Errors"
import * as Messages from "@crm-cost/domain/Messages"
import { Decimal, Money } from "@crm-cost/domain/Money"
import type { Offer } from "@crm-cost/domain/Offer"
import type { Profile } from "@crm-cost/domain/Profile"
import { Effect, Either, Exit } from "effect"
import { Box, Text } from "ink"
import { type ReactNode, useMemo, useState } from "react"
import type { FieldError } from "../../ProfileInput.js"
import { type KeysRef, useEnv } from "../AppContext.js"
import { bar, sparkline } from "../Charts.js"
import { describe } from "../Errors.js"
import { cell, table, truncate, width, wrapCells } from "../Layout.js"
import { Toned } from "../Theme.js"

export const CompareScreen = (props: {
  readonly offers: ReadonlyArray<Offer>
  readonly profile: Either.Either<Profile, ReadonlyArray<FieldError>>
  readonly active: boolean
  readonly keys: KeysRef
  readonly columns: number
  readonly height: number
}) => {
  const { t, runner, locale, format } = useEnv()
  const [scroll, setScroll] = useState(0)
  const { offers, profile } = props
  const exit = useMemo(
    () =>
      offers.length < 2 || Either.isLeft(profile)
        ? undefined
        : runner.sync(
            Effect.gen(function* () {
              const comparison = yield* Compare.make(offers, profile.right)
              // Every ranked offer has a rate to the comparison currency (one without is not
              // ranked), so this fails only as the comparison itself would.
              const cumulative = yield* Effect.forEach(comparison.ranking, (r) =>
                Compare.cumulativeCost(r, comparison.currency),
              )
              return { comparison, cumulative }
            }),
          ),
    [offers, profile, runner],
  )

  const lines: Array<ReactNode> = []
  const push = (node: ReactNode) => lines.push(node)
  /** Long sentences wrap onto as many lines as they need; the screen scrolls. */
  const say = (text: string) => {
    for (const l of wrapCells(text, props.columns)) lines.push(<Text>{l}</Text>)
  }
  const cols = props.columns

  if (offers.length < 2) push(<Toned tone="muted">{t.compare.needTwo}</Toned>)
  else if (Either.isLeft(profile))
    push(
      <Toned tone="bad">{`${t.quote.invalid}: ${profile.left.map((p) => p.message).join("; ")}`}</Toned>,
    )
  else if (exit !== undefined && Exit.isFailure(exit))
    push(
      <Toned tone="bad">
        {exit.cause._tag === "Fail" ? describe(t, exit.cause.error) : String(exit.cause)}
      </Toned>,
    )
  else if (exit !== undefined && Exit.isSuccess(exit)) {
    const c = exit.value.comparison
    const byId = new Map<string, Offer>(offers.map((o) => [o.id, o]))
    const name = (id: string) => {
      const o = byId.get(id)
      return o === undefined ? id : offerLabel(o)
    }
    const money = format.money
    const p = profile.right

    // Ranked table with gaps.
    const ranked = table(
      [
        { header: t.compare.rank, width: 2, align: "right" },
        { header: t.compare.offer, min: 12, grow: 2 },
        { header: t.compare.term, min: 6 },
        { header: t.compare.total, align: "right" },
        { header: t.compare.gap, align: "right" },
        { header: t.compare.perSeat, align: "right" },
      ],
      c.ranking.map((r) => [
        String(r.rank),
        `${name(r.offerId)}${r.complete ? "" : " *"}`,
        t.quote.term(r.term.termMonths),
        money(r.total),
        r.rank === 1 && r.gap.amount.isZero()
          ? t.compare.cheapest
          : `+${money(r.gap)}${r.gapPercent === undefined ? "" : ` (${format.percent(r.gapPercent)})`}`,
        r.quote.costPerSeatMonth === undefined ? "—" : money(r.quote.costPerSeatMonth),
      ]),
      cols,
    )
    push(<Toned bold>{ranked.header}</Toned>)
    for (const l of ranked.lines) push(<Text>{truncate(l, cols)}</Text>)
    for (const f of c.failed) {
      push(
        <Toned tone="bad">{`✗ ${name(f.offerId)}: ${Messages.render(f.message, locale)}`}</Toned>,
      )
    }
    if (c.ranking.some((r) => !r.complete))
      push(<Toned tone="warn">{`* ${t.quote.incomplete}`}</Toned>)

    // Bar chart of totals.
    const labelWidth = Math.min(24, Math.max(...c.ranking.map((r) => width(name(r.offerId)))))
    const values = c.ranking.map((r) => money(r.total))
    const valueWidth = Math.max(0, ...values.map(width))
    const barCells = Math.max(4, cols - labelWidth - valueWidth - 3)
    const max = c.ranking.reduce((m, r) => Decimal.max(m, r.total.amount), new Decimal(0))
    push(
      <Toned tone="accent" bold>
        {t.compare.totals}
      </Toned>,
    )
    for (const [i, r] of c.ranking.entries())
      push(
        <Text>
          {truncate(
            `${cell(name(r.offerId), labelWidth)} ${cell(bar(r.total.amount, max, barCells), barCells)} ${cell(values[i] ?? "", valueWidth, "right")}`,
            cols,
          )}
        </Text>,
      )

    // Cumulative cost by month, on one scale, in the comparison currency.
    const series = exit.value.cumulative
    const top = series.reduce(
      (m, s) => Decimal.max(m, s[s.length - 1]?.amount ?? m),
      new Decimal(0),
    )
    const sparkCells = Math.max(4, Math.min(p.horizonMonths, cols - labelWidth - valueWidth - 3))
    push(
      <Toned
        tone="accent"
        bold
      >{`${t.compare.cumulative} (${t.compare.month(1)} → ${t.compare.month(p.horizonMonths)})`}</Toned>,
    )
    c.ranking.forEach((r, i) => {
      const s = series[i]
      if (s === undefined) return
      const spark = sparkline(
        s.map((m) => m.amount),
        top,
        sparkCells,
      )
      const last = s[s.length - 1]
      push(
        <Text>
          {truncate(
            `${cell(name(r.offerId), labelWidth)} ${cell(spark, sparkCells)} ${last === undefined ? "" : money(last)}`,
            cols,
          )}
        </Text>,
      )
    })

    // Sensitivity: the ranking under lower and higher growth, beside the planned one.
    push(
      <Toned tone="accent" bold>
        {t.compare.sensitivity}
      </Toned>,
    )
    const growth = (g: Profile["growth"]) =>
      g === undefined
        ? t.compare.noGrowth
        : g._tag === "Rate"
          ? t.compare.growthRate(
              `${g.rate.isNegative() ? "−" : "+"}${format.percent(g.rate.abs())}`,
              g.every,
            )
          : t.compare.growthSchedule
    const scenarioIds = [
      ...new Set(c.sensitivity.flatMap((row) => row.ranking.map((e) => e.offerId))),
    ].filter((id) => !c.ranking.some((r) => r.offerId === id))
    const rowIds = [...c.ranking.map((r) => r.offerId), ...scenarioIds]
    const sensitivity = table(
      [
        { header: t.compare.offer, min: 12, grow: 2 },
        { header: `${t.compare.asPlanned} (${growth(p.growth)})`, align: "right" },
        ...c.sensitivity.map((row) => ({
          header: `${t.compare.scenario(row.scenario.name)} (${growth(row.scenario.growth)})`,
          align: "right" as const,
        })),
      ],
      rowIds.map((id) => {
        const base = c.ranking.find((r) => r.offerId === id)
        return [
          name(id),
          base === undefined ? "—" : `#${base.rank} ${money(base.total)}`,
          ...c.sensitivity.map((row) => {
            const e = row.ranking.find((x) => x.offerId === id)
            if (e === undefined) return t.compare.notPriced
            const moved =
              e.baseRank === undefined || e.baseRank === e.rank
                ? ""
                : e.rank < e.baseRank
                  ? " ↑"
                  : " ↓"
            const change =
              cols >= 110 && e.change !== undefined
                ? ` (${e.change.amount.isNegative() ? "−" : "+"}${money(Money.make(e.change.amount.abs(), e.change.currency))})`
                : ""
            return `#${e.rank} ${money(e.total)}${change}${moved}`
          }),
        ]
      }),
      cols,
    )
    push(<Toned bold>{truncate(sensitivity.header, cols)}</Toned>)
    for (const l of sensitivity.lines) push(<Text>{truncate(l, cols)}</Text>)
    for (const m of c.summary)
      if (m.key.startsWith("compare.sensitivity")) say(`· ${Messages.render(m, locale)}`)

    // Break-even seats and crossover months, pair by pair.
    push(
      <Toned tone="accent" bold>
        {t.compare.breakEven}
      </Toned>,
    )
    for (const pair of c.seats?.pairs ?? []) {
      const said = Compare.seatMessages(pair, name).map((m) => Messages.render(m, locale))
      if (said.length === 0)
        say(`${name(pair.a)} / ${name(pair.b)}: ${t.compare.noCrossing} (${pair.from}–${pair.to})`)
      for (const x of said) say(`· ${x}`)
    }
    push(
      <Toned tone="accent" bold>
        {t.compare.crossover}
      </Toned>,
    )
    for (const pair of c.months) {
      const said = Compare.monthMessages(pair, name).map((m) => Messages.render(m, locale))
      if (said.length === 0) say(`${name(pair.a)} / ${name(pair.b)}: ${t.compare.noCrossing}`)
      for (const x of said) say(`· ${x}`)
    }

    // Cheapest term per offer, with what every other term would cost.
    push(
      <Toned tone="accent" bold>
        {t.compare.cheapestTerms}
      </Toned>,
    )
    for (const r of c.ranking) {
      const options = r.term.options
        .map(
          (o) =>
            `${t.quote.term(o.termMonths)} ${money(o.total)}${o.termMonths === r.term.termMonths ? " ✓" : ""}`,
        )
        .join(" · ")
      say(`${name(r.offerId)}: ${options}`)
    }
  }

  const height = props.height
  const maxScroll = Math.max(0, lines.length - height)
  // Registered while drawing, so no key is lost while the screen mounts.
  props.keys.current = props.active
    ? (_ch, key) => {
        if (key.upArrow) setScroll((s) => Math.max(0, s - 1))
        else if (key.downArrow) setScroll((s) => Math.min(maxScroll, s + 1))
        else if (key.pageUp) setScroll((s) => Math.max(0, s - height))
        else if (key.pageDown) setScroll((s) => Math.min(maxScroll, s + height))
      }
    : undefined
  const from = Math.min(scroll, maxScroll)
  const shown = lines.slice(from, from + height - (maxScroll > 0 ? 1 : 0))
  return (
    <Box flexDirection="column">
      {shown.map((node, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of one layout, in order
        <Box key={from + i}>{node}</Box>
      ))}
      {maxScroll > 0 ? (
        <Toned tone="muted">{`↑↓ ${from + 1}–${from + shown.length} / ${lines.length}`}</Toned>
      ) : null}
    </Box>
  )
}
