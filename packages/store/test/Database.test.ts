/**
 * Durability: a process killed with SIGKILL in the middle of a batch of
 * writes leaves a database that opens, passes its integrity check and holds
 * every committed batch whole and nothing of the interrupted one.
 */
import * as Path from "node:path"
import * as Ports from "@crm-cost/domain/Ports"
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

const writer = Path.join(Engines.packageRoot, "test/fixtures/writer.ts")
const BATCH = 400
const STALL_AT = 4

describe("Database", () => {
  for (const engine of engines) {
    it(`survives SIGKILL during a batch of writes with no partial batch (${engine.name})`, {
      timeout: 60_000,
    }, async () => {
      const tenantId = F.freshTenantId("crash")
      await Effect.runPromise(
        Effect.gen(function* () {
          yield* (yield* Ports.TenantRepo).create(F.tenant(tenantId))
          yield* (yield* Ports.SubscriptionRepo).insert(yield* F.subscription(tenantId, "sub-1"))
        }).pipe(Effect.provide(Store.layerOn(engine.layer()))),
      )
      const child = Engines.runChild(
        writer,
        [tenantId, "sub-1", String(BATCH), String(STALL_AT)],
        engine.env,
      )
      await child.waitFor((l) => l === `inside ${STALL_AT}`)
      child.kill("SIGKILL")
      const { signal } = await child.exit
      expect(signal).toBe("SIGKILL")
      expect(child.lines).toContain(`committed ${STALL_AT - 1}`)
      expect(child.lines).not.toContain(`committed ${STALL_AT}`)

      // Reopen: migrations run, the file (or schema) is sound, batches are whole.
      const result = await Effect.runPromise(
        Effect.gen(function* () {
          const { sql, dialect } = yield* Database.Db
          const integrity =
            dialect === "sqlite"
              ? (yield* sql`PRAGMA integrity_check`).map((r) => Object.values(r)[0])
              : ["ok"]
          const fkProblems =
            dialect === "sqlite" ? (yield* sql`PRAGMA foreign_key_check`).length : 0
          const rows = yield* sql<{ id: string }>`SELECT id FROM usage_snapshots
            WHERE tenant_id = ${tenantId}`
          const perBatch: Record<string, number> = {}
          for (const { id } of rows) {
            const batch = id.split("-")[0] ?? "?"
            perBatch[batch] = (perBatch[batch] ?? 0) + 1
          }
          return { integrity, fkProblems, perBatch }
        }).pipe(Effect.orDie, Effect.provide(engine.layer())),
      )
      expect(result.integrity).toEqual(["ok"])
      expect(result.fkProblems).toBe(0)
      const expected: Record<string, number> = {}
      for (let b = 1; b < STALL_AT; b++) expected[`b${b}`] = BATCH
      expect(result.perBatch).toEqual(expected)
    })
  }
})
