/**
 * Paid support: a support plan charged on top of the licence, or support
 * priced as a percentage of it (Salesforce Premier: 20–30 % of net licence).
 */
import type { AddOn, FeeComponent, Percentage, Platform } from "../FeeComponent.js"
import * as Messages from "../Messages.js"
import { componentCostRule } from "./Impact.js"

export const PaidSupport = componentCostRule({
  code: "paid-support",
  select: (c: FeeComponent): c is Percentage | AddOn | Platform =>
    (c._tag === "Percentage" && c.category === "support") ||
    (c._tag === "AddOn" && (c.kind === "support-plan" || c.category === "support")) ||
    (c._tag === "Platform" && c.category === "support"),
  // Support the buyer chose is no surprise; support that comes with the plan is.
  severity: (c, profile) => (profile.extras.includes(c.id) ? "info" : "warning"),
  message: (c, money) =>
    c._tag === "Percentage"
      ? Messages.make("hiddenFee.percentageSupport", {
          component: c.name,
          rate: c.rate,
          base: c.base,
          money,
        })
      : Messages.make("hiddenFee.paidSupport", { component: c.name, money }),
})
