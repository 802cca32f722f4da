/** Minimum seats: a seat floor that bills more seats than the need has. */
import { Effect } from "effect"
import { PerSeat } from "../FeeComponent.js"
import type { Finding, Rule } from "../HiddenFees.js"
import * as Messages from "../Messages.js"
import { baseline, finding, isPositive, netOver, priced, withComponent } from "./Impact.js"

export const MinimumSeats: Rule<"minimum-seats"> = {
  code: "minimum-seats",
  run: (offer, profile) =>
    Effect.gen(function* () {
      const floors = offer.components.filter(
        (c): c is PerSeat => c._tag === "PerSeat" && (c.minSeats ?? 0) > 0,
      )
      if (floors.length === 0) return []
      const base = yield* baseline(offer, profile)
      const fewestSeats = Math.min(...base.seatsByMonth)
      const out: Array<Finding<"minimum-seats">> = []
      for (const c of floors) {
        const { minSeats = 0, ...rest } = c
        if (fewestSeats >= minSeats) continue
        // The same offer with no floor, priced on the same term: the difference is the floor's cost.
        const money = yield* netOver(base, withComponent(offer, new PerSeat(rest)), profile)
        if (!isPositive(money)) continue
        out.push(
          finding(
            "minimum-seats",
            "warning",
            c.id,
            Messages.make("hiddenFee.minimumSeats", {
              component: c.name,
              minSeats,
              fewestSeats,
              money,
            }),
            priced(money),
          ),
        )
      }
      return out
    }),
}
