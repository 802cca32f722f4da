/** Subscriptions in SQL, with their renewal date and notice deadline kept for the due scan. */
import { CalendarDate } from "@crm-cost/domain/Calendar"
import * as Money from "@crm-cost/domain/Money"
import { Currency, Decimal } from "@crm-cost/domain/Money"
import { OfferId } from "@crm-cost/domain/Offer"
import * as Ports from "@crm-cost/domain/Ports"
import * as Subscription from "@crm-cost/domain/Subscription"
import { Chunk, DateTime, Effect, Either, Layer, Option, ParseResult, Schema, Stream } from "effect"
import * as Columns from "./Columns.js"
import { Db, type Dialect, orDie } from "./Database.js"
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
const channelsOf = Columns.document("channels", Schema.Array(Subscription.AlertChannel))
const reminderOffsetsOf = Columns.document("reminder_offsets", Schema.Array(Schema.Int))

// No CHECK holds the currency, so it is checked on every read: by the schema
// the first time a code is seen, then by a set lookup (twenty codes at most).
// The status the same way, though a CHECK holds it.
const isCurrency = Schema.is(Currency)
const currencies = new Set<unknown>()
const Status = Schema.Literal("active", "cancelled")
const checked =
  <A, I>(column: string, schema: Schema.Schema<A, I>, is: (v: unknown) => v is A) =>
  (v: unknown): Either.Either<A, ParseResult.ParseError> =>
    is(v)
      ? Either.right(v)
      : Either.mapLeft(Schema.decodeUnknownEither(schema)(v), (e) =>
          ParseResult.parseError(new ParseResult.Pointer(column, v, e.issue)),
        )
const currencyOf = checked("price_currency", Currency, (v): v is Currency => {
  if (currencies.has(v)) return true
  if (!isCurrency(v)) return false
  currencies.add(v)
  return true
})
const statusOf = checked(
  "status",
  Status,
  (v): v is typeof Status.Type => v === "active" || v === "cancelled",
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

/**
 * A row read for the hot paths (the due scan reads hundreds of thousands):
 * the flat columns were validated by the schema when written and are held
 * by the table's types and CHECKs, so they are taken as they are; the
 * currency and status are checked, and the JSON documents are decoded by
 * the schema (once per distinct text). Imports go through `fromRowStrict`,
 * so every stored row has passed it. Takes rows of `SELECT *` or of
 * `readColumns`, from either engine.
 */
export const fromRow = (
  row: Record<string, unknown>,
): Either.Either<Subscription.Subscription, ParseResult.ParseError> => {
  const currency = currencyOf(row.price_currency)
  if (Either.isLeft(currency)) return Either.left(currency.left)
  const status = statusOf(row.status)
  if (Either.isLeft(status)) return Either.left(status.left)
  const quotas = quotasOf(row.quotas)
  if (Either.isLeft(quotas)) return Either.left(quotas.left)
  const owners = ownersOf(row.owners)
  if (Either.isLeft(owners)) return Either.left(owners.left)
  const channels = channelsOf(row.channels)
  if (Either.isLeft(channels)) return Either.left(channels.left)
  const reminderOffsets = reminderOffsetsOf(row.reminder_offsets)
  if (Either.isLeft(reminderOffsets)) return Either.left(reminderOffsets.left)
  const offerId = row.offer_id
  return Either.right(
    new Subscription.Subscription(
      {
        id: Subscription.SubscriptionId.make(Columns.text(row.id), true),
        tenantId: Subscription.TenantId.make(Columns.text(row.tenant_id), true),
        vendor: Columns.text(row.vendor),
        ...(offerId === null || offerId === undefined
          ? {}
          : { offerId: OfferId.make(Columns.text(offerId), true) }),
        seatsBought: Columns.int(row.seats_bought),
        termStart: CalendarDate.make(Columns.calendarDate(row.term_start), true),
        termMonths: Columns.int(row.term_months),
        autoRenew: Columns.bool(row.auto_renew),
        noticeDays: Columns.int(row.notice_days),
        recurringPrice: Money.make(Columns.decimal(row.price_amount), currency.right),
        renewalUplift: upliftOf(row.renewal_uplift),
        quotas: quotas.right,
        owners: owners.right,
        channels: channels.right,
        timeZone: Columns.text(row.time_zone),
        reminderOffsets: reminderOffsets.right,
        status: status.right,
      },
      true,
    ),
  )
}

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

/**
 * The columns `fromRow` reads, and the keyset columns of the due scan. On
 * PostgreSQL dates and documents come as text: node-postgres would build a
 * Date per DATE and parse each JSONB, only for `fromRow` to turn them back
 * (the document memo is keyed by text). `to_char`, not `::text`, so the
 * server's DateStyle cannot change the format. The aliases shadow the
 * columns in ORDER BY, so queries order by `subscriptions.<column>`: by the
 * index, not by a sort of the text.
 */
export const readColumns = (dialect: Dialect): string =>
  dialect === "pg"
    ? `id, tenant_id, vendor, offer_id, seats_bought,
      to_char(term_start, 'YYYY-MM-DD') AS term_start, term_months, auto_renew, notice_days,
      to_char(renewal_date, 'YYYY-MM-DD') AS renewal_date,
      to_char(notice_deadline, 'YYYY-MM-DD') AS notice_deadline,
      price_amount::text AS price_amount, price_currency, renewal_uplift::text AS renewal_uplift,
      quotas::text AS quotas, owners::text AS owners, channels::text AS channels, time_zone,
      reminder_offsets::text AS reminder_offsets, status`
    : `id, tenant_id, vendor, offer_id, seats_bought, term_start, term_months, auto_renew,
      notice_days, renewal_date, notice_deadline, price_amount, price_currency, renewal_uplift,
      quotas, owners, channels, time_zone, reminder_offsets, status`

/** Rows mapped by `fromRow` in one synchronous pass: an Effect per row costs more than the row. */
const fromRows = (
  rows: ReadonlyArray<Record<string, unknown>>,
): Either.Either<Array<Subscription.Subscription>, ParseResult.ParseError> => {
  const out = new Array<Subscription.Subscription>(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]
    if (row === undefined) continue
    const subscription = fromRow(row)
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

    const update = (subscription: Subscription.Subscription) =>
      Effect.gen(function* () {
        const { tenant_id, id, ...columns } = yield* toRow(dialect, subscription)
        const updated = yield* sql`UPDATE subscriptions SET ${sql.update({
          ...columns,
          updated_at: yield* nowIso,
        })} WHERE tenant_id = ${tenant_id} AND id = ${id} RETURNING id`
        if (updated.length === 0) {
          return yield* new Subscription.SubscriptionNotFound({
            tenantId: subscription.tenantId,
            subscriptionId: subscription.id,
          })
        }
      }).pipe(orDie, Effect.withSpan("SubscriptionRepo.update"))

    const get = (tenantId: Subscription.TenantId, id: Subscription.SubscriptionId) =>
      sql`SELECT ${columns} FROM subscriptions WHERE tenant_id = ${tenantId} AND id = ${id}`.pipe(
        Effect.flatMap((rows) =>
          rows[0] === undefined ? Effect.succeedNone : Effect.asSome(fromRow(rows[0])),
        ),
        orDie,
        Effect.withSpan("SubscriptionRepo.get"),
      )

    const list = (tenantId: Subscription.TenantId) =>
      sql`SELECT ${columns} FROM subscriptions WHERE tenant_id = ${tenantId} ORDER BY subscriptions.id`.pipe(
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
     * once; each page is a range scan; memory holds one page.
     */
    const streamDue = (
      tenantId: Subscription.TenantId,
      window: { readonly from: CalendarDate; readonly to: CalendarDate },
    ): Stream.Stream<Subscription.Subscription> => {
      const { from, to } = window
      const byNotice = (after: Option.Option<readonly [string, string]>) =>
        Option.match(after, {
          onNone: () => sql`SELECT ${columns} FROM subscriptions
          WHERE tenant_id = ${tenantId} AND status = 'active'
            AND notice_deadline >= ${from} AND notice_deadline <= ${to}
          ORDER BY subscriptions.notice_deadline, subscriptions.id LIMIT ${pageSize}`,
          onSome: ([date, id]) => sql`SELECT ${columns} FROM subscriptions
          WHERE tenant_id = ${tenantId} AND status = 'active'
            AND notice_deadline >= ${from} AND notice_deadline <= ${to}
            AND (notice_deadline, id) > (${date}, ${id})
          ORDER BY subscriptions.notice_deadline, subscriptions.id LIMIT ${pageSize}`,
        })
      const byRenewal = (after: Option.Option<readonly [string, string]>) =>
        Option.match(after, {
          onNone: () => sql`SELECT ${columns} FROM subscriptions
          WHERE tenant_id = ${tenantId} AND status = 'active'
            AND renewal_date >= ${from} AND renewal_date <= ${to}
            AND NOT (notice_deadline >= ${from} AND notice_deadline <= ${to})
          ORDER BY subscriptions.renewal_date, subscriptions.id LIMIT ${pageSize}`,
          onSome: ([date, id]) => sql`SELECT ${columns} FROM subscriptions
          WHERE tenant_id = ${tenantId} AND status = 'active'
            AND renewal_date >= ${from} AND renewal_date <= ${to}
            AND NOT (notice_deadline >= ${from} AND notice_deadline <= ${to})
            AND (renewal_date, id) > (${date}, ${id})
          ORDER BY subscriptions.renewal_date, subscriptions.id LIMIT ${pageSize}`,
        })
      const pages = (
        query: (
          after: Option.Option<readonly [string, string]>,
        ) => Effect.Effect<ReadonlyArray<Record<string, unknown>>, unknown>,
        dateColumn: "notice_deadline" | "renewal_date",
      ) =>
        Stream.paginateChunkEffect(Option.none<readonly [string, string]>(), (after) =>
          Effect.gen(function* () {
            const rows = yield* query(after)
            const subscriptions = yield* fromRows(rows)
            const last = rows[rows.length - 1]
            const next =
              rows.length < pageSize || last === undefined
                ? Option.none<Option.Option<readonly [string, string]>>()
                : Option.some(
                    Option.some([
                      Columns.calendarDate(last[dateColumn]),
                      Columns.text(last.id),
                    ] as const),
                  )
            return [Chunk.unsafeFromArray(subscriptions), next] as const
          }),
        )
      return Stream.concat(
        pages(byNotice, "notice_deadline"),
        pages(byRenewal, "renewal_date"),
      ).pipe(
        Stream.catchAll((e) => Stream.die(e)),
        Stream.withSpan("SubscriptionRepo.streamDue"),
      )
    }

    return Ports.SubscriptionRepo.of({ insert, update, get, list, remove, streamDue })
  })

export const make = makeWith({ pageSize })

export const layer = Layer.effect(Ports.SubscriptionRepo, make)

export const layerWith = (options: { readonly pageSize: number }) =>
  Layer.effect(Ports.SubscriptionRepo, makeWith(options))
