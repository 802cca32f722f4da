/** English texts of Compare. */
import type { Format } from "../Format.js"

export const compare = {} satisfies Record<string, (p: never, f: Format) => string>
