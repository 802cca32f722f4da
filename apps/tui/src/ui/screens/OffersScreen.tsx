/**
 * Offers: the built-in ones, those of the user's catalog files and the
 * tenant's own from the store, filtered by text, vendor, fee model and currency.
 */
import * as Offer from "@crm-cost/domain/Offer"
import { Box, Text } from "ink"
import type { Custom } from "../../TenantOffers.js"
import { type KeysRef, useEnv } from "../AppContext.js"
import { table, window } from "../Layout.js"
import type { Live } from "../Live.js"
import { Toned } from "../Theme.js"

/** The tenant's offers as read from the store, after the first frame. */
export type TenantOffersLoad =
  | { readonly _tag: "Loading" }
  | { readonly _tag: "Failed"; readonly reason: string }
  | { readonly _tag: "Loaded"; readonly custom: Custom }

export interface OffersState {
  readonly cursor: number
  readonly query: string
  readonly editing: boolean
  readonly vendor: string | undefined
  readonly model: Offer.FeeModel | undefined
  readonly currency: string | undefined
}

export const initialOffersState: OffersState = {
  cursor: 0,
  query: "",
  editing: false,
  vendor: undefined,
  model: undefined,
  currency: undefined,
}

/** The offers that pass the filters, in catalog order. */
export const visibleOffers = (
  offers: ReadonlyArray<Offer.Offer>,
  s: OffersState,
): ReadonlyArray<Offer.Offer> => {
  const q = s.query.trim().toLowerCase()
  return offers.filter(
    (o) =>
      (q === "" || `${o.id} ${o.vendor} ${o.name}`.toLowerCase().includes(q)) &&
      (s.vendor === undefined || o.vendor === s.vendor) &&
      (s.model === undefined || Offer.feeModels(o).includes(s.model)) &&
      (s.currency === undefined || o.currency === s.currency),
  )
}

/** The next value of a filter: all → first → … → last → all. */
const cycle = <A,>(values: ReadonlyArray<A>, current: A | undefined): A | undefined => {
  if (current === undefined) return values[0]
  const i = values.indexOf(current)
  return i < 0 || i + 1 >= values.length ? undefined : values[i + 1]
}

export const OffersScreen = (props: {
  readonly state: Live<OffersState>
  readonly tenantOffers: TenantOffersLoad
  readonly marked: Live<ReadonlyArray<string>>
  readonly onOpen: (id: string) => void
  readonly active: boolean
  readonly keys: KeysRef
  readonly columns: number
  readonly height: number
}) => {
  const { t, catalog } = useEnv()
  const tenantNote = (load: TenantOffersLoad): ReadonlyArray<string> =>
    load._tag === "Failed"
      ? [t.offers.tenantUnavailable]
      : load._tag === "Loaded" && load.custom.tenant !== undefined
        ? [t.offers.tenantOffers(load.custom.offers.length, load.custom.tenant.name)]
        : []
  const s = props.state.get()
  const offers = visibleOffers(catalog.offers, s)
  const cursor = Math.min(s.cursor, Math.max(0, offers.length - 1))
  const marked = props.marked.get()

  // Registered while drawing, so no key is lost while the screen mounts.
  props.keys.current = props.active
    ? (input, key) => {
        // The latest state, not the one this frame was drawn from.
        const s = props.state.get()
        const offers = visibleOffers(catalog.offers, s)
        const cursor = Math.min(s.cursor, Math.max(0, offers.length - 1))
        const current = offers[cursor]
        const set = (patch: Partial<OffersState>) => props.state.set((p) => ({ ...p, ...patch }))
        if (s.editing) {
          if (key.return) set({ editing: false })
          else if (key.escape) set({ editing: false, query: "", cursor: 0 })
          else if (key.backspace || key.delete) set({ query: s.query.slice(0, -1), cursor: 0 })
          else if (key.upArrow || key.downArrow) set({ editing: false })
          else if (input !== "" && !key.ctrl && !key.meta && !key.tab)
            set({ query: s.query + input, cursor: 0 })
          return
        }
        if (key.upArrow || input === "k") set({ cursor: Math.max(0, cursor - 1) })
        else if (key.downArrow || input === "j")
          set({ cursor: Math.min(offers.length - 1, cursor + 1) })
        else if (key.pageUp) set({ cursor: Math.max(0, cursor - props.height) })
        else if (key.pageDown) set({ cursor: Math.min(offers.length - 1, cursor + props.height) })
        else if (input === "/") set({ editing: true })
        else if (key.escape) set({ query: "", cursor: 0 })
        else if (input === " " && current)
          props.marked.set((m) =>
            m.includes(current.id) ? m.filter((x) => x !== current.id) : [...m, current.id],
          )
        else if (key.return && current) props.onOpen(current.id)
        else if (input === "v") {
          const vendors = [...new Set(catalog.offers.map((o) => o.vendor))]
          set({ vendor: cycle(vendors, s.vendor), cursor: 0 })
        } else if (input === "m") {
          const models = Offer.FeeModel.literals
          set({ model: cycle(models, s.model), cursor: 0 })
        } else if (input === "c") {
          const currencies = [...new Set(catalog.offers.map((o) => o.currency))].sort()
          set({ currency: cycle(currencies, s.currency), cursor: 0 })
        } else if (input === "x")
          set({ vendor: undefined, model: undefined, currency: undefined, query: "", cursor: 0 })
      }
    : undefined

  const wide = props.columns >= 110
  const columns = [
    { header: "", width: 2 },
    { header: t.offers.vendor, min: 8, grow: 1 },
    { header: t.offers.offer, min: 12, grow: 2 },
    ...(wide ? [{ header: t.offers.id, min: 10 }] : []),
    { header: t.offers.currency, width: 4 },
    { header: t.offers.models, min: 8 },
    { header: t.offers.origin, min: 4 },
  ]
  const rows = offers.map((o) => [
    marked.includes(o.id) ? "*" : "",
    o.vendor,
    o.status === "legacy" ? `${o.name} (${t.offers.legacy})` : o.name,
    ...(wide ? [o.id] : []),
    o.currency,
    Offer.feeModels(o)
      .map((m) => t.feeModels[m])
      .join(", "),
    t.offers.origins[catalog.origin(o.id)],
  ])
  const laid = table(columns, rows, props.columns - 2)
  const listHeight = Math.max(3, props.height - 3)
  const shown = window(laid.lines, cursor, listHeight)
  const all = t.offers.all
  const filterLine = [
    `${t.offers.filter}: ${s.query === "" && !s.editing ? "—" : s.query}${s.editing ? "▏" : ""}`,
    `${t.help.vendor}: ${s.vendor ?? all}`,
    `${t.help.model}: ${s.model === undefined ? all : t.feeModels[s.model]}`,
    `${t.help.currency}: ${s.currency ?? all}`,
  ].join("  ")

  return (
    <Box flexDirection="column">
      <Toned tone={s.editing ? "accent" : undefined} bold={s.editing}>
        {filterLine}
      </Toned>
      <Toned bold>{`  ${laid.header}`}</Toned>
      {offers.length === 0 ? (
        <Toned tone="muted">{t.offers.none}</Toned>
      ) : (
        shown.items.map((line, i) => {
          const index = shown.start + i
          const selected = index === cursor
          return selected ? (
            <Toned key={offers[index]?.id ?? index} inverse tone="accent">
              {`› ${line}`}
            </Toned>
          ) : (
            <Text key={offers[index]?.id ?? index} wrap="truncate-end">{`  ${line}`}</Text>
          )
        })
      )}
      <Toned tone="muted">
        {[
          t.offers.count(offers.length, catalog.offers.length),
          t.offers.marked(marked.length),
          ...tenantNote(props.tenantOffers),
        ].join(" · ")}
      </Toned>
    </Box>
  )
}
