/** HiddenFees 的简体中文文本（隐藏费用）。 */
import type { Category, OneTimeKind } from "../../FeeComponent.js"
import type { Part } from "../../Messages.js"
import type { hiddenFees as en } from "../en/HiddenFees.js"

const categoryLabels: Record<Category, string> = {
  licence: "许可费",
  modules: "模块费",
  usage: "用量费",
  "add-ons": "附加组件费",
  support: "支持服务费",
  "one-time": "一次性费用",
  "self-hosting": "自托管费用",
  tax: "税费",
}

const kindLabels: Record<OneTimeKind, string> = {
  onboarding: "上线引导服务",
  implementation: "实施服务",
  migration: "数据迁移服务",
  training: "培训",
  "custom-development": "定制开发",
  "data-export": "数据导出",
  other: "一次性服务",
}

/** 按指标标识中的关键词给出中文名称；未知指标按原名显示。 */
const metricLabels: ReadonlyArray<readonly [RegExp, string]> = [
  [/storage|gb/i, "存储空间"],
  [/contact/i, "联系人数"],
  [/api/i, "API 调用次数"],
  [/e-?mail/i, "邮件数"],
  [/record/i, "记录数"],
  [/credit/i, "点数"],
]
const metric = (id: string) => {
  const hit = metricLabels.find(([pattern]) => pattern.test(id))
  return hit === undefined ? `“${id}”` : `${hit[1]}（${id}）`
}

const per = (p: "month" | "year" | "seat" | "account") =>
  p === "month" ? "每月" : p === "year" ? "每年" : p === "seat" ? "每个席位" : "整个账户"

const neededFor = (what: string) =>
  what === "mandatory" ? "属于必选项" : what === "selected" ? "已被选购" : `为满足“${what}”所必需`

export const hiddenFees: Part<typeof en> = {
  "hiddenFee.minimumSeats": (p, f) =>
    `最低席位数：“${p.component}”至少按 ${p.minSeats} 个席位计费，而您最少只需要 ${p.fewestSeats} 个；在评估期内因此多付 ${f.money(p.money)}。`,
  "hiddenFee.seatBundles": (p, f) =>
    `席位包：“${p.component}”只按 ${p.bundles.join("、")} 个席位的席位包出售，需要 ${p.seats} 个席位时须按 ${p.billed} 个付费；在评估期内因此多付 ${f.money(p.money)}。`,
  "hiddenFee.requiredModule": (p, f) =>
    `所需模块须另购：套餐不含“${p.module}”模块，须另行购买“${p.component}”，评估期内费用 ${f.money(p.money)}。`,
  "hiddenFee.requiredIntegration": (p, f) =>
    `所需集成须另购：“${p.integration}”集成须另行购买“${p.component}”，评估期内费用 ${f.money(p.money)}。`,
  "hiddenFee.usageOverage": (p, f) =>
    `超额用量：${metric(p.metric)}${p.period === "month" ? "每月" : "每年"}用量达到 ${f.number(p.quantity)}，套餐只含 ${f.number(p.included)}；评估期内超额费用共 ${f.money(p.money)}。`,
  "hiddenFee.quotaExceeded": (p, f) =>
    `超出配额：套餐${per(p.per)}允许的${metric(p.metric)}为 ${f.number(p.units)}，而预计第 ${p.month} 个月将达到 ${f.number(p.usage)}。${
      p.hard ? "该配额不能付费突破，须升级套餐，价格需向厂商询价。" : "厂商未公布超额价格，需询价。"
    }`,
  "hiddenFee.prepaidTermLonger": (p, f) =>
    `预付期长于需求：${p.termMonths} 个月的合同期比您 ${p.horizonMonths} 个月的需求多出 ${p.unusedMonths} 个月，这部分用不上却照样要付，共 ${f.money(p.money)}${
      p.forced ? "（厂商不提供更短的合同期）" : "（即便如此，仍比更短的合同期便宜）"
    }。`,
  "hiddenFee.annualOnly": (p, f) =>
    `不能按月付费：该方案${p.shortestMonths === 12 ? "只能按年购买" : `最短合同期为 ${p.shortestMonths} 个月`}，签约时须为 ${p.termMonths} 个月的合同期预付 ${f.money(p.upfront)}，中途退出不予退款。`,
  "hiddenFee.renewalUplift": (p, f) =>
    `续约涨价：每 ${p.everyMonths} 个月续约一次，每次涨价 ${f.percent(p.rate)}；评估期内续约 ${p.renewals} 次，因此多付 ${f.money(p.money)}。`,
  "hiddenFee.promotionExpiry": (p, f) =>
    `优惠到期：“${p.component}”的 ${f.percent(p.percent)} 折扣只在前 ${p.months} 个月有效，之后恢复原价；评估期内因此多付 ${f.money(p.money)}。`,
  "hiddenFee.paidSupport": (p, f) =>
    `付费技术支持：“${p.component}”另行收费，评估期内费用 ${f.money(p.money)}。`,
  "hiddenFee.percentageSupport": (p, f) =>
    `按比例收取的技术支持费：“${p.component}”按${p.base.map((c) => categoryLabels[c]).join("和")}的 ${f.percent(p.rate)} 收费，评估期内费用 ${f.money(p.money)}。`,
  "hiddenFee.mandatoryOnboarding": (p, f) =>
    `强制购买的${kindLabels[p.kind]}：“${p.component}”必须随套餐一起购买，一次性费用 ${f.money(p.money)}。`,
  "hiddenFee.selfHosting": (p, f) =>
    `自托管成本：软件许可费为 ${f.money(p.licence)}，但自行部署运行（服务器、运维、升级）在评估期内要花费 ${f.money(p.money)}。`,
  "hiddenFee.seatReductions": (p, f) =>
    `减少席位不退款：在 ${p.termMonths} 个月的合同期内减少的席位须付费到续约为止，共闲置 ${p.seatMonths} 个席位·月，费用 ${f.money(p.money)}。`,
  "hiddenFee.taxExclusive": (p, f) =>
    `报价不含税：价格未含 ${f.percent(p.rate)} 的税，评估期内另需缴纳 ${f.money(p.money)}。`,
  "hiddenFee.taxRateUnknown": (p) =>
    `报价不含税：“${p.component}”注明价格不含税，但未给出税率；请在需求中填写税率，或向厂商确认。`,
  "hiddenFee.exitFee": (p, f) =>
    `数据导出费或退出费：“${p.component}”收费 ${f.money(p.money)}${p.mandatory ? "" : "，在导出数据或停止使用时收取"}。`,
  "hiddenFee.sandbox": (p, f) =>
    p.charged
      ? `沙箱另行收费：“${p.component}”在评估期内费用 ${f.money(p.money)}。`
      : `套餐不含沙箱：如需测试环境（“${p.component}”），评估期内需另付 ${f.money(p.money)}。`,
  "hiddenFee.quoteRequired": (p) =>
    `需询价：“${p.component}”未公开价格（${p.reason}），且${neededFor(p.neededFor)}；在厂商报价之前，总价只是下限。`,
}
