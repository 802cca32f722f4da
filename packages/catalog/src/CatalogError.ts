/**
 * Typed failures of loading a catalog. One `CatalogFileError` names one
 * problem: the file, the path inside it (`offers[2].components[0].price.amount`)
 * and, where the file has lines, the line and column. A load that finds
 * problems fails with `CatalogInvalid`, which carries all of them, so a
 * person fixes a file in one pass.
 */
import { Schema } from "effect"

export const IssueCode = Schema.Literal(
  /** The file cannot be read (missing, a directory, no permission). */
  "unreadable",
  /** Not .json, .yaml or .yml. */
  "unsupported-file-type",
  /** The text is not valid JSON or YAML. */
  "syntax",
  /** Valid JSON/YAML, but not an object with an `offers` list. */
  "not-a-catalog",
  "missing",
  "unknown-key",
  "unknown-fee-kind",
  /** An amount written as a number: it must be a decimal string to stay exact. */
  "number-not-string",
  "wrong-type",
  "invalid-value",
  /** Two offers with one id in the same file, or in two user files. */
  "duplicate-id",
)
export type IssueCode = typeof IssueCode.Type

export class CatalogFileError extends Schema.TaggedError<CatalogFileError>()("CatalogFileError", {
  file: Schema.String,
  /** Where in the file, e.g. `offers[2].components[0].price.amount`; "" for the whole file. */
  path: Schema.String,
  /** 1-based line and column, where the file has them. */
  line: Schema.optional(Schema.Int),
  column: Schema.optional(Schema.Int),
  code: IssueCode,
  /** The offending value or the schema's own words, for the localized text. */
  detail: Schema.optional(Schema.String),
  /** The problem in English (see Messages for zh-CN). */
  message: Schema.String,
}) {}

export class CatalogInvalid extends Schema.TaggedError<CatalogInvalid>()("CatalogInvalid", {
  errors: Schema.NonEmptyArray(CatalogFileError),
}) {
  override get message() {
    return this.errors.map((e) => where(e)).join("\n")
  }
}

/** `file:line:column: path: message`, the shape editors and terminals link to. */
export const where = (e: CatalogFileError, message: string = e.message): string => {
  const position =
    e.line === undefined ? "" : e.column === undefined ? `:${e.line}` : `:${e.line}:${e.column}`
  return `${e.file}${position}: ${e.path === "" ? "" : `${e.path}: `}${message}`
}
