/** Renewal uplift: recurring prices rise at each renewal inside the horizon. */
import { Effect } from "effect"
import type { RenewalUplift as Uplift } from "../FeeComponent.js"
import type { Finding, Rule } from "../HiddenFees.js"
import * as Messages from "../Messages.js"
import { baseline, finding, isPositive, netOver, priced, withoutComponent } from "./Impact.js"

export const RenewalUplift: Rule<"renewal-uplift"> = {
  code: "renewal-uplift",
  run: (offer, profile) =>
    Effect.gen(function* () {
      const uplifts = offer.components.filter((c): c is Uplift => c._tag === "RenewalUplift")
      if (uplifts.length === 0) return []
      const base = yield* baseline(offer, profile)
      // Renewals happen at term starts: the last one inside the horizon sets the count.
      const lastTermStart = (Math.ceil(base.horizonMonths / base.termMonths) - 1) * base.termMonths
      const out: Array<Finding<"renewal-uplift">> = []
      for (const u of uplifts) {
        const renewals = Math.floor(lastTermStart / u.everyMonths)
        if (renewals === 0 || u.rate.isZero()) continue
        const money = yield* netOver(base, withoutComponent(offer, u.id), profile)
        if (!isPositive(money)) continue
        out.push(
          finding(
            "renewal-uplift",
            "warning",
            u.id,
            Messages.make("hiddenFee.renewalUplift", {
              rate: u.rate,
              everyMonths: u.everyMonths,
              renewals,
              money,
            }),
            priced(money),
          ),
        )
      }
      return out
    }),
}
