/**
 * The composition root of the API process.
 *
 *   tsx src/main.ts                                  serve (the worker runs in-process)
 *   tsx src/main.ts api-key create --tenant NAME     print a new API key once
 *        [--name LABEL] [--feed]                     (--feed: a calendar feed token)
 *
 * On an empty database, serving first creates the default tenant and prints
 * its key once. SIGTERM and SIGINT stop gracefully.
 */
import { fromTag } from "@crm-cost/domain/Messages"
import { Option, Redacted } from "effect"
import { ApiConfig } from "./ApiConfig.js"
import * as Bootstrap from "./Bootstrap.js"
import { texts } from "./i18n/Texts.js"
import * as Runtime from "./runtime.js"
import * as Server from "./Server.js"

const t = texts[fromTag(process.env.LC_ALL ?? process.env.LANG)]

const serve = async () => {
  const runtime = Runtime.make(Runtime.live)
  const settings = await runtime.runPromise(ApiConfig)
  const created = await runtime.runPromise(Bootstrap.ensureDefaultTenant)
  if (Option.isSome(created)) {
    process.stdout.write(
      `${t.startup.defaultTenant(created.value.tenantId)}\n\n  ${Redacted.value(created.value.secret)}\n\n`,
    )
  }
  const running = await Server.start(runtime, settings)
  const host = settings.host === "0.0.0.0" ? "127.0.0.1" : settings.host
  process.stdout.write(`${t.startup.listening(`http://${host}:${running.port}`)}\n`)
  const shutdown = () => {
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once("SIGTERM", shutdown)
  process.once("SIGINT", shutdown)
}

const apiKey = async (args: ReadonlyArray<string>) => {
  const flag = (name: string) => {
    const i = args.indexOf(name)
    return i === -1 ? undefined : args[i + 1]
  }
  const tenant = flag("--tenant")
  if (args[0] !== "create" || tenant === undefined) {
    process.stderr.write("usage: pnpm api:key create --tenant NAME [--name LABEL] [--feed]\n")
    process.exitCode = 2
    return
  }
  const label = flag("--name")
  const runtime = Runtime.make(Runtime.live)
  const exit = await runtime.runPromiseExit(
    Bootstrap.createKey(tenant, {
      feed: args.includes("--feed"),
      ...(label === undefined ? {} : { label }),
    }),
  )
  await runtime.dispose()
  if (exit._tag === "Failure") {
    const failure =
      exit.cause._tag === "Fail" ? exit.cause.error.message : "could not create the key"
    process.stderr.write(`${failure}\n`)
    process.exitCode = 1
    return
  }
  process.stdout.write(
    `${t.startup.keyCreated(exit.value.tenantId)}\n\n  ${Redacted.value(exit.value.secret)}\n\n`,
  )
}

const [command, ...rest] = process.argv.slice(2)
if (command === "api-key") {
  await apiKey(rest)
} else {
  await serve().catch((error: unknown) => {
    process.stderr.write(
      `crm-cost API could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    process.exit(1)
  })
}
