/**
 * The command line: interactive by default, or `quote` / `compare` for
 * scripts. Parsing only splits the words; the values are checked by the
 * domain's schemas when the need is built (ProfileInput).
 */
import type { Locale } from "@crm-cost/domain/Messages"
import { Either } from "effect"
import type { Texts } from "./i18n/Texts.js"
import type { Flags } from "./Settings.js"

/** A usage problem, told once the reader's language is known. */
export type Problem = (t: Texts) => string

export interface NeedOptions {
  readonly seats: string | undefined
  readonly months: string | undefined
  readonly growth: string | undefined
  readonly start: string | undefined
  readonly json: boolean
}

export type Command =
  | { readonly _tag: "Interactive" }
  | { readonly _tag: "Help" }
  | ({
      readonly _tag: "Quote"
      readonly offer: string
      readonly term: string | undefined
    } & NeedOptions)
  | ({ readonly _tag: "Compare"; readonly offers: ReadonlyArray<string> } & NeedOptions)

export interface Parsed {
  readonly flags: Flags
  readonly command: Either.Either<Command, Problem>
}

const valued = new Set([
  "--lang",
  "--tenant",
  "--catalog",
  "--offer",
  "--seats",
  "--months",
  "--growth",
  "--term",
  "--start",
])
const switches = new Set(["--json", "--help", "-h"])

const locale = (v: string): Locale | undefined =>
  v === "en" || v.toLowerCase().startsWith("en") ? "en" : /^zh/i.test(v) ? "zh-CN" : undefined

export const parse = (argv: ReadonlyArray<string>): Parsed => {
  const args = argv[0] === "--" ? argv.slice(1) : [...argv]
  const values = new Map<string, Array<string>>()
  const seen = new Set<string>()
  const positional: Array<string> = []
  let problem: Problem | undefined
  for (let i = 0; i < args.length; i++) {
    const raw = args[i] ?? ""
    const eq = raw.startsWith("--") ? raw.indexOf("=") : -1
    const name = eq > 0 ? raw.slice(0, eq) : raw
    if (valued.has(name)) {
      const value = eq > 0 ? raw.slice(eq + 1) : args[++i]
      if (value === undefined || (eq < 0 && value.startsWith("--"))) {
        problem ??= (t) => t.cli.missingValue(name)
        continue
      }
      values.set(name, [...(values.get(name) ?? []), value])
    } else if (switches.has(name)) seen.add(name)
    else if (name.startsWith("-") && name !== "-") problem ??= (t) => t.cli.unknownOption(name)
    else positional.push(raw)
  }
  const one = (name: string) => values.get(name)?.at(-1)
  const lang = one("--lang")
  const parsedLang = lang === undefined ? undefined : locale(lang)
  if (lang !== undefined && parsedLang === undefined) problem ??= (t) => t.cli.invalidLang(lang)
  const tenant = one("--tenant")
  const flags: Flags = {
    ...(parsedLang === undefined ? {} : { lang: parsedLang }),
    ...(tenant === undefined ? {} : { tenant }),
    catalogs: values.get("--catalog") ?? [],
  }
  const fail = (p: Problem): Parsed => ({ flags, command: Either.left(p) })
  if (problem !== undefined) return fail(problem)
  if (seen.has("--help") || seen.has("-h"))
    return { flags, command: Either.right({ _tag: "Help" }) }

  const need: NeedOptions = {
    seats: one("--seats"),
    months: one("--months"),
    growth: one("--growth"),
    start: one("--start"),
    json: seen.has("--json"),
  }
  const [name, ...rest] = positional
  if (rest.length > 0) return fail((t) => t.cli.unknownOption(rest[0] ?? ""))
  const offers = values.get("--offer") ?? []
  switch (name) {
    case undefined:
      return { flags, command: Either.right({ _tag: "Interactive" }) }
    case "quote": {
      const offer = offers.at(-1)
      if (offer === undefined) return fail((t) => t.cli.missingOption("--offer"))
      if (need.seats === undefined) return fail((t) => t.cli.missingOption("--seats"))
      if (need.months === undefined) return fail((t) => t.cli.missingOption("--months"))
      return {
        flags,
        command: Either.right({ _tag: "Quote", offer, term: one("--term"), ...need }),
      }
    }
    case "compare":
      if (offers.length < 2) return fail((t) => t.cli.atLeastTwo)
      return { flags, command: Either.right({ _tag: "Compare", offers, ...need }) }
    default:
      return fail((t) => t.cli.unknownCommand(name))
  }
}
