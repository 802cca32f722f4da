/**
 * Who a request acts for. API keys travel as Bearer tokens; calendar feed
 * tokens (keys named `calendar-feed`) travel in the feed's URL and open the
 * feed only, so a token pasted into a calendar app cannot call the API.
 */
import * as Ports from "@crm-cost/domain/Ports"
import { Effect, Option, Redacted } from "effect"
import { Unauthorized } from "./ApiError.js"
import type { Auth } from "./Route.js"
import { feedKeyName } from "./routes/Alerts.js"

const BEARER = /^Bearer[ \t]+([!-~]{1,200})[ \t]*$/i

const lookup = (secret: string, feed: boolean) =>
  Effect.gen(function* () {
    const repo = yield* Ports.ApiKeyRepo
    const found = yield* repo.authenticate(Redacted.make(secret))
    if (Option.isNone(found) || (found.value.name === feedKeyName) !== feed) {
      return yield* new Unauthorized({ feed })
    }
    const auth: Auth = { tenantId: found.value.tenantId, apiKey: found.value }
    return auth
  })

/** The tenant of an `Authorization: Bearer <key>` header. */
export const bearer = (header: string | undefined) => {
  const match = header === undefined ? null : BEARER.exec(header)
  const secret = match?.[1]
  return secret === undefined
    ? Effect.fail(new Unauthorized({ feed: false }))
    : lookup(secret, false)
}

/** The tenant of a calendar feed token. */
export const feedToken = (token: unknown) =>
  typeof token === "string" && token.length > 0 && token.length <= 200
    ? lookup(token, true)
    : Effect.fail(new Unauthorized({ feed: true }))
