import * as Http from "node:http"
import * as Net from "node:net"
import { gzipSync } from "node:zlib"
import express, { type NextFunction, type Request, type Response } from "express"
import request from "supertest"
import { describe, expect, it } from "vitest"
import * as JsonBody from "../src/JsonBody.js"

const types = ["application/json", "application/*+json"]

/** An app that answers with what its parser made of the body, or the parser's failure. */
const echo = (parser: express.RequestHandler) => {
  const app = express()
  app.post("/", parser, (req: Request, res: Response) => {
    res.json({ body: req.body === undefined ? "(none)" : req.body })
  })
  app.use(
    (
      err: { type?: string; status?: number },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      res.status(err.status ?? 500).json({ type: err.type ?? "(none)" })
    },
  )
  return app
}

const ours = echo(JsonBody.parser({ limit: "1kb", types }))
const express_ = echo(express.json({ limit: "1kb", type: types, strict: true }))

const send = (
  app: express.Express,
  body: string | Buffer,
  headers: Readonly<Record<string, string>> = {},
) => {
  let req = request(app).post("/").set("content-type", "application/json")
  for (const [name, value] of Object.entries(headers)) req = req.set(name, value)
  return req.send(body)
}

describe("JsonBody", () => {
  it("reads a size limit as the bytes package does", () => {
    expect(JsonBody.limitBytes("1mb")).toBe(1_048_576)
    expect(JsonBody.limitBytes("100KB")).toBe(102_400)
    expect(JsonBody.limitBytes("512")).toBe(512)
    expect(JsonBody.limitBytes("1.5kb")).toBe(1536)
    expect(JsonBody.limitBytes("lots")).toBeUndefined()
  })

  it("answers every body as Express's strict JSON parser does", async () => {
    const bodies: ReadonlyArray<string | Buffer> = [
      '{"offer":"example-per-user","profile":{"seats":10}}',
      ' \r\n\t[1, 2, {"a": "名"}]',
      "\uFEFF{}",
      '{"a":',
      "null",
      '"text"',
      "12",
      "   ",
      "{}x",
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),
      `{"long":"${"x".repeat(2000)}"}`,
    ]
    const headers: ReadonlyArray<Readonly<Record<string, string>>> = [
      {},
      { "content-type": "application/json; charset=UTF-8" },
      { "content-type": "application/problem+json" },
    ]
    for (const body of bodies) {
      for (const h of headers) {
        const [mine, theirs] = await Promise.all([send(ours, body, h), send(express_, body, h)])
        expect({ status: mine.status, body: mine.body }).toEqual({
          status: theirs.status,
          body: theirs.body,
        })
      }
    }
  })

  it("hands the body it reads to `keep` when given one, instead of setting req.body", async () => {
    const kept: Array<unknown> = []
    const app = echo(
      JsonBody.parser({
        limit: "1kb",
        types,
        keep: (_req, _res, body) => {
          kept.push(body)
        },
      }),
    )
    const res = await send(app, '{"seats":3}')
    expect(res.body).toEqual({ body: "(none)" })
    expect(kept).toEqual([{ seats: 3 }])
  })

  it("leaves compressed, chunked and other unusual bodies to Express's parser", async () => {
    const server = ours.listen(0, "127.0.0.1")
    await new Promise((resolve) => server.once("listening", resolve))
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    /** Post raw bytes, with the headers given and nothing else added. */
    const post = (body: Buffer, headers: Readonly<Record<string, string>>) =>
      new Promise<{ status: number; body: unknown }>((resolve, reject) => {
        const req = Http.request({ port, host: "127.0.0.1", method: "POST", path: "/", headers })
        req.on("response", (res) => {
          let text = ""
          res.setEncoding("utf8")
          res.on("data", (chunk: string) => {
            text += chunk
          })
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }))
        })
        req.on("error", reject)
        req.end(body)
      })
    try {
      const json = { "content-type": "application/json" }
      const gzipped = gzipSync(Buffer.from('{"seats":10}'))
      expect(
        await post(gzipped, {
          ...json,
          "content-encoding": "gzip",
          "content-length": String(gzipped.length),
        }),
      ).toEqual({ status: 200, body: { body: { seats: 10 } } })
      expect(
        await post(Buffer.from('{"seats":11}'), { ...json, "transfer-encoding": "chunked" }),
      ).toEqual({ status: 200, body: { body: { seats: 11 } } })
      expect(
        await post(Buffer.from('{"a":1}'), {
          "content-type": "application/json; charset=latin1",
          "content-length": "7",
        }),
      ).toEqual({ status: 415, body: { type: "charset.unsupported" } })
    } finally {
      server.close()
    }
  })

  it("hands a body cut short by the client on as an aborted request", async () => {
    const seen: Array<string | undefined> = []
    const app = express()
    app.post("/", JsonBody.parser({ limit: "1kb", types }), (_req: Request, res: Response) => {
      res.json({})
    })
    app.use((err: { type?: string }, _req: Request, res: Response, _next: NextFunction) => {
      seen.push(err.type)
      res.end()
    })
    const server = app.listen(0, "127.0.0.1")
    await new Promise((resolve) => server.once("listening", resolve))
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    try {
      const socket = Net.connect(port, "127.0.0.1")
      await new Promise((resolve) => socket.once("connect", resolve))
      socket.write(
        'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":',
      )
      await new Promise((resolve) => setTimeout(resolve, 50))
      socket.destroy()
      for (let i = 0; i < 100 && seen.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      expect(seen).toEqual(["request.aborted"])
    } finally {
      server.close()
    }
  })
})
