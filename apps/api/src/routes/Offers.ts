/** Offers: the built-in catalog and the tenant's own offers. Built-in offers are read-only. */

import * as OfferModule from "@crm-cost/domain/Offer"
import { feeModels, type Offer } from "@crm-cost/domain/Offer"
import * as Ports from "@crm-cost/domain/Ports"
import { Effect, Option } from "effect"
import { Conflict, NotFound } from "../ApiError.js"
import * as OfferCatalog from "../OfferCatalog.js"
import { paginate } from "../Page.js"
import * as Route from "../Route.js"
import { OfferIdParams, OffersQuery, OfferView, page } from "../Wire.js"
import * as R from "./Responses.js"

/** An offer as the API shows it: the offer's wire form, where it comes from, its fee models. */
export const view = (located: OfferCatalog.Located) =>
  Effect.map(Effect.orDie(OfferModule.encode(located.offer)), (encoded) => ({
    ...encoded,
    origin: located.origin,
    feeModels: feeModels(located.offer),
  }))

const notFound = (id: string) => new NotFound({ what: (t) => t.what.offer(id) })

const matches = (located: OfferCatalog.Located, q: typeof OffersQuery.Type): boolean => {
  const o: Offer = located.offer
  if (q.origin !== undefined && located.origin !== q.origin) return false
  if (q.vendor !== undefined && o.vendor.toLowerCase() !== q.vendor.toLowerCase()) return false
  if (q.currency !== undefined && o.currency !== q.currency) return false
  if (q.status !== undefined && o.status !== q.status) return false
  if (q.feeModel !== undefined && !feeModels(o).includes(q.feeModel)) return false
  if (q.q !== undefined) {
    const text = `${o.id} ${o.vendor} ${o.name} ${o.description ?? ""}`.toLowerCase()
    if (
      !q.q
        .toLowerCase()
        .split(/\s+/)
        .filter(Boolean)
        .every((w) => text.includes(w))
    )
      return false
  }
  return true
}

export const list = Route.make({
  method: "get",
  path: "/v1/offers",
  operationId: "listOffers",
  summary: "List offers (built-in and custom), filtered, by cursor",
  tag: "Offers",
  auth: "key",
  query: OffersQuery,
  responses: [
    { status: 200, description: "A page of offers, by id", schema: page(OfferView, "OfferPage") },
    ...R.common,
  ],
  handler: ({ auth, query }) =>
    Effect.gen(function* () {
      const all = yield* OfferCatalog.all(auth.tenantId)
      const result = yield* paginate(
        all.filter((l) => matches(l, query)),
        (l) => l.offer.id,
        query,
      )
      const data = yield* Effect.forEach(result.data, view)
      return { status: 200, body: { ...result, data } }
    }),
})

export const get = Route.make({
  method: "get",
  path: "/v1/offers/:id",
  operationId: "getOffer",
  summary: "Get one offer",
  tag: "Offers",
  auth: "key",
  params: OfferIdParams,
  responses: [
    { status: 200, description: "The offer", schema: OfferView },
    ...R.common,
    R.notFound,
  ],
  handler: ({ auth, params }) =>
    Effect.gen(function* () {
      const found = yield* OfferCatalog.find(auth.tenantId, params.id)
      if (Option.isNone(found)) return yield* notFound(params.id)
      return { status: 200, body: yield* view(found.value) }
    }),
})

export const create = Route.make({
  method: "post",
  path: "/v1/offers",
  operationId: "createOffer",
  summary: "Create a custom offer",
  tag: "Offers",
  auth: "key",
  idempotent: true,
  body: OfferModule.Offer,
  responses: [
    { status: 201, description: "The offer created", schema: OfferView },
    ...R.withBody,
    R.conflict,
  ],
  handler: ({ auth, body }) =>
    Effect.gen(function* () {
      const existing = yield* OfferCatalog.find(auth.tenantId, body.id)
      if (Option.isSome(existing)) {
        const id = body.id
        return yield* new Conflict({
          code: existing.value.origin === "built-in" ? "built_in_offer" : "offer_exists",
          detail: (t) => t.conflict.offerExists(id),
        })
      }
      const repo = yield* Ports.OfferRepo
      yield* Effect.orDie(repo.put(auth.tenantId, body))
      return {
        status: 201,
        body: yield* view({ offer: body, origin: "custom" }),
        headers: { Location: `/v1/offers/${encodeURIComponent(body.id)}` },
      }
    }),
})

export const replace = Route.make({
  method: "put",
  path: "/v1/offers/:id",
  operationId: "replaceOffer",
  summary: "Replace a custom offer",
  tag: "Offers",
  auth: "key",
  params: OfferIdParams,
  body: OfferModule.Offer,
  responses: [
    { status: 200, description: "The offer as replaced", schema: OfferView },
    ...R.withBody,
    R.notFound,
    R.conflict,
  ],
  handler: ({ auth, params, body }) =>
    Effect.gen(function* () {
      const catalog = yield* OfferCatalog.OfferCatalog
      if (catalog.builtInById.has(params.id)) {
        const id = params.id
        return yield* new Conflict({
          code: "built_in_offer",
          detail: (t) => t.conflict.builtInReadOnly(id),
        })
      }
      if (body.id !== params.id) {
        const [p, b] = [params.id, body.id]
        return yield* new Conflict({
          code: "id_mismatch",
          detail: (t) => t.conflict.idMismatch(p, b),
        })
      }
      const repo = yield* Ports.OfferRepo
      const existing = yield* repo.get(auth.tenantId, params.id)
      if (Option.isNone(existing)) return yield* notFound(params.id)
      yield* Effect.orDie(repo.put(auth.tenantId, body))
      return { status: 200, body: yield* view({ offer: body, origin: "custom" }) }
    }),
})

export const remove = Route.make({
  method: "delete",
  path: "/v1/offers/:id",
  operationId: "deleteOffer",
  summary: "Delete a custom offer",
  tag: "Offers",
  auth: "key",
  params: OfferIdParams,
  responses: [{ status: 204, description: "Deleted" }, ...R.common, R.notFound, R.conflict],
  handler: ({ auth, params }) =>
    Effect.gen(function* () {
      const catalog = yield* OfferCatalog.OfferCatalog
      if (catalog.builtInById.has(params.id)) {
        const id = params.id
        return yield* new Conflict({
          code: "built_in_offer",
          detail: (t) => t.conflict.builtInReadOnly(id),
        })
      }
      const repo = yield* Ports.OfferRepo
      const removed = yield* repo.remove(auth.tenantId, params.id)
      if (!removed) return yield* notFound(params.id)
      return { status: 204 }
    }),
})

export const routes = [list, get, create, replace, remove]
