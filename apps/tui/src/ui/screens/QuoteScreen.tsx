/** The quote builder: the need as a form; the total and its breakdown follow every key. */
import { categories } from "@crm-cost/domain/FeeComponent"
import * as Messages from "@crm-cost/domain/Messages"
import type { Offer } from "@crm-cost/domain/Offer"
import type { Profile } from "@crm-cost/domain/Profile"
import * as Quote from "@crm-cost/domain/Quote"
import { Either, Exit } from "effect"
import { Box, Text } from "ink"
import type * as ProfileInput from "../../ProfileInput.js"
import { type KeysRef, useEnv } from "../AppContext.js"
import { describe } from "../Errors.js"
import { cell, table, truncate, width } from "../Layout.js"
import type { Live } from "../Live.js"
import { Toned } from "../Theme.js"

/** Fields where letters are typed: keys such as q and ? go into the field there. */
export const textFields: ReadonlyArray<ProfileInput.Field> = ["modules", "integrations", "usage"]

export interface QuoteFormState {
  readonly focus: number
  /** The term chosen with ← →; undefined for the cheapest. */
  readonly termMonths: number | undefined
}

export const initialQuoteFormState: QuoteFormState = { focus: 0, termMonths: undefined }

export const QuoteScreen = (props: {
  readonly offer: Offer | undefined
  readonly input: Live<ProfileInput.ProfileInput>
  readonly fields: ReadonlyArray<ProfileInput.Field>
  readonly profile: Either.Either<Profile, ReadonlyArray<ProfileInput.FieldError>>
  readonly state: Live<QuoteFormState>
  readonly active: boolean
  readonly keys: KeysRef
  readonly columns: number
  readonly height: number
}) => {
  const { t, runner, locale, format } = useEnv()
  const { fields, offer } = props
  const state = props.state.get()
  const input = props.input.get()
  const field = fields[state.focus] ?? "seats"
  const terms = offer === undefined ? [] : offer.terms.map((x) => x.months)
  const choices: ReadonlyArray<number | undefined> = [undefined, ...terms]

  // Registered while drawing, so no key is lost while the screen mounts.
  props.keys.current = props.active
    ? (ch, key) => {
        const state = props.state.get()
        const input = props.input.get()
        const field = fields[state.focus] ?? "seats"
        // In number and date fields q and ? keep their global meaning (quit, help).
        if (!textFields.includes(field) && (ch === "q" || ch === "?")) return
        if (key.upArrow) props.state.set({ ...state, focus: Math.max(0, state.focus - 1) })
        else if (key.downArrow || key.return)
          props.state.set({ ...state, focus: Math.min(fields.length - 1, state.focus + 1) })
        else if (key.leftArrow || key.rightArrow) {
          const i = choices.indexOf(state.termMonths)
          const n = choices.length
          const next = choices[(i + (key.rightArrow ? 1 : n - 1)) % n]
          props.state.set({ ...state, termMonths: next })
        } else if (key.backspace || key.delete)
          props.input.set({ ...input, [field]: input[field].slice(0, -1) })
        else if (key.ctrl && ch === "u") props.input.set({ ...input, [field]: "" })
        else if (ch !== "" && !key.ctrl && !key.meta && !key.tab && !key.escape)
          props.input.set({ ...input, [field]: input[field] + ch })
      }
    : undefined

  if (offer === undefined) return <Toned tone="muted">{t.quote.noOffer}</Toned>

  const problems = Either.isLeft(props.profile) ? props.profile.left : []
  const exit = Either.isRight(props.profile)
    ? runner.sync(
        Quote.make(
          offer,
          props.profile.right,
          state.termMonths === undefined ? {} : { termMonths: state.termMonths },
        ),
      )
    : undefined
  const quote = exit !== undefined && Exit.isSuccess(exit) ? exit.value : undefined
  const failure =
    exit !== undefined && Exit.isFailure(exit)
      ? exit.cause._tag === "Fail"
        ? describe(t, exit.cause.error)
        : String(exit.cause)
      : undefined

  const labelWidth = Math.max(...fields.map((f) => width(t.quote.fields[f])))
  const formWidth = Math.min(44, Math.floor(props.columns * 0.45))
  const valueWidth = Math.max(6, formWidth - labelWidth - 3)
  const form = fields.map((f, i) => {
    const focused = i === state.focus && props.active
    const bad = problems.some((p) => p.field === f)
    const value = input[f] === "" && !focused ? t.quote.hints[f] : input[f]
    const shown = focused ? `${truncate(value, valueWidth - 1)}▏` : truncate(value, valueWidth)
    return (
      <Box key={f}>
        <Text>{`${bad ? "!" : focused ? "›" : " "} ${cell(t.quote.fields[f], labelWidth)} `}</Text>
        <Toned
          inverse={focused}
          tone={bad ? "bad" : input[f] === "" && !focused ? "muted" : undefined}
        >
          {cell(shown, valueWidth)}
        </Toned>
      </Box>
    )
  })

  const summaryWidth = props.columns - formWidth - 2
  const money = format.money
  const summary: Array<[string, string]> = quote
    ? [
        [
          t.quote.termLabel,
          `${t.quote.term(quote.termMonths)}${state.termMonths === undefined ? ` (${t.quote.cheapestTerm})` : ""}`,
        ],
        [t.quote.total, money(quote.total)],
        ...(quote.tax.amount.isZero()
          ? []
          : ([
              [t.quote.net, money(quote.net)],
              [t.quote.tax, money(quote.tax)],
            ] as Array<[string, string]>)),
        ...(quote.costPerSeatMonth
          ? ([[t.quote.perSeatMonth, money(quote.costPerSeatMonth)]] as Array<[string, string]>)
          : []),
        ...(quote.cashFlow[0]
          ? ([[t.quote.firstMonth, money(quote.cashFlow[0])]] as Array<[string, string]>)
          : []),
      ]
    : []
  const byCategory = quote
    ? categories
        .filter((c) => c !== "tax" && !quote.totalsByCategory[c].amount.isZero())
        .map((c) => [t.categories[c], money(quote.totalsByCategory[c])] as const)
    : []
  const summaryLabel = Math.max(
    0,
    ...summary.map(([l]) => width(l)),
    ...byCategory.map(([l]) => width(l)),
  )

  const breakdownRows = quote
    ? quote.lines.map((l) => [
        l.kind === "tax" ? `  ${t.quote.tax}` : l.label,
        Messages.render(l.basis, locale),
        money(l.amount),
      ])
    : []
  const laid = table(
    [
      { header: t.quote.line, min: 10, grow: 1 },
      { header: t.quote.basis, min: 10, grow: 3 },
      { header: t.quote.amount, align: "right" },
    ],
    breakdownRows,
    props.columns,
  )
  const breakdownSpace = Math.max(1, props.height - fields.length - 4)
  const focusedProblem = problems.find((p) => p.field === field) ?? problems[0]

  return (
    <Box flexDirection="column">
      <Toned bold>{`${offer.vendor} — ${offer.name}  [${offer.id}, ${offer.currency}]`}</Toned>
      <Box>
        <Box flexDirection="column" width={formWidth + 2}>
          {form}
        </Box>
        <Box flexDirection="column" width={summaryWidth}>
          {failure !== undefined ? (
            <Toned tone="bad" wrap="wrap">
              {failure}
            </Toned>
          ) : quote === undefined ? (
            <Toned tone="bad" wrap="wrap">
              {t.quote.invalid}
            </Toned>
          ) : (
            <>
              {summary.map(([label, value]) => (
                <Text key={label} wrap="truncate-end">
                  {`${cell(label, summaryLabel)}  `}
                  <Text bold={label === t.quote.total}>{value}</Text>
                </Text>
              ))}
              <Toned tone="muted">{t.quote.byCategory}</Toned>
              {byCategory.map(([label, value]) => (
                <Text
                  key={label}
                  wrap="truncate-end"
                >{`${cell(label, summaryLabel)}  ${value}`}</Text>
              ))}
              {quote.unusedPrepaidMonths > 0 ? (
                <Toned tone="warn">{t.quote.unusedPrepaid(quote.unusedPrepaidMonths)}</Toned>
              ) : null}
              {quote.complete ? null : (
                <Toned
                  tone="warn"
                  wrap="wrap"
                >{`${t.quote.incomplete}: ${quote.unpriced.map((u) => u.name).join(", ")}`}</Toned>
              )}
            </>
          )}
        </Box>
      </Box>
      {focusedProblem !== undefined ? (
        <Toned tone="bad">
          {`! ${t.errors.invalidField(
            focusedProblem.field === undefined ? "" : t.quote.fields[focusedProblem.field],
            focusedProblem.message,
          )}`}
        </Toned>
      ) : null}
      {quote ? (
        <>
          <Toned bold>{laid.header}</Toned>
          {laid.lines.slice(0, breakdownSpace).map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one quote, in order
            <Text key={i} wrap="truncate-end">
              {line}
            </Text>
          ))}
          {laid.lines.length > breakdownSpace ? (
            <Toned tone="muted">{`… +${laid.lines.length - breakdownSpace}`}</Toned>
          ) : null}
        </>
      ) : null}
    </Box>
  )
}
