/**
 * SuiteCRM (GBP, the vendor's home currency), reference §2.9: AGPLv3, free
 * to self-host; SalesAgility sells support and hosting, price not found.
 */
import type { OfferWire } from "../OfferWire.js"
import { evidence, referenceDate } from "../Sources.js"
import { openSourceLicence, selfHosting } from "./SelfHostingInputs.js"

export const selfHosted: OfferWire = {
  id: "suite-self",
  vendor: "SuiteCRM",
  name: "SuiteCRM self-hosted (AGPLv3)",
  currency: "GBP",
  description:
    "Free licence; hosting, administration and upgrades are explicit inputs. Vendor support and hosting from SalesAgility are quoted.",
  includes: { modules: ["sales", "service", "marketing"] },
  components: [
    openSourceLicence("suitecrm-terms", "AGPLv3"),
    selfHosting("GBP", "PHP, MySQL"),
    {
      _tag: "Unpriced",
      id: "vendor-support",
      name: "SalesAgility support or hosting",
      category: "support",
      reason: "sold under SalesAgility's published terms; no price found",
      requiredFor: ["vendor-support"],
      evidence: evidence("suitecrm-terms", "high"),
    },
  ],
  source: evidence("suitecrm-terms", "high"),
  asOf: referenceDate,
}

export const offers: ReadonlyArray<OfferWire> = [selfHosted]
