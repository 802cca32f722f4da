/** Hidden fees (隐藏费用) of the selected offer for the need, most costly first. */
import * as HiddenFees from "@crm-cost/domain/HiddenFees"
import * as Messages from "@crm-cost/domain/Messages"
import type { Offer } from "@crm-cost/domain/Offer"
import type { Profile } from "@crm-cost/domain/Profile"
import { Either, Exit } from "effect"
import { Box, Text } from "ink"
import { useMemo } from "react"
import type { FieldError } from "../../ProfileInput.js"
import { type KeysRef, useEnv } from "../AppContext.js"
import { describe } from "../Errors.js"
import { type Column, table, window } from "../Layout.js"
import { useLive } from "../Live.js"
import { type Tone, Toned } from "../Theme.js"

const tones: Record<HiddenFees.Severity, Tone> = { critical: "bad", warning: "warn", info: "muted" }

export const HiddenFeesScreen = (props: {
  readonly offer: Offer | undefined
  readonly profile: Either.Either<Profile, ReadonlyArray<FieldError>>
  readonly active: boolean
  readonly keys: KeysRef
  readonly columns: number
  readonly height: number
}) => {
  const { t, runner, locale, format } = useEnv()
  const cursor = useLive(() => 0)
  const { offer, profile } = props
  const exit = useMemo(
    () =>
      offer === undefined || Either.isLeft(profile)
        ? undefined
        : runner.sync(HiddenFees.scan(offer, profile.right)),
    [offer, profile, runner],
  )
  const findings = exit !== undefined && Exit.isSuccess(exit) ? exit.value : []
  const at = Math.min(cursor.get(), Math.max(0, findings.length - 1))

  // Registered while drawing, so no key is lost while the screen mounts.
  props.keys.current = props.active
    ? (ch, key) => {
        if (key.upArrow || ch === "k")
          cursor.set((c) => Math.max(0, Math.min(c, findings.length - 1) - 1))
        else if (key.downArrow || ch === "j")
          cursor.set((c) => Math.max(0, Math.min(findings.length - 1, c + 1)))
      }
    : undefined

  if (offer === undefined) return <Toned tone="muted">{t.hiddenFees.noOffer}</Toned>
  const title = <Toned bold>{`${offer.vendor} — ${offer.name}  [${offer.id}]`}</Toned>
  if (Either.isLeft(profile))
    return (
      <Box flexDirection="column">
        {title}
        <Toned tone="bad">{t.quote.invalid}</Toned>
      </Box>
    )
  if (exit !== undefined && Exit.isFailure(exit))
    return (
      <Box flexDirection="column">
        {title}
        <Toned tone="bad" wrap="wrap">
          {exit.cause._tag === "Fail" ? describe(t, exit.cause.error) : String(exit.cause)}
        </Toned>
      </Box>
    )

  const rendered = findings.map((f) => Messages.render(f.message, locale))
  const columns: ReadonlyArray<Column> = [
    { header: "", width: 1 },
    { header: t.hiddenFees.impact, align: "right" },
    { header: "", min: 6 },
    { header: t.hiddenFees.finding, min: 20, grow: 1 },
  ]
  const laid = table(
    columns,
    findings.map((f, i) => [
      f.severity === "critical" ? "!" : f.severity === "warning" ? "▲" : "·",
      f.quoteRequired ? t.hiddenFees.quoteRequired : `+${format.money(f.money)}`,
      t.hiddenFees.severity[f.severity],
      rendered[i] ?? "",
    ]),
    props.columns - 2,
  )
  const detailHeight = 5
  const shown = window(laid.lines, at, Math.max(3, props.height - detailHeight - 4))
  const selected = findings[at]
  return (
    <Box flexDirection="column">
      {title}
      <Toned tone="muted">
        {`${t.hiddenFees.total(findings.length)} · ${t.hiddenFees.over(profile.right.horizonMonths)}`}
      </Toned>
      {findings.length === 0 ? (
        <Toned tone="good">{t.hiddenFees.none}</Toned>
      ) : (
        <>
          <Toned bold>{`  ${laid.header}`}</Toned>
          {shown.items.map((line, i) => {
            const index = shown.start + i
            const f = findings[index]
            return index === at ? (
              <Toned
                key={`${f?.code}-${f?.componentId}-${index}`}
                inverse
                tone={f ? tones[f.severity] : undefined}
              >
                {`› ${line}`}
              </Toned>
            ) : (
              <Text
                key={`${f?.code}-${f?.componentId}-${index}`}
                wrap="truncate-end"
              >{`  ${line}`}</Text>
            )
          })}
          {selected ? (
            <Box borderStyle="single" paddingX={1} height={detailHeight} overflow="hidden">
              <Text wrap="wrap">{rendered[at] ?? ""}</Text>
            </Box>
          ) : null}
        </>
      )}
    </Box>
  )
}
