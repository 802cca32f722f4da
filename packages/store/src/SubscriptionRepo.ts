/** Subscriptions in SQL, with their renewal date and notice deadline kept for the due scan. */
import { CalendarDate } from "@crm-cost/domain/Calendar"
import * as Money from "@crm-cost/domain/Money"
import { Currency, Decimal } from "@crm-cost/domain/Money"
import { OfferId } from "@crm-cost/domain/Offer"
import * as Ports from "@crm-cost/domain/Ports"
import type * as Renewal from "@crm-cost/domain/Renewal"
import * as Subscription from "@crm-cost/domain/Subscription"
import type { SqlError } from "@effect/sql/SqlError"
import { DateTime, Effect, Either, Layer, Option, ParseResult, Schema, Stream } from "effect"
import * as Columns from "./Columns.js"
import { Db, type Dialect, orDie } from "./Database.js"
import { channelsOf, followChannels } from "./DeliveryRepo.js"
import { ensureTenant } from "./TenantRepo.js"

const decode = Schema.decodeUnknown(Subscription.Subscription)
const encode = Schema.encode(Subscription.Subscription)

/** Rows read per page by the streaming scans. */
export const pageSize = 2_000

/** A row read with full validation of every field by the domain's schema (imports, checks). */
export const fromRowStrict = (row: Record<string, unknown>) =>
  decode({
    id: Columns.text(row.id),
    tenantId: Columns.text(row.tenant_id),
    vendor: Columns.text(row.vendor),
    ...(row.offer_id === null || row.offer_id === undefined
      ? {}
      : { offerId: Columns.text(row.offer_id) }),
    seatsBought: Columns.int(row.seats_bought),
    termStart: Columns.calendarDate(row.term_start),
    ...(row.anchor_day === null || row.anchor_day === undefined
      ? {}
      : { anchorDay: Columns.int(row.anchor_day) }),
    termMonths: Columns.int(row.term_months),
    autoRenew: Columns.bool(row.auto_renew),
    noticeDays: Columns.int(row.notice_days),
    recurringPrice: {
      amount: Columns.decimal(row.price_amount),
      currency: Columns.text(row.price_currency),
    },
    renewalUplift: Columns.decimal(row.renewal_uplift),
    quotas: Columns.json(row.quotas),
    owners: Columns.json(row.owners),
    channels: Columns.json(row.channels),
    timeZone: Columns.text(row.time_zone),
    reminderOffsets: Columns.json(row.reminder_offsets),
    status: Columns.text(row.status),
  })

// The JSON documents, which the database does not check, decoded by the
// domain's schemas once per distinct text (see `Columns.document`).
const quotasOf = Columns.document("quotas", Schema.Array(Subscription.SubscriptionQuota))
const ownersOf = Columns.document("owners", Schema.Array(Subscription.Owner))
const reminderOffsetsOf = Columns.document("reminder_offsets", Schema.Array(Schema.Int))

// No CHECK holds the currency, so it is checked on every read: by the schema
// the first time a code is seen, then by a map lookup (twenty codes at most).
const decodeCurrency = Schema.decodeUnknownEither(Currency)
const currencies = new Map<unknown, Either.Either<Currency, ParseResult.ParseError>>()
const currencyOf = (v: unknown): Either.Either<Currency, ParseResult.ParseError> => {
  const known = currencies.get(v)
  if (known !== undefined) return known
  const decoded = Either.mapLeft(decodeCurrency(v), (e) =>
    ParseResult.parseError(new ParseResult.Pointer("price_currency", v, e.issue)),
  )
  if (Either.isRight(decoded)) currencies.set(v, decoded)
  return decoded
}

// A CHECK holds the status; it is checked all the same, as cheaply.
const Status = Schema.Literal("active", "cancelled")
const active = Either.right("active" as const)
const cancelled = Either.right("cancelled" as const)
const statusOf = (v: unknown): Either.Either<typeof Status.Type, ParseResult.ParseError> =>
  v === "active"
    ? active
    : v === "cancelled"
      ? cancelled
      : Either.mapLeft(Schema.decodeUnknownEither(Status)(v), (e) =>
          ParseResult.parseError(new ParseResult.Pointer("status", v, e.issue)),
        )

// Few distinct uplifts ("0", "0.05"...): one immutable Decimal each.
const uplifts = new Map<string, Decimal>()
const upliftOf = (v: unknown): Decimal => {
  const text = Columns.decimal(v)
  let uplift = uplifts.get(text)
  if (uplift === undefined) {
    uplift = new Decimal(text)
    if (uplifts.size < 1_024) uplifts.set(text, uplift)
  }
  return uplift
}

/** What a subscription is made of: every field, as a plain object. */
export type SubscriptionFields = Renewal.Contract

/** The columns a subscription is read from, in the order of `fromValues`. */
export const readList = [
  "id",
  "tenant_id",
  "vendor",
  "offer_id",
  "seats_bought",
  "term_start",
  "anchor_day",
  "term_months",
  "auto_renew",
  "notice_days",
  "price_amount",
  "price_currency",
  "renewal_uplift",
  "quotas",
  "owners",
  "channels",
  "time_zone",
  "reminder_offsets",
  "status",
] as const
type ReadColumn = (typeof readList)[number]
const at = Object.fromEntries(readList.map((c, i) => [c, i])) as Record<ReadColumn, number>

/**
 * On PostgreSQL dates and documents are read as text: node-postgres would
 * build a Date per DATE and parse each JSONB, only for the read to turn them
 * back (the document memo is keyed by text). `to_char`, not `::text`, so the
 * server's DateStyle cannot change the format.
 */
const pgRead: Partial<Record<ReadColumn, string>> = {
  term_start: "to_char(term_start, 'YYYY-MM-DD')",
  price_amount: "price_amount::text",
  renewal_uplift: "renewal_uplift::text",
  quotas: "quotas::text",
  owners: "owners::text",
  channels: "channels::text",
  reminder_offsets: "reminder_offsets::text",
}

/** The SELECT list of `readList` for an engine. */
export const readColumns = (dialect: Dialect): string =>
  readList
    .map((c) => {
      const expression = dialect === "pg" ? pgRead[c] : undefined
      return expression === undefined ? c : `${expression} AS ${c}`
    })
    .join(", ")

/** `readColumns` and, after them, the date a keyset walk orders by, as text. */
const readColumnsAnd = (dialect: Dialect, date: "notice_deadline" | "renewal_date"): string =>
  `${readColumns(dialect)}, ${dialect === "pg" ? `to_char(${date}, 'YYYY-MM-DD')` : date} AS keyset_date`

/**
 * A row read for the hot paths (the due scan reads hundreds of thousands),
 * as the values of `readList` in order (`.values` of a `readColumns`
 * query): the flat columns were validated by the schema when written and
 * are held by the table's types and CHECKs, so they are taken as they are;
 * the currency and status are checked, and the JSON documents are decoded by
 * the schema once per distinct text (`Columns.document`). Imports go
 * through `fromRowStrict`, so every stored row has passed it.
 */
export const fromValues = (
  v: ReadonlyArray<unknown>,
): Either.Either<Subscription.Subscription, ParseResult.ParseError> =>
  Either.map(fieldsFromValues(v), (fields) => new Subscription.Subscription(fields, true))

/** The fields of `fromValues`, without building the class (the worker's hot path reads them as they are). */
export const fieldsFromValues = (
  v: ReadonlyArray<unknown>,
): Either.Either<SubscriptionFields, ParseResult.ParseError> => {
  const currency = currencyOf(v[at.price_currency])
  if (Either.isLeft(currency)) return Either.left(currency.left)
  const status = statusOf(v[at.status])
  if (Either.isLeft(status)) return Either.left(status.left)
  const quotas = quotasOf(v[at.quotas])
  if (Either.isLeft(quotas)) return Either.left(quotas.left)
  const owners = ownersOf(v[at.owners])
  if (Either.isLeft(owners)) return Either.left(owners.left)
  const channels = channelsOf(v[at.channels])
  if (Either.isLeft(channels)) return Either.left(channels.left)
  const reminderOffsets = reminderOffsetsOf(v[at.reminder_offsets])
  if (Either.isLeft(reminderOffsets)) return Either.left(reminderOffsets.left)
  const offerId = v[at.offer_id]
  const anchorDay = v[at.anchor_day]
  return Either.right({
    id: Subscription.SubscriptionId.make(Columns.text(v[at.id]), true),
    tenantId: Subscription.TenantId.make(Columns.text(v[at.tenant_id]), true),
    vendor: Columns.text(v[at.vendor]),
    ...(offerId === null || offerId === undefined
      ? {}
      : { offerId: OfferId.make(Columns.text(offerId), true) }),
    seatsBought: Columns.int(v[at.seats_bought]),
    termStart: CalendarDate.make(Columns.calendarDate(v[at.term_start]), true),
    ...(anchorDay === null || anchorDay === undefined ? {} : { anchorDay: Columns.int(anchorDay) }),
    termMonths: Columns.int(v[at.term_months]),
    autoRenew: Columns.bool(v[at.auto_renew]),
    noticeDays: Columns.int(v[at.notice_days]),
    recurringPrice: Money.make(Columns.decimal(v[at.price_amount]), currency.right),
    renewalUplift: upliftOf(v[at.renewal_uplift]),
    quotas: quotas.right,
    owners: owners.right,
    channels: channels.right,
    timeZone: Columns.text(v[at.time_zone]),
    reminderOffsets: reminderOffsets.right,
    status: status.right,
  })
}

/** `fromValues` for a row object, of `SELECT *` or of `readColumns`, from either engine. */
export const fromRow = (
  row: Record<string, unknown>,
): Either.Either<Subscription.Subscription, ParseResult.ParseError> =>
  fromValues(readList.map((c) => row[c]))

/** The columns a subscription is written to, derived dates included. */
export const toRow = (dialect: Dialect, subscription: Subscription.Subscription) =>
  Effect.map(encode(subscription), (w) => {
    const write = Columns.writer(dialect)
    return {
      tenant_id: w.tenantId,
      id: w.id,
      vendor: w.vendor,
      offer_id: w.offerId ?? null,
      seats_bought: w.seatsBought,
      term_start: w.termStart,
      anchor_day: w.anchorDay ?? null,
      term_months: w.termMonths,
      auto_renew: write.bool(w.autoRenew),
      notice_days: w.noticeDays,
      renewal_date: Subscription.renewalDate(subscription),
      notice_deadline: Subscription.noticeDeadline(subscription),
      price_amount: w.recurringPrice.amount,
      price_currency: w.recurringPrice.currency,
      renewal_uplift: w.renewalUplift ?? "0",
      quotas: write.json(w.quotas ?? []),
      owners: write.json(w.owners ?? []),
      channels: write.json(w.channels ?? []),
      time_zone: w.timeZone ?? "UTC",
      reminder_offsets: write.json(w.reminderOffsets ?? Subscription.defaultReminderOffsets),
      status: w.status ?? "active",
    }
  })

const nowIso = Effect.map(DateTime.now, DateTime.formatIso)

/** Rows mapped by `fromValues` in one synchronous pass: an Effect per row costs more than the row. */
const fromRows = (
  rows: ReadonlyArray<ReadonlyArray<unknown>>,
): Either.Either<Array<Subscription.Subscription>, ParseResult.ParseError> => {
  const out = new Array<Subscription.Subscription>(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]
    if (row === undefined) continue
    const subscription = fromValues(row)
    if (Either.isLeft(subscription)) return Either.left(subscription.left)
    out[i] = subscription.right
  }
  return Either.right(out)
}

/** The repository, reading `pageSize` rows per page when streaming. */
export const makeWith = (options: { readonly pageSize: number }) =>
  Effect.gen(function* () {
    const pageSize = options.pageSize
    const db = yield* Db
    const { sql, transaction, dialect } = db
    const columns = sql.literal(readColumns(dialect))
    const byNoticeColumns = sql.literal(readColumnsAnd(dialect, "notice_deadline"))
    const byRenewalColumns = sql.literal(readColumnsAnd(dialect, "renewal_date"))

    const insert = (subscription: Subscription.Subscription) =>
      transaction(
        Effect.gen(function* () {
          yield* ensureTenant(subscription.tenantId)
          const now = yield* nowIso
          const row = yield* toRow(dialect, subscription)
          const inserted = yield* sql`INSERT INTO subscriptions ${sql.insert({
            ...row,
            created_at: now,
            updated_at: now,
          })} ON CONFLICT (tenant_id, id) DO NOTHING RETURNING id`
          if (inserted.length === 0) {
            return yield* new Subscription.SubscriptionAlreadyExists({
              tenantId: subscription.tenantId,
              subscriptionId: subscription.id,
            })
          }
        }),
      ).pipe(Effect.provideService(Db, db), orDie, Effect.withSpan("SubscriptionRepo.insert"))

    // Its unsent deliveries follow the channels it has now, in the same transaction.
    const update = (subscription: Subscription.Subscription) =>
      transaction(
        Effect.gen(function* () {
          const { tenant_id, id, ...columns } = yield* toRow(dialect, subscription)
          const now = yield* nowIso
          const updated = yield* sql`UPDATE subscriptions SET ${sql.update({
            ...columns,
            updated_at: now,
          })} WHERE tenant_id = ${tenant_id} AND id = ${id} RETURNING id`
          if (updated.length === 0) {
            return yield* new Subscription.SubscriptionNotFound({
              tenantId: subscription.tenantId,
              subscriptionId: subscription.id,
            })
          }
          yield* followChannels(
            subscription.tenantId,
            subscription.id,
            Subscription.deliveryChannelKeys(subscription.channels),
            now,
          )
        }),
      ).pipe(Effect.provideService(Db, db), orDie, Effect.withSpan("SubscriptionRepo.update"))

    const get = (tenantId: Subscription.TenantId, id: Subscription.SubscriptionId) =>
      sql`SELECT ${columns} FROM subscriptions WHERE tenant_id = ${tenantId} AND id = ${id}`.values.pipe(
        Effect.flatMap((rows) =>
          rows[0] === undefined ? Effect.succeedNone : Effect.asSome(fromValues(rows[0])),
        ),
        orDie,
        Effect.withSpan("SubscriptionRepo.get"),
      )

    const list = (tenantId: Subscription.TenantId) =>
      sql`SELECT ${columns} FROM subscriptions WHERE tenant_id = ${tenantId} ORDER BY subscriptions.id`.values.pipe(
        Effect.flatMap(fromRows),
        orDie,
        Effect.withSpan("SubscriptionRepo.list"),
      )

    const remove = (tenantId: Subscription.TenantId, id: Subscription.SubscriptionId) =>
      transaction(
        Effect.gen(function* () {
          // Children go with it (ON DELETE CASCADE), in this one transaction.
          const deleted =
            yield* sql`DELETE FROM subscriptions WHERE tenant_id = ${tenantId} AND id = ${id} RETURNING id`
          if (deleted.length === 0) {
            return yield* new Subscription.SubscriptionNotFound({ tenantId, subscriptionId: id })
          }
        }),
      ).pipe(orDie, Effect.withSpan("SubscriptionRepo.remove"))

    /**
     * Keyset pages over one index: first the subscriptions whose notice
     * deadline is in the window (by notice deadline), then those whose renewal
     * is in it but whose deadline is not (by renewal date). Each row appears
     * once; each page is a range scan; memory holds two pages (one mapped,
     * the next fetched).
     */
    const streamDue = (
      tenantId: Subscription.TenantId,
      window: { readonly from: CalendarDate; readonly to: CalendarDate },
    ): Stream.Stream<Subscription.Subscription> => {
      const { from, to } = window
      const byNotice = (after: Option.Option<readonly [string, string]>) =>
        Option.match(after, {
          onNone: () =>
            sql`SELECT ${byNoticeColumns} FROM subscriptions
          WHERE tenant_id = ${tenantId} AND status = 'active'
            AND notice_deadline >= ${from} AND notice_deadline <= ${to}
          ORDER BY subscriptions.notice_deadline, subscriptions.id LIMIT ${pageSize}`.values,
          onSome: ([date, id]) =>
            sql`SELECT ${byNoticeColumns} FROM subscriptions
          WHERE tenant_id = ${tenantId} AND status = 'active'
            AND notice_deadline >= ${from} AND notice_deadline <= ${to}
            AND (notice_deadline, id) > (${date}, ${id})
          ORDER BY subscriptions.notice_deadline, subscriptions.id LIMIT ${pageSize}`.values,
        })
      const byRenewal = (after: Option.Option<readonly [string, string]>) =>
        Option.match(after, {
          onNone: () =>
            sql`SELECT ${byRenewalColumns} FROM subscriptions
          WHERE tenant_id = ${tenantId} AND status = 'active'
            AND renewal_date >= ${from} AND renewal_date <= ${to}
            AND NOT (notice_deadline >= ${from} AND notice_deadline <= ${to})
          ORDER BY subscriptions.renewal_date, subscriptions.id LIMIT ${pageSize}`.values,
          onSome: ([date, id]) =>
            sql`SELECT ${byRenewalColumns} FROM subscriptions
          WHERE tenant_id = ${tenantId} AND status = 'active'
            AND renewal_date >= ${from} AND renewal_date <= ${to}
            AND NOT (notice_deadline >= ${from} AND notice_deadline <= ${to})
            AND (renewal_date, id) > (${date}, ${id})
          ORDER BY subscriptions.renewal_date, subscriptions.id LIMIT ${pageSize}`.values,
        })
      // The rows of one keyset walk, a page per element.
      const pages = (
        query: (
          after: Option.Option<readonly [string, string]>,
        ) => Effect.Effect<ReadonlyArray<ReadonlyArray<unknown>>, SqlError>,
      ) =>
        Stream.paginateEffect(Option.none<readonly [string, string]>(), (after) =>
          Effect.map(query(after), (rows) => {
            const last = rows[rows.length - 1]
            const next =
              rows.length < pageSize || last === undefined
                ? Option.none<Option.Option<readonly [string, string]>>()
                : Option.some(
                    Option.some([
                      Columns.calendarDate(last[readList.length]),
                      Columns.text(last[at.id]),
                    ] as const),
                  )
            return [rows, next] as const
          }),
        )
      return Stream.concat(pages(byNotice), pages(byRenewal)).pipe(
        // The next page is fetched while this one is mapped: PostgreSQL
        // works in its own process meanwhile. Memory holds two pages.
        Stream.buffer({ capacity: 1 }),
        Stream.mapEffect(fromRows),
        Stream.flattenIterables,
        Stream.catchAll((e) => Stream.die(e)),
        Stream.withSpan("SubscriptionRepo.streamDue"),
      )
    }

    return Ports.SubscriptionRepo.of({ insert, update, get, list, remove, streamDue })
  })

export const make = makeWith({ pageSize })

export const layer = Layer.effect(Ports.SubscriptionRepo, make)
