/** Typed failures of the domain, told in the reader's language. */
import type { Texts } from "../i18n/Texts.js"

/** A domain error as text: its tag picks the sentence; an unknown tag falls back to its message. */
export const describe = (t: Texts, error: unknown): string => {
  if (typeof error !== "object" || error === null || !("_tag" in error)) return String(error)
  const e = error as { readonly _tag: unknown } & Record<string, unknown>
  const text = (k: string) => String(e[k] ?? "")
  const num = (k: string) => Number(e[k] ?? 0)
  const list = (k: string) => (Array.isArray(e[k]) ? (e[k] as Array<unknown>).join(", ") : "")
  switch (e._tag) {
    case "SeatLimitExceeded":
      return t.errors.SeatLimitExceeded({
        seats: num("seats"),
        maxSeats: num("maxSeats"),
        month: num("month"),
      })
    case "UnknownModule":
      return t.errors.UnknownModule({ module: text("module") })
    case "UnknownIntegration":
      return t.errors.UnknownIntegration({ integration: text("integration") })
    case "MissingFxRate":
      return t.errors.MissingFxRate({ from: text("from"), to: text("to") })
    case "UnsupportedTerm":
      return t.errors.UnsupportedTerm({ allowed: list("allowed") })
    case "MissingLabourRate":
      return t.errors.MissingLabourRate()
    case "UnknownComponent":
      return t.errors.UnknownComponent({ componentId: text("componentId") })
    case "IncomparableCurrencies":
      return t.errors.IncomparableCurrencies({ currencies: list("currencies") })
    default:
      return error instanceof Error ? error.message : String(e._tag)
  }
}
