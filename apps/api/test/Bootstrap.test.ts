/** Keys made by `pnpm api:key create`: an API key never takes the feed tokens' name. */
import { Effect, Exit, Redacted } from "effect"
import request from "supertest"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createApp } from "../src/App.js"
import * as Bootstrap from "../src/Bootstrap.js"
import * as T from "./support/TestApp.js"

let t: Awaited<ReturnType<typeof T.makeRuntime>>
beforeAll(async () => {
  t = await T.makeRuntime()
})
afterAll(async () => {
  await t.runtime.dispose()
  t.removeFiles()
})

describe("api:key create", () => {
  it("refuses the feed tokens' name for an API key, and says why", async () => {
    const exit = await t.runtime.runPromiseExit(
      Bootstrap.createKey("tenant-a", { feed: false, label: "calendar-feed" }),
    )
    expect(Exit.isFailure(exit) && exit.cause._tag === "Fail" && exit.cause.error.message).toBe(
      '"calendar-feed" is the name of calendar feed tokens: choose another name, or pass --feed for a feed token',
    )
  })

  it("makes an API key with another name, and a feed token with --feed, each for its use", async () => {
    const app = createApp(t.runtime)
    const made = await t.runtime.runPromise(
      Effect.all([
        Bootstrap.createKey("tenant-a", { feed: true }),
        Bootstrap.createKey("tenant-a", { feed: false, label: "portal" }),
      ]),
    )
    const [feed = "", api = ""] = made.map((k) => Redacted.value(k.secret))
    const list = await request(app).get("/v1/subscriptions").set(T.bearer(api))
    expect(list.status).toBe(200)
    const asBearer = await request(app).get("/v1/subscriptions").set(T.bearer(feed))
    expect(asBearer.status).toBe(401)
    const calendar = await request(app).get(`/v1/renewals.ics?token=${feed}`)
    expect(calendar.status).toBe(200)
    const apiAsFeed = await request(app).get(`/v1/renewals.ics?token=${api}`)
    expect(apiAsFeed.status).toBe(401)
  })
})
