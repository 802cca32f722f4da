/**
 * Domain results as JSON: money as `{amount, currency}` with the currency's
 * minor units, decimals as strings, messages rendered in the reader's
 * locale, typed errors as a code and a message. Never a JS number for money.
 */
import * as Messages from "@crm-cost/domain/Messages"
import { Decimal, Money, toFixedString } from "@crm-cost/domain/Money"

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [k: string]: Json }

const isMessage = (u: object): u is Messages.Message =>
  "key" in u &&
  "params" in u &&
  typeof u.key === "string" &&
  Object.hasOwn(Messages.catalogs.en, u.key) &&
  Object.keys(u).length === 2

/** Render a domain value for the wire. */
export const toJson = (value: unknown, locale: Messages.Locale): Json => {
  if (value === null || value === undefined) return null
  if (typeof value === "string" || typeof value === "boolean") return value
  if (typeof value === "number") return Number.isFinite(value) ? value : null
  if (typeof value === "bigint") return value.toString()
  if (value instanceof Money) return { amount: toFixedString(value), currency: value.currency }
  if (value instanceof Decimal) return value.toFixed()
  if (Array.isArray(value)) return value.map((v) => toJson(v, locale))
  if (typeof value !== "object") return null
  if (value instanceof Error) {
    return {
      code: "_tag" in value && typeof value._tag === "string" ? value._tag : "Error",
      message: value.message,
    }
  }
  if (isMessage(value)) return Messages.render(value, locale)
  const out: Record<string, Json> = {}
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || typeof v === "function") continue
    out[k] = toJson(v, locale)
  }
  return out
}

const quoted = (s: string) => JSON.stringify(s)

// Keys are the field names of the domain's shapes: a few dozen, each written once
// as it opens a member (`"key":`).
const memberStarts = new Map<string, string>()
const memberStart = (key: string) => {
  let text = memberStarts.get(key)
  if (text === undefined) {
    text = `${quoted(key)}:`
    if (memberStarts.size < 1024) memberStarts.set(key, text)
  }
  return text
}

// A Money never changes, and a schedule repeats the same few values: each is written once.
// An amount has digits, a sign and a point; a currency is an ISO code: nothing to escape.
const moneyTexts = new WeakMap<Money, string>()
const moneyText = (value: Money): string => {
  let text = moneyTexts.get(value)
  if (text === undefined) {
    text = `{"amount":"${toFixedString(value)}","currency":"${value.currency}"}`
    moneyTexts.set(value, text)
  }
  return text
}

const isFiniteNumber = (u: unknown): boolean => typeof u === "number" && Number.isFinite(u)

/**
 * The JSON text of `toJson(value, locale)`, written in one walk with no tree
 * in between: what `JSON.stringify(toJson(value, locale))` gives, byte for
 * byte, for the large answers of the pricing routes.
 */
export const toJsonText = (value: unknown, locale: Messages.Locale): string => {
  if (value === null || value === undefined) return "null"
  switch (typeof value) {
    case "string":
      return quoted(value)
    case "boolean":
      return value ? "true" : "false"
    case "number":
      return Number.isFinite(value) ? String(value) : "null"
    case "bigint":
      return `"${value.toString()}"`
    case "object":
      break
    default:
      return "null"
  }
  if (Array.isArray(value)) {
    // Months (paid in, seats) are lists of counts: written as JSON writes them.
    if (value.every(isFiniteNumber)) return `[${value.join(",")}]`
    let out = "["
    for (let i = 0; i < value.length; ) {
      const item: unknown = value[i]
      // A schedule repeats one value month after month: a run of the same item is
      // written once and repeated, a few pieces where the loop would append one
      // per month to the text (which the socket then flattens piece by piece).
      let end = i + 1
      while (end < value.length && value[end] === item) end++
      const text = item instanceof Money ? moneyText(item) : toJsonText(item, locale)
      out += i > 0 ? `,${text}` : text
      if (end - i > 1) out += `,${text}`.repeat(end - i - 1)
      i = end
    }
    return `${out}]`
  }
  if (value instanceof Money) return moneyText(value)
  if (value instanceof Decimal) return `"${value.toFixed()}"`
  if (value instanceof Error || isMessage(value)) return JSON.stringify(toJson(value, locale))
  let out = "{"
  const fields = value as Readonly<Record<string, unknown>>
  for (const k of Object.keys(fields)) {
    const v = fields[k]
    if (v === undefined || typeof v === "function") continue
    if (out.length > 1) out += ","
    out += memberStart(k)
    out += toJsonText(v, locale)
  }
  return `${out}}`
}
