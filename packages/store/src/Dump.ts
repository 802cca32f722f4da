/**
 * Export and import of a whole database, or one tenant, as JSON lines that
 * do not depend on the engine: a header line, one line per row
 * (`{"table":…,"row":{…}}`, tables in foreign-key order, rows in key order),
 * and an end line with the row counts and a SHA-256 of the row lines. An
 * import checks the end line and runs in one transaction: a truncated or
 * altered file changes nothing.
 */
import { createHash } from "node:crypto"
import * as Offer from "@crm-cost/domain/Offer"
import * as Subscription from "@crm-cost/domain/Subscription"
import type * as Statement from "@effect/sql/Statement"
import { Chunk, Data, Effect, Option, Stream } from "effect"
import * as Columns from "./Columns.js"
import { Db, type Dialect } from "./Database.js"
import { schemaVersion } from "./Migrations.js"
import * as SubscriptionRepo from "./SubscriptionRepo.js"
import * as TenantRepo from "./TenantRepo.js"
import * as UsageRepo from "./UsageRepo.js"

type Kind = "text" | "int" | "bool" | "date" | "instant" | "decimal" | "json"

interface Table {
  readonly name: string
  /** The primary key, whose order is the order of the dump's rows. */
  readonly key: readonly [string, ...Array<string>]
  /** The column that says which tenant a row belongs to. */
  readonly tenant: string
  /**
   * "null": may be NULL. "optional": may be NULL, and is left out of the row
   * when it is, as dumps of a schema before the column's lack it (their rows
   * and hashes stay valid).
   */
  readonly columns: ReadonlyArray<
    readonly [name: string, kind: Kind, nullable?: "null" | "optional"]
  >
}

/** Every table the store keeps, parents before children. */
export const tables: ReadonlyArray<Table> = [
  {
    name: "tenants",
    key: ["id"],
    tenant: "id",
    columns: [
      ["id", "text"],
      ["name", "text"],
      ["created_at", "instant"],
      ["locale", "text", "optional"],
      ["reminder_offsets", "json", "optional"],
    ],
  },
  {
    name: "api_keys",
    key: ["tenant_id", "id"],
    tenant: "tenant_id",
    columns: [
      ["tenant_id", "text"],
      ["id", "text"],
      ["name", "text"],
      ["prefix", "text"],
      ["key_hash", "text"],
      ["created_at", "instant"],
      ["revoked_at", "instant", "null"],
    ],
  },
  {
    name: "custom_offers",
    key: ["tenant_id", "id"],
    tenant: "tenant_id",
    columns: [
      ["tenant_id", "text"],
      ["id", "text"],
      ["vendor", "text"],
      ["name", "text"],
      ["offer", "json"],
      ["updated_at", "instant"],
    ],
  },
  {
    name: "subscriptions",
    key: ["tenant_id", "id"],
    tenant: "tenant_id",
    columns: [
      ["tenant_id", "text"],
      ["id", "text"],
      ["vendor", "text"],
      ["offer_id", "text", "null"],
      ["seats_bought", "int"],
      ["term_start", "date"],
      ["anchor_day", "int", "optional"],
      ["term_months", "int"],
      ["auto_renew", "bool"],
      ["notice_days", "int"],
      ["renewal_date", "date"],
      ["notice_deadline", "date"],
      ["price_amount", "decimal"],
      ["price_currency", "text"],
      ["renewal_uplift", "decimal"],
      ["quotas", "json"],
      ["owners", "json"],
      ["channels", "json"],
      ["time_zone", "text"],
      ["reminder_offsets", "json"],
      ["status", "text"],
      ["created_at", "instant"],
      ["updated_at", "instant"],
    ],
  },
  {
    name: "usage_snapshots",
    key: ["tenant_id", "id"],
    tenant: "tenant_id",
    columns: [
      ["tenant_id", "text"],
      ["id", "text"],
      ["subscription_id", "text"],
      ["taken_at", "instant"],
      ["seats_assigned", "int"],
      ["metrics", "json"],
    ],
  },
  {
    name: "alerts",
    key: ["tenant_id", "id"],
    tenant: "tenant_id",
    columns: [
      ["tenant_id", "text"],
      ["id", "text"],
      ["alert_key", "text"],
      ["subscription_id", "text"],
      ["kind", "text"],
      ["decided_at", "instant"],
      ["payload", "json"],
    ],
  },
  {
    name: "deliveries",
    key: ["tenant_id", "id"],
    tenant: "tenant_id",
    columns: [
      ["tenant_id", "text"],
      ["id", "text"],
      ["alert_id", "text"],
      ["channel", "text"],
      ["attempt", "int"],
      ["status", "text"],
      ["next_attempt_at", "instant"],
      ["last_error", "text", "null"],
      ["updated_at", "instant"],
    ],
  },
  {
    name: "delivery_attempts",
    key: ["tenant_id", "delivery_id", "attempt"],
    tenant: "tenant_id",
    columns: [
      ["tenant_id", "text"],
      ["delivery_id", "text"],
      ["attempt", "int"],
      ["claimed_at", "instant", "null"],
      ["finished_at", "instant"],
      ["outcome", "text"],
      ["error", "text", "null"],
      ["retry_at", "instant", "null"],
    ],
  },
  {
    name: "idempotency_keys",
    key: ["tenant_id", "idempotency_key"],
    tenant: "tenant_id",
    columns: [
      ["tenant_id", "text"],
      ["idempotency_key", "text"],
      ["request_hash", "text"],
      ["status", "int"],
      ["response", "json"],
      ["created_at", "instant"],
    ],
  },
]

const tableByName = new Map(tables.map((t) => [t.name, t]))

export const FORMAT = "crm-cost-store"

export class DumpError extends Data.TaggedError("DumpError")<{
  readonly reason: "bad-file" | "conflict" | "mismatch"
  readonly message: string
}> {}

/** JSON with object keys sorted at every level, so equal documents give equal text. */
export const canonical = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(canonical)
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(v).sort()) out[k] = canonical((v as Record<string, unknown>)[k])
    return out
  }
  return v
}

const readValue = (kind: Kind, v: unknown): unknown => {
  if (v === null || v === undefined) return null
  switch (kind) {
    case "text":
      return Columns.text(v)
    case "int":
      return Columns.int(v)
    case "bool":
      return Columns.bool(v)
    case "date":
      return Columns.calendarDate(v)
    case "instant":
      return Columns.instant(v)
    case "decimal":
      return Columns.decimal(v)
    case "json":
      return canonical(Columns.json(v))
  }
}

/** A row as stored, in the engine-neutral form of the dump. */
const canonicalRow = (table: Table, row: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const [name, kind, nullable] of table.columns) {
    const v = readValue(kind, row[name])
    if (v !== null || nullable !== "optional") out[name] = v
  }
  return out
}

const rowLine = (table: Table, row: Record<string, unknown>) =>
  JSON.stringify({ table: table.name, row })

export interface Summary {
  readonly counts: Record<string, number>
  readonly sha256: string
}

const PAGE = 1_000

/**
 * The dump as lines (without newlines): all tenants, or one. Rows are read
 * in key order, a page at a time.
 */
export const exportLines = (options: {
  readonly tenant?: string | undefined
}): Stream.Stream<string, never, Db> =>
  Stream.unwrap(
    Effect.gen(function* () {
      const { sql, dialect } = yield* Db
      const hash = createHash("sha256")
      const counts: Record<string, number> = {}
      const header = JSON.stringify({
        format: FORMAT,
        version: 1,
        schemaVersion,
        engine: dialect,
        tenant: options.tenant ?? null,
        exportedAt: new Date().toISOString(),
      })
      // Rows after `last` in key order: k1 > a OR (k1 = a AND (k2 > b OR (k2 = b AND …))).
      const keyAfter = (
        keys: readonly [string, ...Array<string>],
        last: Record<string, unknown>,
      ): Statement.Fragment => {
        const [k, ...rest] = keys
        const raw = last[k]
        const v = typeof raw === "number" ? raw : String(raw)
        const [next, ...others] = rest
        return next === undefined
          ? sql`${sql(k)} > ${v}`
          : sql`(${sql(k)} > ${v} OR (${sql(k)} = ${v} AND ${keyAfter([next, ...others], last)}))`
      }
      const pageOf = (table: Table, after: Option.Option<Record<string, unknown>>) => {
        const scope =
          options.tenant === undefined ? sql`1 = 1` : sql`${sql(table.tenant)} = ${options.tenant}`
        const keyset = Option.match(after, {
          onNone: () => sql`1 = 1`,
          onSome: (last) => keyAfter(table.key, last),
        })
        const order = sql.csv(table.key.map((k) => sql`${sql(k)}`))
        return sql<Record<string, unknown>>`SELECT * FROM ${sql(table.name)}
          WHERE ${scope} AND ${keyset} ORDER BY ${order} LIMIT ${PAGE}`
      }
      const rowsOf = (table: Table) =>
        Stream.paginateChunkEffect(Option.none<Record<string, unknown>>(), (after) =>
          Effect.map(pageOf(table, after), (rows) => {
            const lines = rows.map((r) => {
              const line = rowLine(table, canonicalRow(table, r))
              hash.update(line).update("\n")
              counts[table.name] = (counts[table.name] ?? 0) + 1
              return line
            })
            const last = rows[rows.length - 1]
            return [
              Chunk.unsafeFromArray(lines),
              rows.length < PAGE || last === undefined
                ? Option.none()
                : Option.some(Option.some(last)),
            ] as const
          }),
        )
      const body = Stream.concatAll(
        Chunk.fromIterable(
          tables.map((t) => {
            counts[t.name] = 0
            return rowsOf(t)
          }),
        ),
      )
      const end = Stream.sync(() =>
        JSON.stringify({ end: true, counts, sha256: hash.digest("hex") }),
      )
      return Stream.make(header).pipe(Stream.concat(body), Stream.concat(end))
    }),
  ).pipe(Stream.orDie)

const bindValue = (dialect: Dialect, kind: Kind, v: unknown): unknown => {
  if (v === null || v === undefined) return null
  if (kind === "bool") return Columns.writer(dialect).bool(v === true)
  if (kind === "json") return JSON.stringify(v)
  return v
}

const BATCH = 200

/**
 * Rows whose documents the database cannot check are decoded by the
 * domain's schemas before they go in, so reads may trust what is stored.
 */
const validate = (table: Table, row: Record<string, unknown>): Effect.Effect<void, string> => {
  if (table.name === "subscriptions") {
    return SubscriptionRepo.fromRowStrict(row).pipe(
      Effect.mapError((e) => e.message),
      Effect.flatMap((sub) =>
        Subscription.renewalDate(sub) === row.renewal_date &&
        Subscription.noticeDeadline(sub) === row.notice_deadline
          ? Effect.void
          : Effect.fail("renewal_date or notice_deadline does not follow from the term"),
      ),
    )
  }
  // The worker reads snapshots without decoding them again (their metrics become Decimals).
  if (table.name === "usage_snapshots") {
    return UsageRepo.fromRow(row).pipe(
      Effect.mapError((e) => e.message),
      Effect.asVoid,
    )
  }
  if (table.name === "tenants") {
    return TenantRepo.fromRow(row).pipe(
      Effect.mapError((e) => e.message),
      Effect.asVoid,
    )
  }
  if (table.name === "custom_offers") {
    return Offer.decode(row.offer).pipe(
      Effect.mapError((e) => e.message),
      Effect.asVoid,
    )
  }
  return Effect.void
}

/**
 * Loads a dump in one transaction. Without `replace`, refuses a target that
 * already holds the tenant (or, for a whole dump, any tenant); with it, the
 * tenant's (or all) rows are deleted first, in the same transaction.
 */
export const importLines = <E, R>(
  lines: Stream.Stream<string, E, R>,
  options: { readonly replace?: boolean } = {},
): Effect.Effect<Summary, DumpError | E, Db | R> =>
  Effect.gen(function* () {
    const db = yield* Db
    const { sql, dialect } = db
    const bad = (message: string) => new DumpError({ reason: "bad-file", message })
    const hash = createHash("sha256")
    const counts: Record<string, number> = Object.fromEntries(tables.map((t) => [t.name, 0]))
    let header: { tenant: string | null } | undefined
    let end: { counts: Record<string, number>; sha256: string } | undefined
    let lineNo = 0
    let tableIndex = 0
    let pending: { table: Table; rows: Array<Record<string, unknown>> } | undefined

    const flush = Effect.suspend(() => {
      const batch = pending
      pending = undefined
      if (batch === undefined || batch.rows.length === 0) return Effect.void
      return sql`INSERT INTO ${sql(batch.table.name)} ${sql.insert(batch.rows)}`.pipe(Effect.asVoid)
    })

    const prepareTarget = (tenant: string | null) =>
      Effect.gen(function* () {
        const existing =
          tenant === null
            ? yield* sql`SELECT id FROM tenants LIMIT 1`
            : yield* sql`SELECT id FROM tenants WHERE id = ${tenant}`
        if (existing.length === 0) return
        if (options.replace !== true) {
          return yield* new DumpError({
            reason: "conflict",
            message:
              tenant === null
                ? "the target database already holds tenants; import into an empty database, or pass --replace to delete them first"
                : `the target already holds tenant ${tenant}; pass --replace to delete it first`,
          })
        }
        // Every other table hangs off tenants with ON DELETE CASCADE.
        if (tenant === null) yield* sql`DELETE FROM tenants`
        else yield* sql`DELETE FROM tenants WHERE id = ${tenant}`
      })

    const onLine = (text: string) =>
      Effect.gen(function* () {
        lineNo += 1
        if (text.trim() === "") return
        if (end !== undefined) return yield* bad(`line ${lineNo}: data after the end line`)
        const parsed = yield* Effect.try({
          try: () => JSON.parse(text) as Record<string, unknown>,
          catch: () => bad(`line ${lineNo}: not JSON`),
        })
        if (header === undefined) {
          if (parsed.format !== FORMAT || parsed.version !== 1) {
            return yield* bad(`line ${lineNo}: not a ${FORMAT} dump (version 1)`)
          }
          if (typeof parsed.schemaVersion !== "number" || parsed.schemaVersion > schemaVersion) {
            return yield* bad(
              `the dump is of schema ${String(parsed.schemaVersion)}; this store knows up to ${schemaVersion}`,
            )
          }
          header = { tenant: typeof parsed.tenant === "string" ? parsed.tenant : null }
          yield* prepareTarget(header.tenant)
          return
        }
        if (parsed.end === true) {
          yield* flush
          end = parsed as unknown as { counts: Record<string, number>; sha256: string }
          return
        }
        const table = tableByName.get(String(parsed.table))
        const row = parsed.row
        if (table === undefined || row === null || typeof row !== "object") {
          return yield* bad(`line ${lineNo}: not a row of a known table`)
        }
        const index = tables.indexOf(table)
        if (index < tableIndex) return yield* bad(`line ${lineNo}: tables out of order`)
        tableIndex = index
        const values = row as Record<string, unknown>
        const known = new Set(table.columns.map(([name]) => name))
        for (const k of Object.keys(values)) {
          if (!known.has(k)) return yield* bad(`line ${lineNo}: unknown column ${table.name}.${k}`)
        }
        if (header.tenant !== null && values[table.tenant] !== header.tenant) {
          return yield* bad(`line ${lineNo}: row of another tenant in a one-tenant dump`)
        }
        const bound: Record<string, unknown> = {}
        for (const [name, kind, nullable] of table.columns) {
          const v = values[name]
          if ((v === null || v === undefined) && nullable === undefined) {
            return yield* bad(`line ${lineNo}: ${table.name}.${name} is missing`)
          }
          // Money and rates travel as decimal strings: a JSON number would be a float.
          if (kind === "decimal" && v !== null && v !== undefined && typeof v !== "string") {
            return yield* bad(`line ${lineNo}: ${table.name}.${name} must be a decimal string`)
          }
          bound[name] = bindValue(dialect, kind, v)
        }
        yield* validate(table, values).pipe(
          Effect.mapError((why) => bad(`line ${lineNo}: invalid ${table.name} row: ${why}`)),
        )
        hash.update(rowLine(table, canonicalRow(table, values))).update("\n")
        counts[table.name] = (counts[table.name] ?? 0) + 1
        if (pending !== undefined && pending.table !== table) yield* flush
        if (pending === undefined) pending = { table, rows: [] }
        pending.rows.push(bound)
        if (pending.rows.length >= BATCH) yield* flush
      })

    return yield* db.transaction(
      Effect.gen(function* () {
        yield* Stream.runForEach(lines, onLine)
        if (header === undefined) return yield* bad("empty input: no header line")
        if (end === undefined) return yield* bad("the dump has no end line (truncated?)")
        const sha256 = hash.digest("hex")
        for (const t of tables) {
          if ((end.counts[t.name] ?? 0) !== counts[t.name]) {
            return yield* new DumpError({
              reason: "mismatch",
              message: `${t.name}: the dump says ${end.counts[t.name] ?? 0} rows, it holds ${counts[t.name]}`,
            })
          }
        }
        if (end.sha256 !== sha256) {
          return yield* new DumpError({ reason: "mismatch", message: "content hash differs" })
        }
        return { counts, sha256 }
      }),
    )
  }).pipe(Effect.catchTag("SqlError", Effect.die))

/** Counts and content hash of what the database holds (all tenants, or one). */
export const summarize = (options: { readonly tenant?: string | undefined } = {}) =>
  Stream.runFold(exportLines(options), undefined as Summary | undefined, (_, line) => {
    const parsed = JSON.parse(line) as Record<string, unknown>
    return parsed.end === true
      ? { counts: parsed.counts as Record<string, number>, sha256: String(parsed.sha256) }
      : _
  }).pipe(
    Effect.flatMap((s) => (s === undefined ? Effect.dieMessage("no end line") : Effect.succeed(s))),
  )
