/**
 * The commands for scripts: `quote` and `compare`, printed as a table or as
 * JSON. Input is checked by the domain's schemas; every figure comes from
 * the domain. Failures carry the exit code and a message in the reader's
 * language.
 */
import type * as BreakEven from "@crm-cost/domain/BreakEven"
import * as Compare from "@crm-cost/domain/Compare"
import { offerLabel } from "@crm-cost/domain/Errors"
import { categories } from "@crm-cost/domain/FeeComponent"
import * as Messages from "@crm-cost/domain/Messages"
import { type Money, toFixedString } from "@crm-cost/domain/Money"
import type { Offer } from "@crm-cost/domain/Offer"
import * as Quote from "@crm-cost/domain/Quote"
import { Data, Effect, Either } from "effect"
import type * as Cli from "./Cli.js"
import { type Texts, texts } from "./i18n/Texts.js"
import { OfferCatalog } from "./OfferCatalog.js"
import * as ProfileInput from "./ProfileInput.js"
import { Settings } from "./Settings.js"
import { describe } from "./ui/Errors.js"
import { table } from "./ui/Layout.js"

/** A command that could not do its work: exit code 2 for bad input, 1 when it cannot be priced. */
export class CommandFailed extends Data.TaggedError("CommandFailed")<{
  readonly message: string
  readonly exitCode: 1 | 2
}> {}

const wire = (m: Money) => ({ amount: toFixedString(m), currency: m.currency })

const profileOf = (t: Texts, today: string, need: Cli.NeedOptions) => {
  const input: ProfileInput.ProfileInput = {
    ...ProfileInput.defaults(need.start ?? today),
    seats: need.seats ?? "10",
    horizon: need.months ?? "36",
    growth: need.growth ?? "",
  }
  const option: Record<ProfileInput.Field, string> = {
    seats: "--seats",
    horizon: "--months",
    growth: "--growth",
    start: "--start",
    modules: "modules",
    integrations: "integrations",
    usage: "usage",
    terms: "terms",
    tax: "tax",
  }
  return Either.match(ProfileInput.decode(input), {
    onRight: Effect.succeed,
    onLeft: (problems) =>
      Effect.fail(
        new CommandFailed({
          exitCode: 2,
          message: t.cli.invalidProfile(
            problems
              .map((p) => (p.field === undefined ? p.message : `${option[p.field]}: ${p.message}`))
              .join("; "),
          ),
        }),
      ),
  })
}

const findOffer = (t: Texts, offers: ReadonlyArray<Offer>, id: string) => {
  const offer = offers.find((o) => o.id === id)
  return offer === undefined
    ? Effect.fail(new CommandFailed({ exitCode: 2, message: t.cli.unknownOffer(id) }))
    : Effect.succeed(offer)
}

const wide = 10_000

export const quote = (cmd: Extract<Cli.Command, { _tag: "Quote" }>) =>
  Effect.gen(function* () {
    const settings = yield* Settings
    const { offers } = yield* OfferCatalog
    const t = texts[settings.locale]
    const locale = settings.locale
    const f = Messages.forLocale(locale)
    const offer = yield* findOffer(t, offers, cmd.offer)
    const profile = yield* profileOf(t, settings.today, cmd)
    let termMonths: number | undefined
    if (cmd.term !== undefined) {
      if (!/^\d+$/.test(cmd.term))
        return yield* new CommandFailed({
          exitCode: 2,
          message: t.cli.notAnInteger("--term", cmd.term),
        })
      termMonths = Number(cmd.term)
    }
    const q = yield* Quote.make(
      offer,
      profile,
      termMonths === undefined ? {} : { termMonths },
    ).pipe(
      Effect.mapError(
        (e) =>
          new CommandFailed({ exitCode: 1, message: t.cli.cannotQuote(offer.id, describe(t, e)) }),
      ),
    )
    if (cmd.json) {
      return JSON.stringify(
        {
          offer: { id: offer.id, vendor: offer.vendor, name: offer.name },
          seats: profile.seats,
          horizonMonths: q.horizonMonths,
          termMonths: q.termMonths,
          currency: q.currency,
          total: wire(q.total),
          net: wire(q.net),
          tax: wire(q.tax),
          costPerSeatMonth: q.costPerSeatMonth === undefined ? null : wire(q.costPerSeatMonth),
          unusedPrepaidMonths: q.unusedPrepaidMonths,
          complete: q.complete,
          unpriced: q.unpriced.map((u) => ({
            componentId: u.componentId,
            name: u.name,
            reason: u.reason,
          })),
          totalsByCategory: Object.fromEntries(
            categories.map((c) => [c, wire(q.totalsByCategory[c])]),
          ),
          lines: q.lines.map((l) => ({
            id: l.id,
            label: l.label,
            category: l.category,
            kind: l.kind,
            basis: Messages.render(l.basis, locale),
            amount: wire(l.amount),
          })),
          cashFlow: q.cashFlow.map(wire),
        },
        null,
        2,
      )
    }
    const lines = table(
      [
        { header: t.quote.line },
        { header: t.quote.basis },
        { header: t.quote.amount, align: "right" },
      ],
      q.lines.map((l) => [
        l.kind === "tax" ? `  ${t.quote.tax}` : l.label,
        Messages.render(l.basis, locale),
        f.money(l.amount),
      ]),
      wide,
    )
    const summary = table(
      [{ header: "" }, { header: "", align: "right" }],
      [
        [t.quote.total, f.money(q.total)],
        ...(q.tax.amount.isZero()
          ? []
          : [
              [t.quote.net, f.money(q.net)],
              [t.quote.tax, f.money(q.tax)],
            ]),
        ...(q.costPerSeatMonth ? [[t.quote.perSeatMonth, f.money(q.costPerSeatMonth)]] : []),
        ...(q.cashFlow[0] ? [[t.quote.firstMonth, f.money(q.cashFlow[0])]] : []),
      ],
      wide,
    )
    return [
      `${t.cli.offer}: ${offer.vendor} — ${offer.name} [${offer.id}]`,
      `${t.cli.seats}: ${profile.seats} · ${t.cli.months}: ${profile.horizonMonths} · ${t.quote.termLabel}: ${t.quote.term(q.termMonths)}`,
      "",
      lines.header,
      ...lines.lines,
      "",
      ...summary.lines,
      ...(q.unusedPrepaidMonths > 0 ? [t.quote.unusedPrepaid(q.unusedPrepaidMonths)] : []),
      ...(q.complete ? [] : [`${t.quote.incomplete}: ${q.unpriced.map((u) => u.name).join(", ")}`]),
    ].join("\n")
  })

export const compare = (cmd: Extract<Cli.Command, { _tag: "Compare" }>) =>
  Effect.gen(function* () {
    const settings = yield* Settings
    const { offers: all } = yield* OfferCatalog
    const locale = settings.locale
    const t = texts[locale]
    const f = Messages.forLocale(locale)
    const offers = yield* Effect.forEach(cmd.offers, (id) => findOffer(t, all, id))
    const profile = yield* profileOf(t, settings.today, cmd)
    const c = yield* Compare.make(offers, profile).pipe(
      Effect.mapError((e) => new CommandFailed({ exitCode: 1, message: describe(t, e) })),
    )
    const byId = new Map<string, Offer>(offers.map((o) => [o.id, o]))
    const name = (id: string) => {
      const o = byId.get(id)
      return o === undefined ? id : offerLabel(o)
    }
    const failure = (x: BreakEven.OfferFailure) => Messages.render(x.message, locale)
    if (cmd.json) {
      return JSON.stringify(
        {
          currency: c.currency,
          seats: profile.seats,
          horizonMonths: profile.horizonMonths,
          ranking: c.ranking.map((r) => ({
            rank: r.rank,
            offerId: r.offerId,
            label: name(r.offerId),
            termMonths: r.term.termMonths,
            total: wire(r.total),
            gap: wire(r.gap),
            gapPercent: r.gapPercent?.toString() ?? null,
            costPerSeatMonth:
              r.quote.costPerSeatMonth === undefined ? null : wire(r.quote.costPerSeatMonth),
            complete: r.complete,
            terms: r.term.options.map((o) => ({
              termMonths: o.termMonths,
              total: wire(o.total),
              unusedPrepaidMonths: o.unusedPrepaidMonths,
            })),
          })),
          failed: c.failed.map((x) => ({
            offerId: x.offerId,
            error: x.error._tag,
            message: failure(x),
          })),
          breakEvenSeats: (c.seats?.pairs ?? []).map((p) => ({
            a: p.a,
            b: p.b,
            from: p.from,
            to: p.to,
            start: p.start,
            crossings: p.crossings,
          })),
          crossoverMonths: c.months.map((p) => ({
            a: p.a,
            b: p.b,
            start: p.start,
            // 1-based, as a person counts months.
            crossings: p.crossings.map((x) => ({ ...x, month: x.month + 1 })),
          })),
          summary: c.summary.map((m) => Messages.render(m, locale)),
        },
        null,
        2,
      )
    }
    const ranked = table(
      [
        { header: t.compare.rank, align: "right" },
        { header: t.compare.offer },
        { header: t.compare.term },
        { header: t.compare.total, align: "right" },
        { header: t.compare.gap, align: "right" },
        { header: t.compare.perSeat, align: "right" },
      ],
      c.ranking.map((r) => [
        String(r.rank),
        `${name(r.offerId)}${r.complete ? "" : " *"}`,
        t.quote.term(r.term.termMonths),
        f.money(r.total),
        r.gap.amount.isZero()
          ? "—"
          : `+${f.money(r.gap)}${r.gapPercent === undefined ? "" : ` (${f.percent(r.gapPercent)})`}`,
        r.quote.costPerSeatMonth === undefined ? "—" : f.money(r.quote.costPerSeatMonth),
      ]),
      wide,
    )
    return [
      `${t.cli.seats}: ${profile.seats} · ${t.cli.months}: ${profile.horizonMonths}`,
      "",
      ranked.header,
      ...ranked.lines,
      ...c.failed.map((x) => `✗ ${name(x.offerId)}: ${failure(x)}`),
      "",
      ...c.summary.map((m) => Messages.render(m, locale)),
    ].join("\n")
  })
