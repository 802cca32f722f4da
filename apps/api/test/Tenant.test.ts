import request from "supertest"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Ics from "./support/Ics.js"
import * as T from "./support/TestApp.js"

let t: T.TestApp
beforeAll(async () => {
  t = await T.make({ now: T.now })
})
afterAll(() => t.cleanup())

const get = (key = t.keyA) => request(t.app).get("/v1/tenant").set(T.bearer(key))
const patch = (body: unknown, key = t.keyA) =>
  request(t.app)
    .patch("/v1/tenant")
    .set(T.bearer(key))
    .send(body as object)

describe("Tenant", () => {
  it("shows the key's tenant, and no settings until it has some", async () => {
    const res = await get()
    expect(res.status).toBe(200)
    expect(Object.keys(res.body).sort()).toEqual(["createdAt", "id", "name"])
    const other = await get(t.keyB)
    expect(other.body.id).not.toBe(res.body.id)
  })

  it("keeps the alert language and reminder offsets it is given, and clears them with null", async () => {
    const set = await patch({ locale: "zh-CN", reminderOffsets: [45, 10] })
    expect(set.status).toBe(200)
    expect(set.body).toMatchObject({ locale: "zh-CN", reminderOffsets: [45, 10] })
    expect((await get()).body).toMatchObject({ locale: "zh-CN", reminderOffsets: [45, 10] })
    // A field left out stays; the other tenant is untouched.
    const renamed = await patch({ name: "Acme China" })
    expect(renamed.body).toMatchObject({ name: "Acme China", locale: "zh-CN" })
    expect((await get(t.keyB)).body.locale).toBeUndefined()
    const cleared = await patch({ locale: null, reminderOffsets: null })
    expect(cleared.status).toBe(200)
    expect(cleared.body.locale).toBeUndefined()
    expect(cleared.body.reminderOffsets).toBeUndefined()
    expect((await get()).body.name).toBe("Acme China")
  })

  it("answers 400 naming each bad setting, and changes nothing", async () => {
    const before = (await get()).body
    const res = await patch({ locale: "fr", reminderOffsets: [] })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "locale",
      "reminderOffsets",
    ])
    expect(res.body.errors[1].message).toContain("at least one offset")
    const negative = await patch({ reminderOffsets: [30, -1] })
    expect(negative.status).toBe(400)
    expect(negative.body.errors[0].path).toBe("reminderOffsets[1]")
    const zh = await request(t.app)
      .patch("/v1/tenant")
      .set(T.bearer(t.keyA))
      .set("Accept-Language", "zh-CN")
      .send({ name: "" })
    expect(zh.status).toBe(400)
    expect(zh.body.errors[0].path).toBe("name")
    expect((await get()).body).toEqual(before)
  })

  it("puts the calendar's alarms at the tenant's offsets for a subscription without its own", async () => {
    const created = await request(t.app)
      .post("/v1/subscriptions")
      .set(T.bearer(t.keyA))
      .send({ ...T.subscription, id: "tenant-offsets" })
    expect(created.status).toBe(201)
    expect((await patch({ reminderOffsets: [45, 10] })).status).toBe(200)
    const token = await request(t.app).post("/v1/feed-tokens").set(T.bearer(t.keyA))
    const calendar = Ics.parse((await request(t.app).get(token.body.url)).text)
    const notice = calendar.children.find(
      (e) => Ics.prop(e, "UID") === "tenant-offsets/notice/2026-01-01@crm-cost",
    )
    expect(notice?.children.map((a) => Ics.prop(a, "TRIGGER"))).toEqual(["-P45D", "-P10D"])
  })
})
