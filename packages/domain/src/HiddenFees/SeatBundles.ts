/** Seat bundles: seats sold only in bundles, so the need is rounded up to the next bundle. */
import { Effect } from "effect"
import { PerSeat } from "../FeeComponent.js"
import type { Finding, Rule } from "../HiddenFees.js"
import * as Messages from "../Messages.js"
import { billedSeats } from "../Quote.js"
import { baseline, finding, isPositive, netOver, priced, withComponent } from "./Impact.js"

export const SeatBundles: Rule<"seat-bundles"> = {
  code: "seat-bundles",
  run: (offer, profile) =>
    Effect.gen(function* () {
      const bundled = offer.components.filter(
        (c): c is PerSeat => c._tag === "PerSeat" && c.bundles !== undefined,
      )
      if (bundled.length === 0) return []
      const base = yield* baseline(offer, profile)
      const out: Array<Finding<"seat-bundles">> = []
      for (const c of bundled) {
        const { bundles, ...rest } = c
        // The month the rounding-up costs most seats, to show in the message.
        let worst: { seats: number; billed: number } | undefined
        for (const s of base.seatsByMonth) {
          const seats = Math.max(s, c.minSeats ?? 0)
          const billed = billedSeats(c, s)
          if (
            billed > seats &&
            (worst === undefined || billed - seats > worst.billed - worst.seats)
          )
            worst = { seats, billed }
        }
        if (worst === undefined || bundles === undefined) continue
        const money = yield* netOver(base, withComponent(offer, new PerSeat(rest)), profile)
        if (!isPositive(money)) continue
        out.push(
          finding(
            "seat-bundles",
            "warning",
            c.id,
            Messages.make("hiddenFee.seatBundles", {
              component: c.name,
              bundles,
              seats: worst.seats,
              billed: worst.billed,
              money,
            }),
            priced(money),
          ),
        )
      }
      return out
    }),
}
