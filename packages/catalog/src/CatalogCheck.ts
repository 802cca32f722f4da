/**
 * What `catalog:check [--lang en|zh-CN] [FILE...]` does, without the process
 * around it: validate the files (the built-in catalog when none is given) and
 * say, per offer, vendor, offer, currency, component count and unpriced
 * parts. The bin prints the lines and exits with the code.
 */
import { Effect, Either } from "effect"
import * as BuiltIn from "./BuiltIn.js"
import * as Catalog from "./Catalog.js"
import { where } from "./CatalogError.js"
import { describeIssue, type Locale, localeFromLang, locales, texts } from "./Messages.js"

export interface Environment {
  /** LC_ALL, then LANG: picks the language when --lang is absent. */
  readonly lang: string
  /** Where relative file names are read from. */
  readonly cwd: string
}

export interface Report {
  /** 0 valid, 1 a file has problems, 2 usage error. */
  readonly code: 0 | 1 | 2
  readonly stdout: ReadonlyArray<string>
  readonly stderr: ReadonlyArray<string>
}

interface Args {
  readonly lang: Locale | undefined
  readonly files: ReadonlyArray<string>
  readonly help: boolean
  readonly unknown: ReadonlyArray<string>
}

const parseArgs = (argv: ReadonlyArray<string>): Args => {
  let lang: Locale | undefined
  let help = false
  const files: Array<string> = []
  const unknown: Array<string> = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ""
    if (a === "--") {
      files.push(...argv.slice(i + 1))
      break
    }
    if (a === "--lang" || a.startsWith("--lang=")) {
      const value = a === "--lang" ? (argv[++i] ?? "") : a.slice("--lang=".length)
      const l = locales.find((x) => x.toLowerCase() === value.toLowerCase())
      if (l === undefined) unknown.push(`--lang ${value}`)
      else lang = l
    } else if (a === "-h" || a === "--help") help = true
    else if (a.startsWith("-")) unknown.push(a)
    else files.push(a)
  }
  return { lang, files, help, unknown }
}

/** Run the check for command-line arguments. */
export const run = Effect.fn("CatalogCheck.run")(function* (
  argv: ReadonlyArray<string>,
  env: Environment,
) {
  const args = parseArgs(argv)
  const locale = args.lang ?? localeFromLang(env.lang)
  const t = texts[locale]
  if (args.help) return { code: 0, stdout: [t.usage], stderr: [] } satisfies Report
  if (args.unknown.length > 0) {
    return {
      code: 2,
      stdout: [],
      stderr: [...args.unknown.map(t.unknownOption), t.usage],
    } satisfies Report
  }

  const result = yield* Effect.either(Catalog.load(args.files, { cwd: env.cwd }))
  if (Either.isLeft(result)) {
    const { errors } = result.left
    return {
      code: 1,
      stdout: [],
      stderr: [
        ...errors.map((e) => where(e, describeIssue(e, locale))),
        t.summaryBad({ errors: errors.length, files: new Set(errors.map((e) => e.file)).size }),
      ],
    } satisfies Report
  }

  const catalog = result.right
  const fromFiles = args.files.length > 0
  const stdout: Array<string> = []
  const shown = catalog.offers.filter(
    (o) => !fromFiles || catalog.origin.get(o.id) !== BuiltIn.file,
  )
  for (const o of shown) {
    stdout.push(
      t.offerLine({
        vendor: o.vendor,
        name: o.name,
        id: o.id,
        status: o.status,
        currency: o.currency,
        components: o.components.length,
        unpriced: o.components.filter((c) => c._tag === "Unpriced").map((c) => c.id),
      }),
    )
    const replaced = catalog.replaced.find((r) => r.id === o.id)
    if (replaced !== undefined) stdout.push(t.replaces(replaced))
  }
  stdout.push(t.summaryOk({ offers: shown.length, files: args.files.length, builtIn: !fromFiles }))
  return { code: 0, stdout, stderr: [] } satisfies Report
})
