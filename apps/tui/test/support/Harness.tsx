/** Renders the real app, or one of its screens, over test layers (fixed language, a SQLite file) with ink-testing-library. */
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import * as Calendar from "@crm-cost/domain/Calendar"
import * as Messages from "@crm-cost/domain/Messages"
import * as Database from "@crm-cost/store/Database"
import * as Store from "@crm-cost/store/Store"
import { Effect, Exit, Layer, Option } from "effect"
import { render } from "ink-testing-library"
import type { ReactElement } from "react"
import { texts } from "../../src/i18n/Texts.js"
import * as OfferCatalog from "../../src/OfferCatalog.js"
import * as Runtime from "../../src/runtime.js"
import { Settings } from "../../src/Settings.js"
import { App } from "../../src/ui/App.js"
import { AppEnvProvider } from "../../src/ui/AppContext.js"
import type { Screen } from "../../src/ui/Chrome.js"

export const tempDb = () =>
  Path.join(Fs.mkdtempSync(Path.join(Os.tmpdir(), "crm-cost-tui-")), "crm-cost.db")

export const storeLayer = (file: string) => Store.layerOn(Database.layerSqlite(file))

export const keys = {
  up: "\u001B[A",
  down: "\u001B[B",
  right: "\u001B[C",
  left: "\u001B[D",
  enter: "\r",
  tab: "\t",
  backspace: "\u007F",
} as const

export const today = Calendar.unsafeMake("2026-11-27")

/** What a test renders under: its language, and optionally a database file and a tenant. */
export interface RenderOptions {
  readonly locale: Messages.Locale
  readonly db?: string
  readonly tenant?: string
}

/** The real app, opened on a screen if one is given. */
export const renderApp = (options: RenderOptions & { readonly screen?: Screen }) =>
  renderScreen(
    options,
    <App {...(options.screen === undefined ? {} : { initialScreen: options.screen })} />,
  )

/**
 * One element (the app, or a single screen given the props the app cannot
 * state) inside the environment the app's main builds: a runtime over the
 * test layers and the offer catalog it loads.
 */
export const renderScreen = async (options: RenderOptions, element: ReactElement) => {
  const settings = Layer.succeed(Settings, {
    locale: options.locale,
    color: false,
    tenant: Option.fromNullable(options.tenant),
    catalogs: [],
    today,
  })
  const runner = Runtime.make(
    Runtime.withStore(Effect.succeed(storeLayer(options.db ?? tempDb())), settings),
  )
  await runner.ready()
  const catalog = await runner.promise(OfferCatalog.OfferCatalog)
  if (Exit.isFailure(catalog)) throw new Error("catalog")
  const instance = render(
    <AppEnvProvider
      value={{
        runner,
        locale: options.locale,
        t: texts[options.locale],
        format: Messages.forLocale(options.locale),
        color: false,
        catalog: catalog.value,
        today,
      }}
    >
      {element}
    </AppEnvProvider>,
  )
  const frame = () => instance.lastFrame() ?? ""
  /** Wait until the frame shows what is expected (no time is asserted: the wait only bounds a hang). */
  const waitFor = async (predicate: (frame: string) => boolean) => {
    for (let i = 0; i < 500; i++) {
      if (predicate(frame())) return frame()
      await new Promise((r) => setTimeout(r, 10))
    }
    throw new Error(`the screen never showed what was expected:\n${frame()}`)
  }
  const waitForText = (...texts: ReadonlyArray<string>) =>
    waitFor((f) => texts.every((t) => f.includes(t)))
  /**
   * Type keys one at a time. The test stdin holds one chunk: the next key is
   * written only once the app has read the previous one (or it would be lost).
   */
  const press = async (...input: ReadonlyArray<string>) => {
    for (const k of input) {
      instance.stdin.write(k)
      for (let i = 0; i < 500 && instance.stdin.data !== null; i++)
        await new Promise((r) => setTimeout(r, 5))
      await new Promise((r) => setTimeout(r, 5))
    }
  }
  const type = (text: string) => press(...text)
  const close = async () => {
    instance.unmount()
    await runner.dispose()
  }
  return { ...instance, runner, frame, waitFor, waitForText, press, type, close }
}
