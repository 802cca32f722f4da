/**
 * EspoCRM (EUR), reference §2.9: the core is open source; the Advanced Pack
 * and Sales Pack are paid extensions under a proprietary licence, price not
 * found. Cloud plans (espocrm.com/plans) were not captured.
 */
import type { OfferWire } from "../OfferWire.js"
import { evidence, referenceDate } from "../Sources.js"
import { openSourceLicence, selfHosting } from "./SelfHostingInputs.js"

export const selfHosted: OfferWire = {
  id: "espo-self",
  vendor: "EspoCRM",
  name: "EspoCRM self-hosted core",
  currency: "EUR",
  description:
    "Free open-source core; hosting, administration and upgrades are explicit inputs. Advanced Pack and Sales Pack extensions are paid and unpriced.",
  includes: { modules: ["sales", "service", "marketing"] },
  components: [
    openSourceLicence("espocrm", "open-source core"),
    selfHosting("EUR", "PHP, MySQL"),
    {
      _tag: "Unpriced",
      id: "advanced-pack",
      name: "Advanced Pack extension",
      category: "add-ons",
      reason: "paid extension under a proprietary licence agreement; no price found",
      requiredFor: ["advanced-pack", "workflows"],
      evidence: evidence("espocrm", "high"),
    },
    {
      _tag: "Unpriced",
      id: "sales-pack",
      name: "Sales Pack extension",
      category: "add-ons",
      reason: "paid extension under a proprietary licence agreement; no price found",
      requiredFor: ["sales-pack"],
      evidence: evidence("espocrm", "high"),
    },
  ],
  source: evidence("espocrm", "high"),
  asOf: referenceDate,
}

export const offers: ReadonlyArray<OfferWire> = [selfHosted]
