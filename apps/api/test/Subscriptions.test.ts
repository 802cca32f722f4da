import * as Ports from "@crm-cost/domain/Ports"
import { Alert, SubscriptionId, TenantId } from "@crm-cost/domain/Subscription"
import { DateTime, Effect } from "effect"
import request from "supertest"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Ics from "./support/Ics.js"
import * as T from "./support/TestApp.js"

let t: T.TestApp
beforeAll(async () => {
  t = await T.make({ now: T.now })
})
afterAll(() => t.cleanup())

const create = (body: object, key = t.keyA) =>
  request(t.app).post("/v1/subscriptions").set(T.bearer(key)).send(body)

describe("Subscriptions", () => {
  it("creates a subscription with its renewal date and notice deadline", async () => {
    const res = await create({ ...T.subscription, id: "sf-2026" })
    expect(res.status).toBe(201)
    expect(res.headers.location).toBe("/v1/subscriptions/sf-2026")
    expect(res.body).toMatchObject({
      id: "sf-2026",
      renewalDate: "2027-01-01",
      noticeDeadline: "2026-12-02",
      recurringPrice: { amount: "12000.00", currency: "USD" },
      reminderOffsets: [90, 60, 30, 7, 1],
      status: "active",
    })
  })

  it("keeps a contract's anchor day until its term start changes", async () => {
    // Monthly, renewed from 31 Jan to 28 Feb: it renews on the 31st, not the 28th.
    const res = await create({
      ...T.subscription,
      id: "anchored",
      termStart: "2026-02-28",
      termMonths: 1,
      anchorDay: 31,
      autoRenew: false,
    })
    expect(res.status).toBe(201)
    expect([res.body.anchorDay, res.body.renewalDate]).toEqual([31, "2026-03-31"])
    const patch = (body: object) =>
      request(t.app).patch("/v1/subscriptions/anchored").set(T.bearer(t.keyA)).send(body)
    const notice = await patch({ noticeDays: 10 })
    expect([notice.body.anchorDay, notice.body.noticeDeadline]).toEqual([31, "2026-03-21"])
    // A form that sends every field back, the start unchanged, keeps the anchor.
    const same = await patch({ termStart: "2026-02-28", noticeDays: 5 })
    expect([same.body.anchorDay, same.body.renewalDate]).toEqual([31, "2026-03-31"])
    const moved = await patch({ termStart: "2026-04-30" })
    expect([moved.body.anchorDay, moved.body.renewalDate]).toEqual([undefined, "2026-05-30"])
    const bad = await patch({ anchorDay: 32 })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe("anchorDay")
    // An anchor that does not fit its start: 400 on create and on change, naming it.
    const unfit = await create({ ...T.subscription, termStart: "2026-03-15", anchorDay: 31 })
    expect(unfit.status).toBe(400)
    expect(unfit.body.errors[0].path).toBe("anchorDay")
    // 30 Apr is April's last day, so 31 would fit; 29 is before it.
    const unfitPatch = await patch({ anchorDay: 29 })
    expect(unfitPatch.status).toBe(400)
    expect(unfitPatch.body.errors[0].path).toBe("anchorDay")
  })

  it("generates an id when none is given, and 409 for an id in use", async () => {
    const res = await create(T.subscription)
    expect(res.status).toBe(201)
    expect(res.body.id).toMatch(/^sub_/)
    const again = await create({ ...T.subscription, id: "sf-2026" })
    expect(again.status).toBe(409)
    expect(again.body.code).toBe("subscription_exists")
  })

  it("answers 400 for an unknown offer id and for invalid fields", async () => {
    const offer = await create({ ...T.subscription, offerId: "no-such-offer" })
    expect(offer.status).toBe(400)
    expect(offer.body.errors[0].path).toBe("offerId")
    const bad = await create({
      ...T.subscription,
      termMonths: 0,
      recurringPrice: { amount: "12k", currency: "USD" },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "recurringPrice",
      "termMonths",
    ])
  })

  it("lists, gets, changes and deletes", async () => {
    await create({
      ...T.subscription,
      id: "hs-2026",
      vendor: "HubSpot",
      offerId: "example-per-user",
    })
    const list = await request(t.app).get("/v1/subscriptions?vendor=hubspot").set(T.bearer(t.keyA))
    expect(list.status).toBe(200)
    expect(list.body.data.map((s: { id: string }) => s.id)).toEqual(["hs-2026"])
    const got = await request(t.app).get("/v1/subscriptions/hs-2026").set(T.bearer(t.keyA))
    expect(got.status).toBe(200)
    expect(got.body.offerId).toBe("example-per-user")

    const patched = await request(t.app)
      .patch("/v1/subscriptions/hs-2026")
      .set(T.bearer(t.keyA))
      .send({ seatsBought: 12, noticeDays: 60 })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({
      seatsBought: 12,
      noticeDays: 60,
      noticeDeadline: "2026-11-02",
      vendor: "HubSpot",
    })
    const invalid = await request(t.app)
      .patch("/v1/subscriptions/hs-2026")
      .set(T.bearer(t.keyA))
      .send({ seatsBought: -3 })
    expect(invalid.status).toBe(400)
    expect(invalid.body.errors[0].path).toBe("seatsBought")

    expect(
      (await request(t.app).delete("/v1/subscriptions/hs-2026").set(T.bearer(t.keyA))).status,
    ).toBe(204)
    expect(
      (await request(t.app).get("/v1/subscriptions/hs-2026").set(T.bearer(t.keyA))).status,
    ).toBe(404)
    expect(
      (await request(t.app).delete("/v1/subscriptions/hs-2026").set(T.bearer(t.keyA))).status,
    ).toBe(404)
    expect(
      (
        await request(t.app)
          .patch("/v1/subscriptions/hs-2026")
          .set(T.bearer(t.keyA))
          .send({ seatsBought: 1 })
      ).status,
    ).toBe(404)
  })

  it("shows the term in force of a contract that auto-renewed before the worker saved the roll", async () => {
    // Today is 2026-06-15: renewed on 2025-03-10 and 2026-03-10, 5 % more each time.
    const started = { ...T.subscription, termStart: "2024-03-10", renewalUplift: "0.05" }
    expect((await create({ ...started, id: "rolled" })).status).toBe(201)
    const got = await request(t.app).get("/v1/subscriptions/rolled").set(T.bearer(t.keyA))
    expect(got.status).toBe(200)
    expect(got.body).toMatchObject({
      termStart: "2024-03-10",
      recurringPrice: { amount: "12000.00", currency: "USD" },
      renewalDate: "2027-03-10",
      noticeDeadline: "2027-02-08",
      currentTerm: {
        start: "2026-03-10",
        renewalDate: "2027-03-10",
        noticeDeadline: "2027-02-08",
        price: { amount: "13230.00", currency: "USD" },
      },
    })
    const listed = await request(t.app).get("/v1/subscriptions?limit=100").set(T.bearer(t.keyA))
    const inList = listed.body.data.find((s: { id: string }) => s.id === "rolled")
    expect(inList.currentTerm).toEqual(got.body.currentTerm)
  })

  it("shows the stored, past term of a contract that does not auto-renew or was cancelled", async () => {
    const stored = {
      start: "2024-03-10",
      renewalDate: "2025-03-10",
      noticeDeadline: "2025-02-08",
      price: { amount: "12000.00", currency: "USD" },
    }
    const started = { ...T.subscription, termStart: "2024-03-10", renewalUplift: "0.05" }
    for (const [id, fields] of [
      ["ended", { autoRenew: false }],
      ["cancelled", { status: "cancelled" }],
    ] as const) {
      const created = await create({ ...started, ...fields, id })
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({
        renewalDate: "2025-03-10",
        noticeDeadline: "2025-02-08",
        currentTerm: stored,
      })
    }
  })

  it("records usage snapshots and lists them oldest first", async () => {
    await create({ ...T.subscription, id: "usage-1" })
    const late = await request(t.app)
      .post("/v1/subscriptions/usage-1/usage")
      .set(T.bearer(t.keyA))
      .send({ seatsAssigned: 11, takenAt: "2026-03-01T00:00:00Z", metrics: { storageGb: "9.5" } })
    expect(late.status).toBe(201)
    expect(late.body).toMatchObject({
      subscriptionId: "usage-1",
      seatsAssigned: 11,
      metrics: { storageGb: "9.5" },
    })
    await request(t.app)
      .post("/v1/subscriptions/usage-1/usage")
      .set(T.bearer(t.keyA))
      .send({ seatsAssigned: 9, takenAt: "2026-02-01T00:00:00Z" })
    const list = await request(t.app).get("/v1/subscriptions/usage-1/usage").set(T.bearer(t.keyA))
    expect(list.body.data.map((u: { seatsAssigned: number }) => u.seatsAssigned)).toEqual([9, 11])
    const missing = await request(t.app)
      .post("/v1/subscriptions/nope/usage")
      .set(T.bearer(t.keyA))
      .send({ seatsAssigned: 1 })
    expect(missing.status).toBe(404)
    const bad = await request(t.app)
      .post("/v1/subscriptions/usage-1/usage")
      .set(T.bearer(t.keyA))
      .send({ seatsAssigned: 1.5, metrics: { storageGb: "-1" } })
    expect(bad.status).toBe(400)
  })
})

describe("Alerts", () => {
  it("lists the alerts decided about the tenant's subscriptions, filtered by kind", async () => {
    await create({ ...T.subscription, id: "alerted" })
    await t.runtime.runPromise(
      Effect.gen(function* () {
        const outbox = yield* Ports.AlertOutbox
        const base = {
          tenantId: TenantId.make("tenant-a"),
          subscriptionId: SubscriptionId.make("alerted"),
          decidedAt: yield* DateTime.now,
        }
        // What the worker keeps: the alert's facts in their wire form (Alerts.AlertFacts).
        const facts = {
          subscriptionId: "alerted",
          vendor: "Salesforce",
          termStart: "2026-01-01",
          today: "2026-12-02",
        }
        yield* outbox.record(
          Alert.make({
            ...base,
            id: "alert-1" as Alert["id"],
            key: "alerted/notice-reminder/2026-01-01/30" as Alert["key"],
            kind: "notice-reminder",
            payload: {
              kind: "notice-reminder",
              ...facts,
              dueOn: "2026-12-02",
              offset: 30,
              noticeDeadline: "2027-01-01",
              renewalDate: "2027-01-01",
              autoRenew: true,
              price: { amount: "12000.00", currency: "USD" },
              nextPrice: { amount: "12000.00", currency: "USD" },
            },
          }),
          [],
        )
        yield* outbox.record(
          Alert.make({
            ...base,
            id: "alert-2" as Alert["id"],
            key: "alerted/seats-over/2026-01-01/-" as Alert["key"],
            kind: "seats-over",
            payload: {
              kind: "seats-over",
              ...facts,
              dueOn: "2026-12-01",
              seatsBought: 10,
              seatsAssigned: 12,
              renewalDate: "2027-01-01",
              cost: { amount: "65.75", currency: "USD" },
            },
          }),
          [],
        )
      }),
    )
    const all = await request(t.app).get("/v1/alerts").set(T.bearer(t.keyA))
    expect(all.status).toBe(200)
    expect(all.body.data.map((a: { id: string }) => a.id).sort()).toEqual(["alert-1", "alert-2"])
    expect(all.body.data[0].tenantId).toBeUndefined()
    const seatsOver = all.body.data.find((a: { id: string }) => a.id === "alert-2")
    expect(seatsOver.payload.cost).toEqual({ amount: "65.75", currency: "USD" })
    const seats = await request(t.app).get("/v1/alerts?kind=seats-over").set(T.bearer(t.keyA))
    expect(seats.body.data.map((a: { id: string }) => a.id)).toEqual(["alert-2"])
    const one = await request(t.app)
      .get("/v1/alerts?subscriptionId=alerted&limit=1")
      .set(T.bearer(t.keyA))
    expect(one.body.data).toHaveLength(1)
    expect(one.body.hasMore).toBe(true)
    const bad = await request(t.app).get("/v1/alerts?kind=everything").set(T.bearer(t.keyA))
    expect(bad.status).toBe(400)
  })
})

describe("Renewals calendar", () => {
  it("serves a feed token's calendar with each deadline and its alarms", async () => {
    await create({
      ...T.subscription,
      id: "cal-1",
      reminderOffsets: [30, 7, 1, 7],
      renewalUplift: "0.05",
    })
    // Auto-renewed twice since its stored term (the worker has not saved the rolls yet).
    const year = T.now.getUTCFullYear()
    await create({ ...T.subscription, id: "cal-2", termStart: `${year - 2}-01-01` })
    const token = await request(t.app).post("/v1/feed-tokens").set(T.bearer(t.keyA))
    expect(token.status).toBe(201)
    expect(token.body.url).toMatch(/^\/v1\/renewals\.ics\?token=crmk_/)
    const res = await request(t.app).get(token.body.url)
    expect(res.status).toBe(200)
    expect(res.headers["content-type"]).toMatch(/^text\/calendar/)
    const calendar = Ics.parse(res.text)
    expect(calendar.name).toBe("VCALENDAR")
    const notice = calendar.children.find(
      (e) => Ics.prop(e, "UID") === "cal-1/notice/2026-01-01@crm-cost",
    )
    expect(notice).toBeDefined()
    expect(notice?.props.find((p) => p.name === "DTSTART")?.value).toBe("20261202")
    const triggers = notice?.children.map((a) => Ics.prop(a, "TRIGGER"))
    expect(triggers).toEqual(["-P30D", "-P7D", "-P1D"])
    const renewal = calendar.children.find(
      (e) => Ics.prop(e, "UID") === "cal-1/renewal/2026-01-01@crm-cost",
    )
    expect(renewal?.props.find((p) => p.name === "DTSTART")?.value).toBe("20270101")
    // The next term's price, with the 5 % renewal uplift: 12,000.00 → 12,600.00.
    expect(Ics.prop(notice as Ics.Component, "DESCRIPTION")).toContain("$12\\,600.00")
    // The term in force, not the stored one.
    const rolled = calendar.children.find(
      (e) => Ics.prop(e, "UID") === `cal-2/renewal/${year}-01-01@crm-cost`,
    )
    expect(rolled?.props.find((p) => p.name === "DTSTART")?.value).toBe(`${year + 1}0101`)
  })

  it("writes the calendar in zh-CN with lang=zh-CN", async () => {
    const token = await request(t.app).post("/v1/feed-tokens").set(T.bearer(t.keyA))
    const res = await request(t.app).get(`${token.body.url}&lang=zh-CN`)
    expect(Ics.prop(Ics.parse(res.text), "X-WR-CALNAME")).toBe("CRM 续约")
  })

  it("refuses a missing or wrong token, and an API key in place of a feed token", async () => {
    expect((await request(t.app).get("/v1/renewals.ics")).status).toBe(401)
    expect((await request(t.app).get("/v1/renewals.ics?token=crmk_nope")).status).toBe(401)
    expect((await request(t.app).get(`/v1/renewals.ics?token=${t.keyA}`)).status).toBe(401)
  })

  it("refuses a feed token as an API key", async () => {
    const token = await request(t.app).post("/v1/feed-tokens").set(T.bearer(t.keyA))
    const res = await request(t.app).get("/v1/subscriptions").set(T.bearer(token.body.token))
    expect(res.status).toBe(401)
  })
})
