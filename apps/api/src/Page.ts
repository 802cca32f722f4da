/**
 * Cursor pagination over an ordered list: a page holds the items whose key
 * follows the cursor's, so pages stay stable when items are added or removed
 * elsewhere. A cursor is opaque to clients (base64url of the last key).
 */
import { Effect } from "effect"
import { InvalidRequest } from "./ApiError.js"

export interface Page<T> {
  readonly data: ReadonlyArray<T>
  readonly hasMore: boolean
  readonly nextCursor: string | null
}

export const defaultLimit = 20

const encodeCursor = (key: string) => Buffer.from(JSON.stringify({ k: key })).toString("base64url")

const decodeCursor = (cursor: string): string | undefined => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))
    return typeof parsed === "object" &&
      parsed !== null &&
      "k" in parsed &&
      typeof parsed.k === "string"
      ? parsed.k
      : undefined
  } catch {
    return undefined
  }
}

/** One page of `items` ordered by `keyOf` (keys unique), after the cursor. */
export const paginate = <T>(
  items: ReadonlyArray<T>,
  keyOf: (item: T) => string,
  query: { readonly limit?: number | undefined; readonly cursor?: string | undefined },
): Effect.Effect<Page<T>, InvalidRequest> =>
  Effect.gen(function* () {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor)
    if (query.cursor !== undefined && after === undefined) {
      return yield* new InvalidRequest({
        issues: [{ in: "query", path: ["cursor"], message: "not a cursor this API returned" }],
      })
    }
    const keyed = items.map((item) => ({ item, key: keyOf(item) }))
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    const start = after === undefined ? 0 : keyed.findIndex((k) => k.key > after)
    const from = start === -1 ? keyed.length : start
    const limit = query.limit ?? defaultLimit
    const slice = keyed.slice(from, from + limit)
    const hasMore = from + limit < keyed.length
    const last = slice[slice.length - 1]
    return {
      data: slice.map((k) => k.item),
      hasMore,
      nextCursor: hasMore && last !== undefined ? encodeCursor(last.key) : null,
    }
  })
