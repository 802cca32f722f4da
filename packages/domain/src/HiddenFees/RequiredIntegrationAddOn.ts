/** Required integration sold as an add-on: an integration the need requires, bought on top of the plan. */
import { Effect } from "effect"
import type { Finding, Rule } from "../HiddenFees.js"
import * as Messages from "../Messages.js"
import { baseline, finding, isPositive, netOver, priced, withNeed } from "./Impact.js"

export const RequiredIntegrationAddOn: Rule<"required-integration-add-on"> = {
  code: "required-integration-add-on",
  run: (offer, profile) =>
    Effect.gen(function* () {
      const sold = profile.integrations.flatMap((integration) => {
        if (offer.includes.integrations.includes(integration)) return []
        const providers = offer.components.filter(
          (c) => c._tag === "AddOn" && c.requiredFor.includes(integration),
        )
        return providers.length === 0 ? [] : [{ integration, providers }]
      })
      if (sold.length === 0) return []
      const base = yield* baseline(offer, profile)
      const out: Array<Finding<"required-integration-add-on">> = []
      for (const { integration, providers } of sold) {
        const without = withNeed(profile, {
          integrations: profile.integrations.filter((i) => i !== integration),
        })
        const money = yield* netOver(base, offer, without)
        if (!isPositive(money)) continue
        out.push(
          finding(
            "required-integration-add-on",
            "warning",
            providers[0]?.id,
            Messages.make("hiddenFee.requiredIntegration", {
              integration,
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
