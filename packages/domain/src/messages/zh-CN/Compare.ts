/** Compare 的简体中文文本。 */
import type { Part } from "../../Messages.js"
import type { compare as en } from "../en/Compare.js"

export const compare: Part<typeof en> = {}
