/**
 * Pricing: quotes, comparisons, recommendations and hidden fees, for offers
 * given by id or inline. Nothing is stored; the domain does all the work.
 */
import * as Compare from "@crm-cost/domain/Compare"
import * as Errors from "@crm-cost/domain/Errors"
import * as HiddenFees from "@crm-cost/domain/HiddenFees"
import { Offer } from "@crm-cost/domain/Offer"
import type * as Ports from "@crm-cost/domain/Ports"
import * as Quote from "@crm-cost/domain/Quote"
import * as Recommend from "@crm-cost/domain/Recommend"
import type { TenantId } from "@crm-cost/domain/Subscription"
import { Effect, Option } from "effect"
import { NotFound, Unpriceable } from "../ApiError.js"
import * as OfferCatalog from "../OfferCatalog.js"
import { toJson, toJsonText } from "../Render.js"
import * as Route from "../Route.js"
import {
  ComparisonRequest,
  ComparisonView,
  HiddenFeesRequest,
  HiddenFeesView,
  type OfferRef,
  QuoteRequest,
  QuoteView,
  RecommendationRequest,
  RecommendationView,
} from "../Wire.js"
import * as R from "./Responses.js"

/** The offer a reference names: inline as given, or by id among the tenant's offers. */
export const resolve = (
  tenantId: TenantId,
  ref: typeof OfferRef.Type,
): Effect.Effect<Offer, NotFound, OfferCatalog.OfferCatalog | Ports.OfferRepo> =>
  ref instanceof Offer
    ? Effect.succeed(ref)
    : Effect.flatMap(OfferCatalog.OfferCatalog, (catalog) => {
        // A built-in offer is in memory: no store round trip for the common case.
        const builtIn = catalog.builtInById.get(ref)
        if (builtIn !== undefined) return Effect.succeed(builtIn)
        return Effect.flatMap(OfferCatalog.find(tenantId, ref), (found) =>
          Option.isSome(found)
            ? Effect.succeed(found.value.offer)
            : Effect.fail(new NotFound({ what: (t) => t.what.offer(ref) })),
        )
      })

/** A pricing failure of the domain as a 422, in the reader's words when the domain has them. */
const unpriceable =
  (offer: Offer | undefined) =>
  (error: Quote.QuoteError | { readonly _tag: string; readonly message: string }) =>
    new Unpriceable({
      code: error._tag,
      detail:
        offer !== undefined && isQuoteError(error)
          ? Errors.errorMessage(offer, error)
          : error.message,
      offerId: offer?.id,
    })

const quoteErrorTags = new Set([
  "SeatLimitExceeded",
  "UnknownModule",
  "UnknownIntegration",
  "MissingFxRate",
  "UnsupportedTerm",
  "MissingLabourRate",
  "UnknownComponent",
])
const isQuoteError = (e: { readonly _tag: string }): e is Quote.QuoteError =>
  quoteErrorTags.has(e._tag)

const jsonType = "application/json"

const pricingResponses = [...R.withBody, R.notFound, R.conflict, R.unprocessable]

export const quote = Route.make({
  method: "post",
  path: "/v1/quotes",
  operationId: "createQuote",
  summary: "Price an offer for a need",
  description:
    "Every charge line with how it was computed, the month-by-month cash flow and accrual, totals by category, cost per seat-month and, with a discount rate, NPV. Without `termMonths`, the cheapest term the offer sells and the profile allows.",
  tag: "Pricing",
  auth: "key",
  idempotent: true,
  body: QuoteRequest,
  responses: [{ status: 200, description: "The quote", schema: QuoteView }, ...pricingResponses],
  handler: ({ auth, body, locale }) =>
    Effect.flatMap(resolve(auth.tenantId, body.offer), (offer) =>
      Quote.make(
        offer,
        body.profile,
        body.termMonths === undefined ? undefined : { termMonths: body.termMonths },
      ).pipe(
        Effect.mapError(unpriceable(offer)),
        // The JSON text directly: a quote's months make it the largest answer of the API.
        Effect.map((q) => ({ status: 200, body: toJsonText(q, locale), contentType: jsonType })),
      ),
    ),
})

export const comparison = Route.make({
  method: "post",
  path: "/v1/comparisons",
  operationId: "createComparison",
  summary: "Rank offers for one need and explain the gaps",
  description:
    "Ranking by total (and NPV), the gap to the cheapest, each offer's cheapest term, break-even seat counts and months, and how the ranking moves when growth changes.",
  tag: "Pricing",
  auth: "key",
  idempotent: true,
  body: ComparisonRequest,
  responses: [
    { status: 200, description: "The comparison", schema: ComparisonView },
    ...pricingResponses,
  ],
  handler: ({ auth, body, locale }) =>
    Effect.gen(function* () {
      const offers = yield* Effect.forEach(body.offers, (ref) => resolve(auth.tenantId, ref))
      const seatRange =
        body.breakEvenSeats === false
          ? false
          : body.seatRange === undefined
            ? undefined
            : {
                ...(body.seatRange.from === undefined ? {} : { from: body.seatRange.from }),
                ...(body.seatRange.to === undefined ? {} : { to: body.seatRange.to }),
              }
      const result = yield* Compare.make(
        offers,
        body.profile,
        seatRange === undefined ? undefined : { seatRange },
      ).pipe(Effect.mapError(unpriceable(undefined)))
      return { status: 200, body: toJsonText(result, locale), contentType: jsonType }
    }),
})

export const recommendation = Route.make({
  method: "post",
  path: "/v1/recommendations",
  operationId: "createRecommendation",
  summary: "Keep the offers that meet the need, ranked, with reasons",
  tag: "Pricing",
  auth: "key",
  idempotent: true,
  body: RecommendationRequest,
  responses: [
    { status: 200, description: "The recommendation", schema: RecommendationView },
    ...pricingResponses,
  ],
  handler: ({ auth, body, locale }) =>
    Effect.gen(function* () {
      const offers =
        body.offers === undefined
          ? (yield* OfferCatalog.all(auth.tenantId)).map((l) => l.offer)
          : yield* Effect.forEach(body.offers, (ref) => resolve(auth.tenantId, ref))
      const result = yield* Recommend.make(
        offers,
        body.profile,
        body.acceptOverage === undefined ? undefined : { acceptOverage: body.acceptOverage },
      ).pipe(Effect.mapError(unpriceable(undefined)))
      return { status: 200, body: toJsonText(result, locale), contentType: jsonType }
    }),
})

export const hiddenFees = Route.make({
  method: "post",
  path: "/v1/hidden-fees",
  operationId: "findHiddenFees",
  summary: "Find the hidden fees of an offer for a need",
  tag: "Pricing",
  auth: "key",
  idempotent: true,
  body: HiddenFeesRequest,
  responses: [
    { status: 200, description: "The findings, most costly first", schema: HiddenFeesView },
    ...pricingResponses,
  ],
  handler: ({ auth, body, locale }) =>
    Effect.gen(function* () {
      const offer = yield* resolve(auth.tenantId, body.offer)
      const findings = yield* HiddenFees.scan(offer, body.profile).pipe(
        Effect.mapError(unpriceable(offer)),
      )
      const total = yield* HiddenFees.total(offer.currency, findings).pipe(
        Effect.mapError(unpriceable(offer)),
      )
      return {
        status: 200,
        body: {
          offerId: offer.id,
          findings: toJson(findings, locale),
          total: toJson(total, locale),
        },
      }
    }),
})

export const routes = [quote, comparison, recommendation, hiddenFees]
