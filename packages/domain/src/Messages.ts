/**
 * The one message catalog of the domain: typed keys with typed parameters,
 * in en and zh-CN. Domain results carry `Message` values; adapters render
 * them for the reader's locale.
 */
import { en } from "./messages/en.js"
import { type Format, forLocale, type Locale } from "./messages/Format.js"
import { zhCN } from "./messages/zh-CN.js"

export { type Format, forLocale, fromTag, type Locale, locales } from "./messages/Format.js"

export type Key = keyof typeof en
export type Params<K extends Key> = Parameters<(typeof en)[K]>[0]
export type Catalog = { readonly [K in Key]: (p: Params<K>, f: Format) => string }
/** The zh-CN part that mirrors an en part: same keys, same parameters. */
export type Part<E extends Record<string, (p: never, f: Format) => string>> = {
  readonly [K in keyof E]: (p: Parameters<E[K]>[0], f: Format) => string
}

/** A text to show, not yet rendered: a key and its parameters. */
export type Message = { readonly [K in Key]: { readonly key: K; readonly params: Params<K> } }[Key]

export const catalogs: { readonly [L in Locale]: Catalog } = { en, "zh-CN": zhCN }

/** Build a message. @example make("basis.upfront", { amount }) */
export const make = <K extends Key>(key: K, params: Params<K>): Message =>
  ({ key, params }) as Message

/** Render a message in a locale. */
export const render = (message: Message, locale: Locale): string => {
  const text = catalogs[locale][message.key] as (p: Message["params"], f: Format) => string
  return text(message.params, forLocale(locale))
}
