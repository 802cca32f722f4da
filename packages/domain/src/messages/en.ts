/** English texts of the domain, one part per concept. Keys and parameter types are defined here. */
import { alerts } from "./en/Alerts.js"
import { compare } from "./en/Compare.js"
import { hiddenFees } from "./en/HiddenFees.js"
import { quote } from "./en/Quote.js"

export const en = { ...quote, ...hiddenFees, ...compare, ...alerts }
