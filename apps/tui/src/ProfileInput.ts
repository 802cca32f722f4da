/**
 * The need as a person types it (the quote form, the command line) turned
 * into the domain's Profile. Only the domain's schema decides what is valid;
 * this module only reshapes text into the profile's wire format and maps the
 * schema's complaints back to the field they are about.
 */
import * as Profile from "@crm-cost/domain/Profile"
import { Either, ParseResult, Schema } from "effect"

export interface ProfileInput {
  readonly seats: string
  /** Compound growth per year, as a fraction ("0.1" = +10 %); empty for none. */
  readonly growth: string
  readonly horizon: string
  readonly start: string
  /** Comma-separated. */
  readonly modules: string
  readonly integrations: string
  /** "metric=perMonth, …" */
  readonly usage: string
  /** Comma-separated term lengths in months; empty for every term the offer sells. */
  readonly terms: string
  /** Exclusive tax rate as a fraction; empty for none. */
  readonly tax: string
}

export type Field = keyof ProfileInput

export const fields: ReadonlyArray<Field> = [
  "seats",
  "growth",
  "horizon",
  "start",
  "modules",
  "integrations",
  "usage",
  "terms",
  "tax",
]

export const defaults = (start: string): ProfileInput => ({
  seats: "10",
  growth: "",
  horizon: "36",
  start,
  modules: "",
  integrations: "",
  usage: "",
  terms: "",
  tax: "",
})

export interface FieldError {
  readonly field: Field | undefined
  readonly message: string
}

const list = (s: string) =>
  s
    .split(/[,，\s]+/)
    .map((x) => x.trim())
    .filter((x) => x !== "")

/** A whole number stays a string the schema rejects unless it is one. */
const integer = (s: string): number | string => (/^[+-]?\d+$/.test(s.trim()) ? Number(s) : s)

/** The profile's wire form: what a JSON request for the same need would hold. */
export const toWire = (input: ProfileInput): Record<string, unknown> => {
  const wire: Record<string, unknown> = {
    seats: integer(input.seats),
    horizonMonths: integer(input.horizon),
    startDate: input.start.trim(),
  }
  if (input.growth.trim() !== "") wire.growth = { _tag: "Rate", rate: input.growth.trim() }
  const modules = list(input.modules)
  if (modules.length > 0) wire.modules = modules
  const integrations = list(input.integrations)
  if (integrations.length > 0) wire.integrations = integrations
  const usage = list(input.usage)
  if (usage.length > 0) {
    wire.usage = usage.map((u) => {
      const [metric = "", perMonth = ""] = u.split("=")
      return { metric, perMonth: perMonth.trim() }
    })
  }
  const terms = list(input.terms)
  if (terms.length > 0) wire.terms = terms.map(integer)
  if (input.tax.trim() !== "") wire.tax = { rate: input.tax.trim() }
  return wire
}

const fieldOf: Record<string, Field> = {
  seats: "seats",
  growth: "growth",
  horizonMonths: "horizon",
  startDate: "start",
  modules: "modules",
  integrations: "integrations",
  usage: "usage",
  terms: "terms",
  tax: "tax",
}

const decodeProfile = Schema.decodeUnknownEither(Profile.Profile)

/** Decode with the domain's Profile schema; every problem is reported with its field. */
export const decode = (
  input: ProfileInput,
): Either.Either<Profile.Profile, ReadonlyArray<FieldError>> =>
  Either.mapLeft(decodeProfile(toWire(input), { errors: "all", onExcessProperty: "error" }), (e) =>
    ParseResult.ArrayFormatter.formatErrorSync(e).map((issue) => ({
      field: fieldOf[String(issue.path[0] ?? "")],
      message: issue.message,
    })),
  )
