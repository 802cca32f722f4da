/**
 * The composition root: reads the command line, builds the one runtime,
 * then either draws the interactive app or runs a command for scripts.
 */
import { CatalogInvalid, where } from "@crm-cost/catalog/CatalogError"
import * as CatalogMessages from "@crm-cost/catalog/Messages"
import * as Messages from "@crm-cost/domain/Messages"
import { Cause, Effect, Either, Exit, Option } from "effect"
import { render } from "ink"
import * as Cli from "./Cli.js"
import * as Commands from "./Commands.js"
import { texts } from "./i18n/Texts.js"
import { OfferCatalog } from "./OfferCatalog.js"
import * as Runtime from "./runtime.js"
import { Settings } from "./Settings.js"
import { App } from "./ui/App.js"
import { AppEnvProvider } from "./ui/AppContext.js"

const fail = (message: string, code: number) => {
  process.stderr.write(`${message}\n`)
  process.exitCode = code
}

const main = async () => {
  const parsed = Cli.parse(process.argv.slice(2))
  const runner = Runtime.make(Runtime.live(parsed.flags))
  const stop = () => {
    void runner.dispose().then(() => process.exit(process.exitCode ?? 130))
  }
  process.once("SIGTERM", stop)
  process.once("SIGINT", stop)
  try {
    const ready = await runner.ready()
    const env = await runner.promise(Effect.all([Settings, OfferCatalog]))
    if (Exit.isFailure(ready) || Exit.isFailure(env)) {
      const defect = Exit.isFailure(ready) ? Cause.dieOption(ready.cause) : Option.none()
      const lang = (await Runtime.readSettings(parsed.flags)).locale
      if (Option.isSome(defect) && defect.value instanceof CatalogInvalid) {
        const lines = defect.value.errors.map((e) =>
          where(e, CatalogMessages.describeIssue(e, lang)),
        )
        return fail([texts[lang].cli.catalogProblem, ...lines].join("\n"), 1)
      }
      return fail(Cause.pretty(Exit.isFailure(ready) ? ready.cause : Cause.empty), 1)
    }
    const [settings, catalog] = env.value
    const t = texts[settings.locale]
    if (Either.isLeft(parsed.command)) return fail(`${parsed.command.left(t)}\n\n${t.cli.usage}`, 2)
    const command = parsed.command.right
    switch (command._tag) {
      case "Help":
        process.stdout.write(`${t.cli.usage}\n`)
        return
      case "Quote":
      case "Compare": {
        const exit = await runner.promise(
          command._tag === "Quote" ? Commands.quote(command) : Commands.compare(command),
        )
        if (Exit.isSuccess(exit)) process.stdout.write(`${exit.value}\n`)
        else if (exit.cause._tag === "Fail")
          fail(exit.cause.error.message, exit.cause.error.exitCode)
        else fail(Cause.pretty(exit.cause), 1)
        return
      }
      case "Interactive": {
        const instance = render(
          <AppEnvProvider
            value={{
              runner,
              locale: settings.locale,
              t,
              format: Messages.forLocale(settings.locale),
              color: settings.color,
              catalog,
              today: settings.today,
            }}
          >
            <App />
          </AppEnvProvider>,
          { exitOnCtrlC: true },
        )
        // Without a terminal there are no keys to read: draw one frame and leave.
        if (process.stdin.isTTY !== true) instance.unmount()
        await instance.waitUntilExit()
        return
      }
    }
  } finally {
    await runner.dispose()
  }
}

void main()
