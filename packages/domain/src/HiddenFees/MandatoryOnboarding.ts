/** Mandatory onboarding or implementation: a one-time service that must be bought with the plan. */
import { Effect } from "effect"
import type { OneTime } from "../FeeComponent.js"
import type { Finding, Rule } from "../HiddenFees.js"
import * as Messages from "../Messages.js"
import { baseline, componentCost, finding, isPositive, priced } from "./Impact.js"

export const MandatoryOnboarding: Rule<"mandatory-onboarding"> = {
  code: "mandatory-onboarding",
  run: (offer, profile) =>
    Effect.gen(function* () {
      const services = offer.components.filter(
        (c): c is OneTime =>
          c._tag === "OneTime" &&
          c.mandatory &&
          (c.kind === "onboarding" || c.kind === "implementation"),
      )
      if (services.length === 0) return []
      const base = yield* baseline(offer, profile)
      const out: Array<Finding<"mandatory-onboarding">> = []
      for (const c of services) {
        const money = componentCost(base, c.id)
        if (!isPositive(money)) continue
        out.push(
          finding(
            "mandatory-onboarding",
            "warning",
            c.id,
            Messages.make("hiddenFee.mandatoryOnboarding", {
              component: c.name,
              kind: c.kind,
              money,
            }),
            priced(money),
          ),
        )
      }
      return out
    }),
}
