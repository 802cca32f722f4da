/**
 * What the TUI was started with: language, colour, tenant and catalog files.
 * Flags win over the environment; the environment is read here, through
 * Config, and nowhere else.
 */
import * as Calendar from "@crm-cost/domain/Calendar"
import * as Messages from "@crm-cost/domain/Messages"
import { Clock, Config, Context, Effect, Layer, Option } from "effect"

export interface Flags {
  readonly lang?: Messages.Locale
  readonly tenant?: string
  readonly catalogs?: ReadonlyArray<string>
}

export interface Settings {
  readonly locale: Messages.Locale
  /** False when NO_COLOR is set (any value but empty) or the terminal is dumb. */
  readonly color: boolean
  readonly tenant: Option.Option<string>
  readonly catalogs: ReadonlyArray<string>
  /** Today in the user's time zone: the default start of a need. */
  readonly today: Calendar.CalendarDate
}

export const Settings = Context.GenericTag<Settings>("@crm-cost/tui/Settings")

const optional = (name: string) =>
  Config.option(Config.string(name)).pipe(Config.map(Option.filter((v) => v.trim() !== "")))

/** Read the settings: `--lang`, else LC_ALL / LC_MESSAGES / LANG; `--tenant`, else CRM_COST_TENANT. */
export const read = (flags: Flags) =>
  Effect.gen(function* () {
    const lcAll = yield* optional("LC_ALL")
    const lcMessages = yield* optional("LC_MESSAGES")
    const lang = yield* optional("LANG")
    const noColor = yield* optional("NO_COLOR")
    const term = yield* optional("TERM")
    const tenant = yield* optional("CRM_COST_TENANT")
    // Node's Intl already follows TZ.
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone
    const now = new Date(yield* Clock.currentTimeMillis)
    const today = yield* Effect.try(() => Calendar.fromInstant(now, timeZone)).pipe(
      Effect.orElseSucceed(() => Calendar.fromInstant(now, "UTC")),
    )
    const tag = Option.getOrUndefined(
      Option.orElse(lcAll, () => Option.orElse(lcMessages, () => lang)),
    )
    const settings: Settings = {
      locale: flags.lang ?? Messages.fromTag(tag),
      color: Option.isNone(noColor) && Option.getOrUndefined(term) !== "dumb",
      tenant: flags.tenant === undefined ? tenant : Option.some(flags.tenant),
      catalogs: flags.catalogs ?? [],
      today,
    }
    return settings
  })

export const layer = (flags: Flags) => Layer.effect(Settings, read(flags))
