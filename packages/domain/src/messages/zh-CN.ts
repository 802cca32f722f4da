/** 简体中文文本，按概念分部分；键与参数类型由 en 定义。 */
import type { Catalog } from "../Messages.js"
import { alerts } from "./zh-CN/Alerts.js"
import { compare } from "./zh-CN/Compare.js"
import { hiddenFees } from "./zh-CN/HiddenFees.js"
import { quote } from "./zh-CN/Quote.js"

export const zhCN: Catalog = { ...quote, ...hiddenFees, ...compare, ...alerts }
