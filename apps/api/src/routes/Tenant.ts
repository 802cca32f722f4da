/** The tenant the key belongs to: its name and its settings (alert language, reminder offsets). */
import * as Ports from "@crm-cost/domain/Ports"
import { Tenant } from "@crm-cost/domain/Subscription"
import { Effect, Option, Schema } from "effect"
import * as Route from "../Route.js"
import { TenantPatch, TenantView } from "../Wire.js"
import * as R from "./Responses.js"

const encodeTenant = Schema.encode(Tenant)

const view = (tenant: Tenant) => Effect.orDie(encodeTenant(tenant))

// The key was checked against the tenant, so it exists; removing a tenant removes its keys.
const load = (tenantId: Tenant["id"]) =>
  Effect.flatMap(Ports.TenantRepo, (repo) =>
    Effect.flatMap(repo.get(tenantId), (found) =>
      Option.isSome(found)
        ? Effect.succeed(found.value)
        : Effect.dieMessage(`tenant ${tenantId} has a key but no row`),
    ),
  )

export const get = Route.make({
  method: "get",
  path: "/v1/tenant",
  operationId: "getTenant",
  summary: "The tenant of the API key, with its settings",
  tag: "Tenant",
  auth: "key",
  responses: [{ status: 200, description: "The tenant", schema: TenantView }, ...R.common],
  handler: ({ auth }) =>
    Effect.map(Effect.flatMap(load(auth.tenantId), view), (body) => ({ status: 200, body })),
})

export const update = Route.make({
  method: "patch",
  path: "/v1/tenant",
  operationId: "updateTenant",
  summary: "Change the tenant's name or settings (the fields given; null clears a setting)",
  description:
    "`locale` is the language of the tenant's alerts (e-mail subject and body, webhook text); `reminderOffsets` are the days before a notice deadline on which reminders go out, for subscriptions that state none of their own. The worker reads both at its next run; without them, its configuration decides (WORKER_LOCALES, WORKER_REMINDER_OFFSETS), then en and 90, 60, 30, 7, 1.",
  tag: "Tenant",
  auth: "key",
  body: TenantPatch,
  responses: [
    { status: 200, description: "The tenant as changed", schema: TenantView },
    ...R.withBody,
  ],
  handler: ({ auth, body }) =>
    Effect.gen(function* () {
      const repo = yield* Ports.TenantRepo
      const next = yield* Effect.orDie(repo.update(auth.tenantId, body))
      return { status: 200, body: yield* view(next) }
    }),
})

export const routes = [get, update]
