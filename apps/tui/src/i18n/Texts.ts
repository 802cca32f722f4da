/** The TUI's texts by locale. Domain texts come from the domain's Messages. */
import type { Locale } from "@crm-cost/domain/Messages"
import { en, type Texts } from "./en.js"
import { zhCN } from "./zh-CN.js"

export type { Texts } from "./en.js"

export const texts: { readonly [L in Locale]: Texts } = { en, "zh-CN": zhCN }
