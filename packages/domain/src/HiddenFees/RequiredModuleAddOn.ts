/**
 * Required module sold as an add-on: a module the need requires that the
 * plan does not include and that is bought on top of the base licence.
 * (In an offer priced only by modules, the modules are the licence, not a
 * hidden fee.)
 */
import { Effect } from "effect"
import type { Finding, Rule } from "../HiddenFees.js"
import * as Messages from "../Messages.js"
import { baseline, finding, isPositive, netOver, priced, withNeed } from "./Impact.js"

export const RequiredModuleAddOn: Rule<"required-module-add-on"> = {
  code: "required-module-add-on",
  run: (offer, profile) =>
    Effect.gen(function* () {
      const hasBase = offer.components.some((c) => c._tag === "PerSeat" || c._tag === "Platform")
      const sold = profile.modules.flatMap((module) => {
        if (offer.includes.modules.includes(module)) return []
        const providers = offer.components.filter(
          (c) =>
            (c._tag === "AddOn" && c.requiredFor.includes(module)) ||
            (hasBase && c._tag === "Module" && c.module === module),
        )
        return providers.length === 0 ? [] : [{ module, providers }]
      })
      if (sold.length === 0) return []
      const base = yield* baseline(offer, profile)
      const out: Array<Finding<"required-module-add-on">> = []
      for (const { module, providers } of sold) {
        // The same offer for a need without this module: the difference is what the module costs.
        const without = withNeed(profile, { modules: profile.modules.filter((m) => m !== module) })
        const money = yield* netOver(base, offer, without)
        if (!isPositive(money)) continue
        out.push(
          finding(
            "required-module-add-on",
            "warning",
            providers[0]?.id,
            Messages.make("hiddenFee.requiredModule", {
              module,
              component: providers.map((c) => c.name).join(" + "),
              money,
            }),
            priced(money),
          ),
        )
      }
      return out
    }),
}
