/** What every screen reads: the runner, the reader's language and formatters, colour. */
import type * as Messages from "@crm-cost/domain/Messages"
import type { Key } from "ink"
import { createContext, type RefObject, useContext } from "react"
import type { Texts } from "../i18n/Texts.js"
import type { OfferCatalog } from "../OfferCatalog.js"
import type { Runner } from "../runtime.js"

export interface AppEnv {
  readonly runner: Runner
  readonly locale: Messages.Locale
  readonly t: Texts
  readonly format: Messages.Format
  readonly color: boolean
  readonly catalog: OfferCatalog
  /** Today in the user's time zone (YYYY-MM-DD): the default start of a need. */
  readonly today: string
}

const Context = createContext<AppEnv | undefined>(undefined)

export const AppEnvProvider = Context.Provider

export const useEnv = (): AppEnv => {
  const env = useContext(Context)
  if (env === undefined) throw new Error("useEnv outside AppEnvProvider")
  return env
}

export type KeyHandler = (input: string, key: Key) => void

/** Where the screen on show puts its key handler; the app's one input hook calls it. */
export type KeysRef = RefObject<KeyHandler | undefined>
