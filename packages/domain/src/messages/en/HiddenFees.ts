/** English texts of HiddenFees. */
import type { Format } from "../Format.js"

export const hiddenFees = {} satisfies Record<string, (p: never, f: Format) => string>
