/**
 * Two processes, each with its own connection, decide the same alert at the
 * same moment: the outbox keeps one row and one set of deliveries.
 */
import * as Path from "node:path"
import * as Ports from "@crm-cost/domain/Ports"
import * as Subscription from "@crm-cost/domain/Subscription"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Database from "../src/Database.js"
import * as Store from "../src/Store.js"
import * as Engines from "./support/Engines.js"
import * as F from "./support/Fixtures.js"

const engines = await Engines.all()
afterAll(async () => {
  for (const e of engines) await e.cleanup()
})

const racer = Path.join(Engines.packageRoot, "test/fixtures/record-alert.ts")
const RACERS = 4

describe("AlertOutbox", () => {
  for (const engine of engines) {
    it(`keeps one alert when ${RACERS} connections insert the same key at once (${engine.name})`, {
      timeout: 60_000,
    }, async () => {
      const tenantId = F.freshTenantId("race")
      const key = `sub-1/renewal/2026-01-31/-/${tenantId}`
      await Effect.runPromise(
        Effect.gen(function* () {
          yield* (yield* Ports.TenantRepo).create(F.tenant(tenantId))
          yield* (yield* Ports.SubscriptionRepo).insert(yield* F.subscription(tenantId, "sub-1"))
        }).pipe(Effect.provide(Store.layerOn(engine.layer()))),
      )
      const children = Array.from({ length: RACERS }, (_, i) =>
        Engines.runChild(racer, [tenantId, "sub-1", key, `alert-${i}`], engine.env),
      )
      // Every racer is connected and migrated before any of them writes.
      await Promise.all(children.map((c) => c.waitFor((l) => l === "ready")))
      for (const c of children) c.send("go\n")
      const results = await Promise.all(
        children.map((c) => c.waitFor((l) => l.startsWith("inserted="))),
      )
      await Promise.all(children.map((c) => c.exit))
      expect(results.filter((r) => r === "inserted=true").length).toBe(1)
      expect(results.filter((r) => r === "inserted=false").length).toBe(RACERS - 1)

      const rows = await Effect.runPromise(
        Effect.gen(function* () {
          const { sql } = yield* Database.Db
          const alerts =
            yield* sql`SELECT id FROM alerts WHERE tenant_id = ${tenantId} AND alert_key = ${key}`
          const deliveries = yield* sql`SELECT id FROM deliveries WHERE tenant_id = ${tenantId}`
          return { alerts: alerts.length, deliveries: deliveries.length }
        }).pipe(Effect.orDie, Effect.provide(engine.layer())),
      )
      expect(rows).toEqual({ alerts: 1, deliveries: 1 })
      const kept = await Effect.runPromise(
        Effect.flatMap(Ports.AlertOutbox, (o) =>
          o.get(tenantId, Subscription.AlertKey.make(key)),
        ).pipe(Effect.provide(Store.layerOn(engine.layer()))),
      )
      expect(kept._tag).toBe("Some")
    })
  }
})
