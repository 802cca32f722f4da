/**
 * User catalogs: offers a company was quoted, in a JSON or YAML file, in the
 * same wire format as the built-in offers (README.md, "User catalogs").
 * Every problem in a file is reported with the file, the path inside it and,
 * for YAML and JSON, the line.
 */
import { readFile } from "node:fs/promises"
import { extname, resolve } from "node:path"
import { FeeComponent, Offer } from "@crm-cost/domain"
import { Array as Arr, Effect, Either, ParseResult, Schema } from "effect"
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml"
import { CatalogFileError, CatalogInvalid, type IssueCode } from "./CatalogError.js"

/** Offers read from one file, in file order. */
export interface LoadedFile {
  readonly file: string
  readonly offers: ReadonlyArray<Offer.Offer>
  /** Where each offer's id is in the file (same order as `offers`). */
  readonly idLocations: ReadonlyArray<Location | undefined>
}

export interface Location {
  readonly line: number
  readonly column: number
}

type Path = ReadonlyArray<string | number>

/** Finds the line and column of a path in the file, where the file has lines. */
type Locate = (path: Path) => Location | undefined

const noLines: Locate = () => undefined

const TOP_LEVEL_KEYS = ["offers", "description"]

/** The fee kinds a component's `_tag` may name, read from the domain's union. */
const feeKinds: ReadonlyArray<string> = FeeComponent.FeeComponent.members.map((m) => m._tag)

/** `offers[2].components[0].price.amount` */
export const formatPath = (path: Path): string =>
  path.reduce<string>(
    (out, seg) => (typeof seg === "number" ? `${out}[${seg}]` : out === "" ? seg : `${out}.${seg}`),
    "",
  )

const issue = (
  file: string,
  path: Path,
  code: IssueCode,
  detail: string | undefined,
  message: string,
  locate: Locate,
): CatalogFileError =>
  new CatalogFileError({
    file,
    path: formatPath(path),
    ...locate(path),
    code,
    ...(detail === undefined ? {} : { detail }),
    message,
  })

const describeValue = (u: unknown): string =>
  u === null
    ? "null"
    : Array.isArray(u)
      ? "a list"
      : typeof u === "object"
        ? "an object"
        : `${typeof u} ${JSON.stringify(u)}`

const decodeOffer = Schema.decodeUnknownEither(Offer.Offer, {
  errors: "all",
  onExcessProperty: "error",
})

/** One schema issue as a catalog problem, in words a person maintaining the file understands. */
const fromSchemaIssue = (
  file: string,
  prefix: Path,
  i: ParseResult.ArrayFormatterIssue,
  locate: Locate,
): CatalogFileError => {
  const path: Path = [...prefix, ...i.path.map((p) => (typeof p === "symbol" ? String(p) : p))]
  const last = path[path.length - 1]
  const isComponentKind =
    last === "_tag" && path.length >= 3 && path[path.length - 3] === "components"
  switch (i._tag) {
    case "Missing":
      return issue(file, path, "missing", undefined, "required field is missing", locate)
    case "Unexpected": {
      const allowed = /expected: (.*)$/.exec(i.message)?.[1] ?? ""
      return issue(
        file,
        path,
        "unknown-key",
        allowed,
        `unknown field (a typo?); allowed here: ${allowed}`,
        locate,
      )
    }
    case "Type": {
      const actual = /, actual (.*)$/.exec(i.message)?.[1]
      if (isComponentKind && actual !== undefined) {
        const detail = `${actual}; known kinds: ${feeKinds.join(", ")}`
        return issue(file, path, "unknown-fee-kind", detail, `unknown fee kind ${detail}`, locate)
      }
      const number = /^Expected string, actual (-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)$/i.exec(
        i.message,
      )?.[1]
      if (number !== undefined) {
        return issue(
          file,
          path,
          "number-not-string",
          number,
          `write amounts as quoted decimal strings so they stay exact: "${number}", not ${number}`,
          locate,
        )
      }
      return issue(file, path, "wrong-type", i.message, `wrong type: ${i.message}`, locate)
    }
    default:
      return issue(file, path, "invalid-value", i.message, `invalid value: ${i.message}`, locate)
  }
}

const EXPECTED = /^Expected (.*), actual (.*)$/

/**
 * A value that matches no member of a union (`per: "mont"` against "month" |
 * "year", or a string against an optional number) gives one issue per
 * member; a person wants one: "Expected "month" | "year", actual "mont"".
 */
const mergeAlternatives = (
  issues: ReadonlyArray<ParseResult.ArrayFormatterIssue>,
): Array<ParseResult.ArrayFormatterIssue> => {
  const out: Array<ParseResult.ArrayFormatterIssue> = []
  const typeAt = new Map<string, { index: number; expected: Array<string>; actual: string }>()
  for (const i of issues) {
    const m = i._tag === "Type" ? EXPECTED.exec(i.message) : null
    if (m === null) {
      out.push(i)
      continue
    }
    const key = JSON.stringify(i.path.map(String))
    const expected = (m[1] ?? "").split(" | ").filter((e) => e !== "undefined")
    const seen = typeAt.get(key)
    if (seen === undefined) {
      typeAt.set(key, { index: out.length, expected, actual: m[2] ?? "" })
      out.push(i)
    } else {
      for (const e of expected) if (!seen.expected.includes(e)) seen.expected.push(e)
    }
  }
  for (const { index, expected, actual } of typeAt.values()) {
    const i = out[index]
    if (i !== undefined && expected.length > 0) {
      out[index] = { ...i, message: `Expected ${expected.join(" | ")}, actual ${actual}` }
    }
  }
  return out
}

/**
 * Decode the offers of a catalog document (the parsed `{ offers: [...] }`),
 * collecting every problem: schema errors per offer and ids used twice.
 */
export const decodeCatalog = (
  file: string,
  document: unknown,
  locate: Locate = noLines,
): Either.Either<ReadonlyArray<Offer.Offer>, CatalogInvalid> => {
  const errors: Array<CatalogFileError> = []
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    const detail = describeValue(document)
    errors.push(
      issue(
        file,
        [],
        "not-a-catalog",
        detail,
        `expected an object with an "offers" list, got ${detail}`,
        locate,
      ),
    )
    return Either.left(new CatalogInvalid({ errors: [errors[0] as CatalogFileError] }))
  }
  const record = document as Record<string, unknown>
  for (const key of Object.keys(record)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      const allowed = TOP_LEVEL_KEYS.map((k) => `"${k}"`).join(" | ")
      errors.push(
        issue(
          file,
          [key],
          "unknown-key",
          allowed,
          `unknown field (a typo?); allowed here: ${allowed}`,
          locate,
        ),
      )
    }
  }
  const raw = record.offers
  if (!Array.isArray(raw)) {
    const detail = raw === undefined ? 'no "offers"' : `"offers" as ${describeValue(raw)}`
    errors.push(
      issue(
        file,
        raw === undefined ? [] : ["offers"],
        "not-a-catalog",
        detail,
        `expected an object with an "offers" list, got ${detail}`,
        locate,
      ),
    )
  }
  const offers: Array<Offer.Offer> = []
  const firstById = new Map<string, number>()
  ;(Array.isArray(raw) ? raw : []).forEach((item: unknown, index) => {
    const result = decodeOffer(item)
    if (Either.isLeft(result)) {
      for (const i of mergeAlternatives(ParseResult.ArrayFormatter.formatErrorSync(result.left))) {
        errors.push(fromSchemaIssue(file, ["offers", index], i, locate))
      }
    } else {
      offers.push(result.right)
    }
    const id =
      typeof item === "object" && item !== null && "id" in item
        ? (item as { id: unknown }).id
        : undefined
    if (typeof id !== "string") return
    const first = firstById.get(id)
    if (first === undefined) {
      firstById.set(id, index)
      return
    }
    const at = locate(["offers", first, "id"])
    const detail = `"${id}" (first used at offers[${first}]${at === undefined ? "" : `, line ${at.line}`})`
    errors.push(
      issue(
        file,
        ["offers", index, "id"],
        "duplicate-id",
        detail,
        `duplicate offer id ${detail}`,
        locate,
      ),
    )
  })
  return Arr.isNonEmptyArray(errors)
    ? Either.left(new CatalogInvalid({ errors }))
    : Either.right(offers)
}

/** The line and column of a path in a parsed YAML (or JSON) document. */
const yamlLocator =
  (contents: Node | null, lineCounter: LineCounter): Locate =>
  (path) => {
    // Walk down as far as the path exists: a missing field is reported at its parent.
    let node: unknown = contents
    let found: unknown = contents
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg)
        if (pair === undefined) break
        node = pair.value ?? pair.key
        found =
          isScalar(pair.value) || isMap(pair.value) || isSeq(pair.value) ? pair.value : pair.key
      } else if (isSeq(node) && typeof seg === "number") {
        const item = node.items[seg]
        if (item === undefined) break
        node = item
        found = item
      } else break
    }
    const range = (found as { range?: [number, number, number] } | null)?.range
    if (range === undefined) return undefined
    const { line, col } = lineCounter.linePos(range[0])
    return { line, column: col }
  }

/** Parse file text by its extension into a document and a locator of paths. */
export const parseText = (
  file: string,
  text: string,
): Either.Either<{ document: unknown; locate: Locate }, CatalogInvalid> => {
  const ext = extname(file).toLowerCase()
  const fail = (code: IssueCode, detail: string, message: string, line?: number, column?: number) =>
    Either.left(
      new CatalogInvalid({
        errors: [
          new CatalogFileError({
            file,
            path: "",
            code,
            detail,
            message,
            ...(line === undefined ? {} : { line }),
            ...(column === undefined ? {} : { column }),
          }),
        ],
      }),
    )
  if (ext !== ".json" && ext !== ".yaml" && ext !== ".yml") {
    return fail("unsupported-file-type", ext, "unsupported file type: use .json, .yaml or .yml")
  }
  const lineCounter = new LineCounter()
  if (ext === ".json") {
    try {
      JSON.parse(text)
    } catch (cause) {
      const detail = cause instanceof Error ? cause.message : String(cause)
      const position = /position (\d+)/.exec(detail)?.[1]
      const lines = position === undefined ? undefined : text.slice(0, Number(position)).split("\n")
      return fail(
        "syntax",
        detail,
        `not valid JSON/YAML: ${detail}`,
        lines?.length,
        lines === undefined ? undefined : (lines[lines.length - 1]?.length ?? 0) + 1,
      )
    }
  }
  // JSON is YAML 1.2: one parser gives lines for both.
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true })
  const error = doc.errors[0]
  if (error !== undefined) {
    const pos = error.linePos?.[0]
    const first = error.message.split("\n")[0] ?? error.message
    const detail = first.replace(/ at line \d+, column \d+:?$/, "")
    return fail("syntax", detail, `not valid JSON/YAML: ${detail}`, pos?.line, pos?.col)
  }
  return Either.right({
    document: doc.toJS({ maxAliasCount: 100 }),
    locate: yamlLocator(doc.contents, lineCounter),
  })
}

/**
 * Read, parse and validate one catalog file. `file` is the name shown in
 * problems; it is read relative to `cwd` when given (a script run by pnpm in
 * the package directory still reads the user's paths from where they ran it).
 */
export const loadFile = Effect.fn("UserCatalog.loadFile")(function* (file: string, cwd?: string) {
  const text = yield* Effect.tryPromise({
    try: () => readFile(cwd === undefined ? file : resolve(cwd, file), "utf8"),
    catch: (cause) => {
      const detail =
        typeof cause === "object" && cause !== null && "code" in cause
          ? String((cause as { code: unknown }).code)
          : String(cause)
      return new CatalogInvalid({
        errors: [
          new CatalogFileError({
            file,
            path: "",
            code: "unreadable",
            detail,
            message: `cannot read the file (${detail})`,
          }),
        ],
      })
    },
  })
  const { document, locate } = yield* parseText(file, text)
  const offers = yield* decodeCatalog(file, document, locate)
  return {
    file,
    offers,
    idLocations: offers.map((_, i) => locate(["offers", i, "id"])),
  } satisfies LoadedFile
})
