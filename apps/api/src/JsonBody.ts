/**
 * JSON request bodies. The usual request — declared `application/json` in
 * UTF-8, not compressed, with a Content-Length within the limit — is read
 * here directly; any other (compressed, chunked, another JSON media type or
 * charset, an empty body, over the limit) goes through Express's body parser.
 * Both parse strictly (an object or an array at the top) and fail alike: the
 * error handlers see the same `type` and `status` either way.
 */
import express, { type NextFunction, type Request, type Response } from "express"

export interface Options {
  /** As body-parser spells it: "1mb", "100kb", "512b". */
  readonly limit: string
  /** Media types parsed as JSON (type-is patterns). */
  readonly types: ReadonlyArray<string>
  /**
   * Where a body read here goes; `req.body` by default. (Express's parser,
   * for the other requests, always sets `req.body`.)
   */
  readonly keep?: (req: Request, res: Response, body: unknown) => void
}

const onRequest = (req: Request, _res: Response, body: unknown) => {
  req.body = body
}

const PLAIN_JSON = /^application\/json(?:;[ \t]*charset=utf-8)?$/i
const LIMIT = /^(\d+(?:\.\d+)?)[ \t]*(b|kb|mb|gb)?$/i
const UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }
// As body-parser's strict mode looks at it: the first character after JSON whitespace.
const FIRST = /^[ \t\n\r]*([^ \t\n\r]|$)/

/** A size limit in bytes, as the `bytes` package reads it; undefined when unreadable. */
export const limitBytes = (limit: string): number | undefined => {
  const match = LIMIT.exec(limit.trim())
  if (match === null) return undefined
  return Math.floor(Number(match[1]) * (UNITS[(match[2] ?? "b").toLowerCase()] ?? 1))
}

/** A failure as body-parser reports it (http-errors): a 400 with its type. */
const failure = (type: string, message: string) =>
  Object.assign(new Error(message), { type, status: 400, statusCode: 400, expose: true })

/** The body of the usual request, parsed as body-parser's strict JSON parser would. */
export const parse = (text: string): unknown => {
  // iconv-lite, which body-parser decodes with, drops a byte order mark.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const first = FIRST.exec(body)?.[1]
  if (first !== "{" && first !== "[") {
    throw failure("entity.parse.failed", "JSON body must be an object or an array")
  }
  try {
    return JSON.parse(body)
  } catch (error) {
    throw failure("entity.parse.failed", error instanceof Error ? error.message : String(error))
  }
}

/** Middleware that sets `req.body` from a JSON body. */
export const parser = (options: Options) => {
  const fallback = express.json({ limit: options.limit, type: [...options.types], strict: true })
  const max = limitBytes(options.limit)
  const keep = options.keep ?? onRequest
  return (req: Request, res: Response, next: NextFunction): void => {
    const headers = req.headers
    const declared = headers["content-length"]
    const length = declared === undefined ? Number.NaN : Number(declared)
    const encoding = headers["content-encoding"]
    const type = headers["content-type"]
    if (
      max === undefined ||
      !(length > 0 && length <= max && Number.isInteger(length)) ||
      headers["transfer-encoding"] !== undefined ||
      (encoding !== undefined && encoding.toLowerCase() !== "identity") ||
      type === undefined ||
      !PLAIN_JSON.test(type) ||
      req.readableEnded
    ) {
      fallback(req, res, next)
      return
    }
    // Node's parser delivers no more than Content-Length bytes; fewer means the request ended early.
    const chunks: Array<Buffer> = []
    let received = 0
    let done = false
    const finish = (error: unknown) => {
      if (done) return
      done = true
      req.off("data", onData)
      req.off("end", onEnd)
      req.off("error", onError)
      if (error !== undefined) {
        next(error)
        return
      }
      let body: unknown
      try {
        const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received)
        body = parse(bytes === undefined ? "" : bytes.toString("utf8"))
      } catch (parseError) {
        next(parseError)
        return
      }
      keep(req, res, body)
      next()
    }
    const onData = (chunk: Buffer) => {
      chunks.push(chunk)
      received += chunk.length
    }
    const onEnd = () =>
      finish(
        received === length
          ? undefined
          : failure("request.size.invalid", "request size did not match content length"),
      )
    // A request cut short ('aborted') is destroyed with an error, which Node
    // emits to a request that listens for errors.
    const onError = () => finish(failure("request.aborted", "request aborted"))
    req.on("data", onData)
    req.on("end", onEnd)
    req.on("error", onError)
  }
}
