/** Alerts decided about a tenant's subscriptions, and the renewals calendar feed. */
import * as Ports from "@crm-cost/domain/Ports"
import { Alert } from "@crm-cost/domain/Subscription"
import { Clock, Effect, Option, Redacted, Schema } from "effect"
import * as Ics from "../Ics.js"
import { paginate } from "../Page.js"
import * as Route from "../Route.js"
import { AlertsQuery, AlertView, CalendarQuery, FeedTokenView, page } from "../Wire.js"
import * as R from "./Responses.js"

/** API keys with this name are calendar feed tokens: they open the feed and nothing else. */
export const feedKeyName = "calendar-feed"

const encodeAlert = Schema.encode(Alert)

export const list = Route.make({
  method: "get",
  path: "/v1/alerts",
  operationId: "listAlerts",
  summary: "List alerts (renewal reminders, overage), oldest first, by cursor",
  tag: "Alerts",
  auth: "key",
  query: AlertsQuery,
  responses: [
    { status: 200, description: "A page of alerts", schema: page(AlertView, "AlertPage") },
    ...R.common,
  ],
  handler: ({ auth, query }) =>
    Effect.gen(function* () {
      const subscriptions = yield* Ports.SubscriptionRepo
      const outbox = yield* Ports.AlertOutbox
      const ids =
        query.subscriptionId === undefined
          ? (yield* subscriptions.list(auth.tenantId)).map((s) => s.id)
          : [query.subscriptionId]
      const alerts = (yield* Effect.forEach(ids, (id) => outbox.list(auth.tenantId, id))).flat()
      const filtered = alerts.filter((a) => query.kind === undefined || a.kind === query.kind)
      const encoded = yield* Effect.forEach(filtered, (a) => Effect.orDie(encodeAlert(a)))
      const result = yield* paginate(
        encoded.map(({ tenantId: _tenantId, ...rest }) => rest),
        (a) => `${a.decidedAt}|${a.id}`,
        query,
      )
      return { status: 200, body: result }
    }),
})

export const createFeedToken = Route.make({
  method: "post",
  path: "/v1/feed-tokens",
  operationId: "createFeedToken",
  summary: "Create a calendar feed token (shown once)",
  description:
    "A token that opens GET /v1/renewals.ics and nothing else, so it can sit in a calendar app's subscription URL.",
  tag: "Calendar",
  auth: "key",
  responses: [
    { status: 201, description: "The token and the feed URL", schema: FeedTokenView },
    ...R.common,
  ],
  handler: ({ auth }) =>
    Effect.gen(function* () {
      const keys = yield* Ports.ApiKeyRepo
      const { secret } = yield* Effect.orDie(keys.issue(auth.tenantId, feedKeyName))
      const token = Redacted.value(secret)
      return {
        status: 201,
        body: { token, url: `/v1/renewals.ics?token=${encodeURIComponent(token)}` },
        headers: { "Cache-Control": "no-store" },
      }
    }),
})

export const renewals = Route.make({
  method: "get",
  path: "/v1/renewals.ics",
  operationId: "renewalsCalendar",
  summary: "iCalendar feed of notice deadlines and renewal dates",
  description:
    "Each active subscription's notice deadline (with an alarm at each reminder offset) and renewal date. Authenticated by the feed token in the URL; `lang` chooses en or zh-CN (else Accept-Language).",
  tag: "Calendar",
  auth: "feed",
  query: CalendarQuery,
  responses: [
    {
      status: 200,
      description: "The calendar",
      schema: Schema.String,
      contentType: "text/calendar",
    },
    R.badRequest,
    { ...R.unauthorized, description: "Missing or invalid feed token." },
  ],
  handler: ({ auth, query, locale }) =>
    Effect.gen(function* () {
      const repo = yield* Ports.SubscriptionRepo
      const subscriptions = yield* repo.list(auth.tenantId)
      const tenant = yield* (yield* Ports.TenantRepo).get(auth.tenantId)
      const now = new Date(yield* Clock.currentTimeMillis)
      const offsets = Option.getOrUndefined(tenant)?.reminderOffsets
      return {
        status: 200,
        body: Ics.render(subscriptions, query.lang ?? locale, now, offsets),
        contentType: "text/calendar; charset=utf-8",
        headers: { "Cache-Control": "private, max-age=300" },
      }
    }),
})

export const routes = [list, createFeedToken, renewals]
