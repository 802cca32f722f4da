/** The API's texts by locale, and the locale a request asks for. Domain texts come from the domain's Messages. */
import { fromTag, type Locale } from "@crm-cost/domain/Messages"
import { en, type Texts } from "./en.js"
import { zhCN } from "./zh-CN.js"

export type { Texts } from "./en.js"

export const texts: { readonly [L in Locale]: Texts } = { en, "zh-CN": zhCN }

/**
 * The locale of an Accept-Language header: the supported language with the
 * highest weight (zh-CN or en), en when none is given or none is supported.
 */
export const fromAcceptLanguage = (header: string | undefined): Locale => {
  if (header === undefined || header.length > 512) return "en"
  let best: { locale: Locale; q: number } | undefined
  for (const part of header.split(",")) {
    const [tag = "", ...params] = part.trim().split(";")
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="))
    const q = qParam === undefined ? 1 : Number(qParam.slice(2))
    if (!Number.isFinite(q) || q <= 0) continue
    const t = tag.trim().toLowerCase()
    const locale: Locale | undefined = t.startsWith("zh")
      ? fromTag(t)
      : t.startsWith("en") || t === "*"
        ? "en"
        : undefined
    if (locale !== undefined && (best === undefined || q > best.q)) best = { locale, q }
  }
  return best?.locale ?? "en"
}
