/** HiddenFees 的简体中文文本。 */
import type { Part } from "../../Messages.js"
import type { hiddenFees as en } from "../en/HiddenFees.js"

export const hiddenFees: Part<typeof en> = {}
