/** The frame every screen shares: the tab line on top, the help bar at the bottom. */
import { Box, Text } from "ink"
import type { Texts } from "../i18n/Texts.js"
import { useEnv } from "./AppContext.js"
import { truncate, width } from "./Layout.js"
import { Toned } from "./Theme.js"

export const screens = ["offers", "quote", "compare", "hiddenFees", "subscriptions"] as const
export type Screen = (typeof screens)[number]

export const Tabs = (props: { readonly current: Screen; readonly columns: number }) => {
  const { t } = useEnv()
  const title = `${t.appTitle} `
  return (
    <Box>
      <Toned bold tone="accent">
        {title}
      </Toned>
      {screens.map((s, i) => {
        const label = ` ${i + 1} ${t.screens[s]} `
        return s === props.current ? (
          <Toned key={s} inverse bold>
            {`[${label.trim()}]`}
          </Toned>
        ) : (
          <Text key={s} wrap="truncate-end">
            {label}
          </Text>
        )
      })}
    </Box>
  )
}

/** A key and what it does, e.g. ["/", "filter"]. */
export type Hint = readonly [key: string, what: string]

export const globalHints = (t: Texts, quitKey = "q"): ReadonlyArray<Hint> => [
  ["Tab", t.help.screens],
  ["?", t.help.help],
  [quitKey, t.help.quit],
]

/** Hints laid out on as many lines as the width needs (at most two; the rest is cut). */
export const HelpBar = (props: {
  readonly hints: ReadonlyArray<Hint>
  readonly columns: number
}) => {
  const lines: Array<Array<Hint>> = [[]]
  let used = 0
  for (const hint of props.hints) {
    const w = width(`${hint[0]} ${hint[1]}`) + 2
    const current = lines[lines.length - 1]
    if (current === undefined) break
    if (used + w > props.columns && current.length > 0) {
      if (lines.length === 2) break
      lines.push([hint])
      used = w
    } else {
      current.push(hint)
      used += w
    }
  }
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their place
        <Box key={i}>
          {line.map(([key, what]) => (
            <Box key={key} marginRight={2}>
              <Toned bold inverse>
                {key}
              </Toned>
              <Text>{` ${truncate(what, props.columns)}`}</Text>
            </Box>
          ))}
        </Box>
      ))}
    </Box>
  )
}

export const HelpOverlay = (props: { readonly columns: number }) => {
  const { t } = useEnv()
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1}>
      <Toned bold>{t.help.title}</Toned>
      {t.help.lines.map((l) => (
        <Text key={l} wrap="truncate-end">
          {truncate(l, props.columns - 4)}
        </Text>
      ))}
      <Text> </Text>
      <Toned tone="muted">{`Esc / ? — ${t.help.close}`}</Toned>
    </Box>
  )
}
