/**
 * Graceful stop of the real server (src/Server.ts) on a free port: once
 * stopping, it takes no new connection and reports "draining", a request
 * already in flight is answered in full, and one that never finishes is cut
 * at the grace period so the stop always ends.
 */
import * as Net from "node:net"
import { describe, expect, it } from "vitest"
import * as ApiConfig from "../src/ApiConfig.js"
import * as Server from "../src/Server.js"
import * as T from "./support/TestApp.js"

const settings: ApiConfig.Settings = { ...ApiConfig.defaults, port: 0, host: "127.0.0.1" }

const body = JSON.stringify({ offer: "example-per-user", profile: T.profile })

/** Opens a connection and sends the first part of a request; `send` sends more. */
const open = async (port: number, start: string) => {
  const socket = Net.connect(port, "127.0.0.1")
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve)
    socket.once("error", reject)
  })
  let response = ""
  socket.setEncoding("utf8")
  socket.on("data", (chunk: string) => {
    response += chunk
  })
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()))
  socket.write(start)
  return { send: (more: string) => socket.write(more), closed, response: () => response }
}

/** A POST /v1/quotes whose body stops after `sent` characters (ASCII). */
const quote = (port: number, key: string, sent: number) =>
  open(
    port,
    `POST /v1/quotes HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${key}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n` +
      body.slice(0, sent),
  )

const bodyOf = (response: string) => JSON.parse(response.slice(response.indexOf("\r\n\r\n") + 4))

const refused = (port: number) =>
  new Promise<string>((resolve) => {
    const socket = Net.connect(port, "127.0.0.1")
    socket.once("connect", () => {
      socket.destroy()
      resolve("connected")
    })
    socket.once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message))
  })

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe("Graceful stop", () => {
  it("answers a request in flight, refuses new connections and says it is draining", async () => {
    const t = await T.makeRuntime()
    try {
      const running = await Server.start(t.runtime, settings, { graceMs: 30_000 })
      const ready = await fetch(`http://127.0.0.1:${running.port}/readyz`)
      expect(ready.status).toBe(200)
      // A keep-alive connection that is idle when the stop begins is closed at once.
      const idle = await quote(running.port, t.keyA, body.length)
      await sleep(200)
      expect(idle.response()).toMatch(/^HTTP\/1\.1 200 /)
      const inFlight = await quote(running.port, t.keyA, 10)
      // A readiness probe whose request line has arrived but not its end.
      const probe = await open(running.port, "GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
      await sleep(100)

      const started = Date.now()
      const stopped = running.stop()
      await idle.closed

      expect(await refused(running.port)).toBe("ECONNREFUSED")

      probe.send("\r\n")
      await probe.closed
      expect(probe.response()).toMatch(/^HTTP\/1\.1 503 /)
      expect(bodyOf(probe.response())).toEqual({ status: "draining" })

      inFlight.send(body.slice(10))
      await inFlight.closed
      // Closed once answered, not at the keep-alive timeout (5 s).
      expect(Date.now() - started).toBeLessThan(4_000)
      const answer = inFlight.response()
      expect(answer).toMatch(/^HTTP\/1\.1 200 /)
      // Told not to send another request on this connection.
      expect(answer).toMatch(/\r\nConnection: close\r\n/i)
      expect(bodyOf(answer).total.amount).toMatch(/^\d+\.\d{2}$/)
      await stopped
    } finally {
      t.removeFiles()
    }
  }, 60_000)

  it("cuts a request that never finishes at the grace period, and the stop ends", async () => {
    const t = await T.makeRuntime()
    try {
      const running = await Server.start(t.runtime, settings, { graceMs: 300 })
      const stuck = await quote(running.port, t.keyA, 10)
      await sleep(100)
      const started = Date.now()
      await running.stop()
      await stuck.closed
      expect(stuck.response()).toBe("")
      expect(Date.now() - started).toBeGreaterThanOrEqual(250)
    } finally {
      t.removeFiles()
    }
  }, 60_000)
})
