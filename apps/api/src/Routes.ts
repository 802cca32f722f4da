/** Every route of the API, in the order the app registers them and the document lists them. */
import type { Route } from "./Route.js"
import * as Alerts from "./routes/Alerts.js"
import * as Offers from "./routes/Offers.js"
import * as Pricing from "./routes/Pricing.js"
import * as Subscriptions from "./routes/Subscriptions.js"
import * as System from "./routes/System.js"
import * as Tenant from "./routes/Tenant.js"

export const all: ReadonlyArray<Route> = [
  ...Offers.routes,
  ...Pricing.routes,
  ...Subscriptions.routes,
  ...Alerts.routes,
  ...Tenant.routes,
  ...System.routes,
]
