/** Response descriptions shared by the routes, for the OpenAPI document. */
import type { ResponseSpec } from "../Route.js"
import { ProblemView } from "../Wire.js"

const problem = (status: number, description: string): ResponseSpec => ({
  status,
  description,
  schema: ProblemView,
  contentType: "application/problem+json",
})

export const badRequest = problem(400, "The request is not valid; `errors` lists every field.")
export const unauthorized = problem(401, "Missing or invalid API key.")
export const notFound = problem(404, "Not found (for this tenant).")
export const conflict = problem(
  409,
  "Conflicts with the current state, an Idempotency-Key reused with another body, or one still in use by a request being answered (see Retry-After).",
)
export const tooLarge = problem(413, "The body is over 1 MB.")
export const unsupported = problem(415, "The body is not JSON.")
export const unprocessable = problem(422, "The offer cannot be priced for this need.")
export const rateLimited = problem(429, "Too many requests for this key; see Retry-After.")
export const unavailable = problem(503, "The database cannot be reached.")

/** What every authenticated route may answer. */
export const common: ReadonlyArray<ResponseSpec> = [badRequest, unauthorized, rateLimited]
/** What every authenticated route with a JSON body may answer. */
export const withBody: ReadonlyArray<ResponseSpec> = [...common, tooLarge, unsupported]
