/**
 * Colour is a second signal, never the only one: selection is also marked
 * with "›" and inverse video, severity also spelt out. With NO_COLOR no
 * colour is emitted at all.
 */
import { Text, type TextProps } from "ink"
import type { ReactNode } from "react"
import { useEnv } from "./AppContext.js"

export type Tone = "accent" | "good" | "warn" | "bad" | "muted"

const colours: Record<Tone, string> = {
  accent: "cyan",
  good: "green",
  warn: "yellow",
  bad: "red",
  muted: "gray",
}

/** Text in a tone: coloured when colour is on, plain (or dim for muted) when it is off. */
export const Toned = (props: {
  readonly tone?: Tone | undefined
  readonly bold?: boolean
  readonly inverse?: boolean
  readonly wrap?: TextProps["wrap"]
  readonly children: ReactNode
}) => {
  const { color } = useEnv()
  const textProps: TextProps = {
    ...(props.bold === true ? { bold: true } : {}),
    ...(props.inverse === true ? { inverse: true } : {}),
    ...(props.wrap === undefined ? { wrap: "truncate-end" as const } : { wrap: props.wrap }),
    ...(props.tone !== undefined && color ? { color: colours[props.tone] } : {}),
    ...(props.tone === "muted" && !color ? { dimColor: true } : {}),
  }
  return <Text {...textProps}>{props.children}</Text>
}
