/** The interactive app: five screens, one shared need, keyboard first. */
import { Effect, Exit } from "effect"
import { Box, type Key, useApp, useInput, useStdin, useStdout } from "ink"
import { useEffect, useMemo, useRef, useState } from "react"
import * as OfferCatalog from "../OfferCatalog.js"
import * as ProfileInput from "../ProfileInput.js"
import { TenantOffers } from "../TenantOffers.js"
import { AppEnvProvider, type KeyHandler, useEnv } from "./AppContext.js"
import {
  globalHints,
  HelpBar,
  HelpOverlay,
  type Hint,
  type Screen,
  screens,
  Tabs,
} from "./Chrome.js"
import { useLive } from "./Live.js"
import { CompareScreen } from "./screens/CompareScreen.js"
import { HiddenFeesScreen } from "./screens/HiddenFeesScreen.js"
import {
  initialOffersState,
  OffersScreen,
  type OffersState,
  type TenantOffersLoad,
  visibleOffers,
} from "./screens/OffersScreen.js"
import { initialQuoteFormState, QuoteScreen, textFields } from "./screens/QuoteScreen.js"
import { SubscriptionsScreen } from "./screens/SubscriptionsScreen.js"

const useSize = () => {
  const { stdout } = useStdout()
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 })
  const [size, setSize] = useState(read)
  useEffect(() => {
    const onResize = () => setSize(read())
    stdout.on("resize", onResize)
    return () => {
      stdout.off("resize", onResize)
    }
  })
  return size
}

/**
 * The tenant's own offers, read from the store once the first frame is
 * drawn (an effect runs after it), so the store never delays the start.
 */
const useTenantOffers = (interactive: boolean): TenantOffersLoad => {
  const { runner } = useEnv()
  const [load, setLoad] = useState<TenantOffersLoad>({ _tag: "Loading" })
  useEffect(() => {
    // One frame and out without a terminal: the store is not worth opening.
    if (!interactive) return
    let live = true
    void runner.promise(Effect.flatMap(TenantOffers, (s) => s.list)).then((exit) => {
      if (!live) return
      setLoad(
        Exit.isSuccess(exit)
          ? { _tag: "Loaded", custom: exit.value }
          : {
              _tag: "Failed",
              reason: exit.cause._tag === "Fail" ? exit.cause.error.reason : String(exit.cause),
            },
      )
    })
    return () => {
      live = false
    }
  }, [runner, interactive])
  return load
}

export const App = (props: { readonly initialScreen?: Screen }) => {
  const env = useEnv()
  const { t, today } = env
  const { exit } = useApp()
  const { isRawModeSupported } = useStdin()
  const interactive = isRawModeSupported === true
  const { columns, rows } = useSize()
  const tenantOffers = useTenantOffers(interactive)
  const catalog = useMemo(
    () =>
      tenantOffers._tag === "Loaded"
        ? OfferCatalog.withTenant(env.catalog, tenantOffers.custom.offers)
        : env.catalog,
    [env.catalog, tenantOffers],
  )
  const withCatalog = useMemo(() => ({ ...env, catalog }), [env, catalog])

  const screenLive = useLive<Screen>(() => props.initialScreen ?? "offers")
  const helpLive = useLive(() => false)
  const offersState = useLive(() => initialOffersState)
  const marked = useLive<ReadonlyArray<string>>(() => [])
  const input = useLive(() => ProfileInput.defaults(today))
  const quoteState = useLive(() => initialQuoteFormState)

  const selected = (s: OffersState) => {
    const visible = visibleOffers(catalog.offers, s)
    return visible[Math.min(s.cursor, visible.length - 1)]
  }
  /** Where the user is typing text, q, ? and digits are characters; Tab and Ctrl+C still work. */
  const typingMode = (screen: Screen) => {
    const field = ProfileInput.fields[quoteState.get().focus] ?? "seats"
    const onForm = screen === "quote" && selected(offersState.get()) !== undefined
    const typing =
      (screen === "offers" && offersState.get().editing) || (onForm && textFields.includes(field))
    return { typing, digits: typing || onForm }
  }

  const screen = screenLive.get()
  const help = helpLive.get()
  const offer = selected(offersState.get())
  const currentInput = input.get()
  const profile = useMemo(() => ProfileInput.decode(currentInput), [currentInput])
  const { typing } = typingMode(screen)
  const markedIds = marked.get()
  const compared = useMemo(
    () => markedIds.flatMap((id) => catalog.offers.filter((o) => o.id === id)),
    [markedIds, catalog],
  )

  const keys = useRef<KeyHandler | undefined>(undefined)

  const onKey = (ch: string, key: Key) => {
    const screen = screenLive.get()
    if (helpLive.get()) {
      if (key.escape || ch === "?") helpLive.set(false)
      else if (ch === "q") exit()
      return
    }
    const i = screens.indexOf(screen)
    if (key.tab) {
      screenLive.set(screens[(i + (key.shift ? screens.length - 1 : 1)) % screens.length] ?? screen)
      return
    }
    const mode = typingMode(screen)
    if (!mode.digits && /^[1-5]$/.test(ch)) screenLive.set(screens[Number(ch) - 1] ?? screen)
    else if (!mode.typing && ch === "?") helpLive.set(true)
    else if (!mode.typing && ch === "q") exit()
    else keys.current?.(ch, key)
  }

  useInput(
    (ch, key) => {
      // Keys typed faster than the app reads them (a paste, a busy machine) arrive
      // as one chunk: handle them one character at a time, as typed.
      const chars = [...ch]
      if (chars.length > 1 && !key.ctrl && !key.meta && !key.escape) {
        for (const c of chars) onKey(c, key)
      } else {
        onKey(ch, key)
      }
    },
    { isActive: interactive },
  )

  const bodyHeight = Math.max(8, rows - 4)
  // Screens keep their key handler while the help shows: the input hook above
  // routes no key to them then, and the first key after the help closes must
  // not wait for a render to find a handler.
  const active = interactive
  const hints: Record<Screen, ReadonlyArray<Hint>> = {
    offers: offersState.get().editing
      ? [
          ["Enter", t.help.filter],
          ["Esc", t.help.clear],
        ]
      : [
          ["↑↓", t.help.move],
          ["/", t.help.filter],
          ["Space", t.help.mark],
          ["Enter", t.help.open],
          ["v m c", `${t.help.vendor}/${t.help.model}/${t.help.currency}`],
          ["x", t.help.clear],
        ],
    quote: [
      ["↑↓", t.help.field],
      ["←→", t.help.term],
      ["abc 123", t.help.edit],
    ],
    compare: [["1", t.screens.offers]],
    hiddenFees: [["↑↓", t.help.move]],
    subscriptions: [
      ["↑↓", t.help.move],
      ["r", t.help.reload],
    ],
  }

  const body = (() => {
    switch (screen) {
      case "offers":
        return (
          <OffersScreen
            state={offersState}
            tenantOffers={tenantOffers}
            marked={marked}
            onOpen={() => screenLive.set("quote")}
            active={active}
            keys={keys}
            columns={columns}
            height={bodyHeight}
          />
        )
      case "quote":
        return (
          <QuoteScreen
            offer={offer}
            input={input}
            fields={ProfileInput.fields}
            profile={profile}
            state={quoteState}
            active={active}
            keys={keys}
            columns={columns}
            height={bodyHeight}
          />
        )
      case "compare":
        return (
          <CompareScreen
            offers={compared}
            profile={profile}
            active={active}
            keys={keys}
            columns={columns}
            height={bodyHeight}
          />
        )
      case "hiddenFees":
        return (
          <HiddenFeesScreen
            offer={offer}
            profile={profile}
            active={active}
            keys={keys}
            columns={columns}
            height={bodyHeight}
          />
        )
      case "subscriptions":
        return (
          <SubscriptionsScreen active={active} keys={keys} columns={columns} height={bodyHeight} />
        )
    }
  })()

  return (
    <AppEnvProvider value={withCatalog}>
      <Box flexDirection="column" width={columns}>
        <Tabs current={screen} columns={columns} />
        <Box flexDirection="column" height={bodyHeight}>
          {help ? <HelpOverlay columns={columns} /> : body}
        </Box>
        <HelpBar
          hints={[...hints[screen], ...globalHints(t, typing ? "Ctrl+C" : "q")]}
          columns={columns}
        />
      </Box>
    </AppEnvProvider>
  )
}
