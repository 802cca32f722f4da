/**
 * The OpenAPI 3.1 document, generated from the route table: the same
 * schemas that validate requests describe them here, so the document and
 * the validation cannot drift apart.
 */
import { SchemaAST as AST, JSONSchema } from "effect"
import type { Route } from "./Route.js"
import { openApiPath } from "./Route.js"

type Json = JSONSchema.JsonSchema7

const defaultContentType = (status: number) =>
  status >= 400 ? "application/problem+json" : "application/json"

/** The members of an optional field's type without `undefined`. */
const withoutUndefined = (ast: AST.AST): AST.AST =>
  AST.isUnion(ast)
    ? AST.Union.make(
        ast.types.filter((t) => !AST.isUndefinedKeyword(t)),
        ast.annotations,
      )
    : ast

const fields = (ast: AST.AST): ReadonlyArray<AST.PropertySignature> =>
  AST.isTypeLiteral(ast)
    ? ast.propertySignatures
    : AST.isTransformation(ast)
      ? fields(ast.from)
      : AST.isRefinement(ast)
        ? fields(ast.from)
        : []

/** Build the document for a set of routes. */
export const make = (
  routes: ReadonlyArray<Route>,
  info: { readonly title: string; readonly version: string },
) => {
  const definitions: Record<string, Json> = {}
  const schemaOf = (ast: AST.AST): Json =>
    JSONSchema.fromAST(ast, {
      definitions,
      definitionPath: "#/components/schemas/",
      target: "openApi3.1",
    })

  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routes) {
    const parameters: Array<Record<string, unknown>> = []
    for (const [where, schema] of [
      ["path", route.params],
      ["query", route.query],
    ] as const) {
      if (schema === undefined) continue
      for (const ps of fields(schema.ast)) {
        parameters.push({
          name: String(ps.name),
          in: where,
          required: where === "path" || !ps.isOptional,
          schema: schemaOf(withoutUndefined(ps.type)),
        })
      }
    }
    parameters.push({ $ref: "#/components/parameters/AcceptLanguage" })
    if (route.auth === "key") parameters.push({ $ref: "#/components/parameters/RequestId" })
    if (route.idempotent) parameters.push({ $ref: "#/components/parameters/IdempotencyKey" })

    const responses: Record<string, unknown> = {}
    for (const r of route.responses) {
      responses[String(r.status)] = {
        description: r.description,
        ...(r.schema === undefined
          ? {}
          : {
              content: {
                [r.contentType ?? defaultContentType(r.status)]: { schema: schemaOf(r.schema.ast) },
              },
            }),
      }
    }
    if (route.auth !== "none") {
      responses["500"] = {
        description: "Internal error: the request id to quote, nothing else",
        content: {
          "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } },
        },
      }
    }

    const path = openApiPath(route.path)
    paths[path] ??= {}
    const item = paths[path]
    if (item === undefined) continue
    item[route.method] = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description === undefined ? {} : { description: route.description }),
      tags: [route.tag],
      parameters,
      ...(route.body === undefined
        ? {}
        : {
            requestBody: {
              required: true,
              content: { "application/json": { schema: schemaOf(route.body.ast) } },
            },
          }),
      responses,
      security:
        route.auth === "key" ? [{ apiKey: [] }] : route.auth === "feed" ? [{ feedToken: [] }] : [],
    }
  }

  return {
    openapi: "3.1.0",
    info: {
      title: info.title,
      version: info.version,
      description:
        "What a CRM will cost, and the CRM contracts a company holds. Money is `{amount, currency}` with the amount a decimal string; errors are RFC 9457 problem details; texts follow Accept-Language (en, zh-CN).",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: definitions,
      parameters: {
        AcceptLanguage: {
          name: "Accept-Language",
          in: "header",
          required: false,
          schema: { type: "string" },
          description: "zh-CN or en (default)",
        },
        RequestId: {
          name: "X-Request-Id",
          in: "header",
          required: false,
          schema: { type: "string", pattern: "^[A-Za-z0-9._-]{1,64}$" },
          description: "Echoed back, and in the logs; generated when absent",
        },
        IdempotencyKey: {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          schema: { type: "string", minLength: 1, maxLength: 255 },
          description:
            "Replays the first answer to a retried request; reusing a key with a different body is a 409",
        },
      },
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key: `crmk_…`" },
        feedToken: {
          type: "apiKey",
          in: "query",
          name: "token",
          description: "A calendar feed token",
        },
      },
    },
  }
}
