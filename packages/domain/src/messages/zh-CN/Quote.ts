/** 简体中文文本。键与参数类型由 en.ts 定义。 */
import type { Part } from "../../Messages.js"
import type { quote as en } from "../en/Quote.js"

const renewed = (renewals: number) => (renewals === 0 ? "" : `，续约 ${renewals} 次后的价格`)

export const quote: Part<typeof en> = {
  "basis.seats": (p, f) =>
    `${p.seats} 个席位 × 每 ${p.termMonths} 个月期 ${f.money(p.price)} × ${p.terms} 期${renewed(p.renewals)}`,
  "basis.flat": (p, f) =>
    `每 ${p.termMonths} 个月期 ${f.money(p.price)} × ${p.terms} 期${renewed(p.renewals)}`,
  "basis.partialTerm": (p, f) =>
    `${p.quantity} × 每 ${p.termMonths} 个月期 ${f.money(p.price)} × 使用 ${p.months}/${p.termMonths} 个月${renewed(p.renewals)}`,
  "basis.seatAddition": (p, f) =>
    `第 ${p.month} 个月新增 ${p.seats} 个席位 × 每期 ${f.money(p.price)} × 本期剩余 ${p.days}/${p.termDays} 天`,
  "basis.seatRefund": (p, f) =>
    `第 ${p.month} 个月减少 ${p.seats} 个席位：按本期剩余 ${p.days}/${p.termDays} 天退还每期 ${f.money(p.price)}`,
  "basis.promotedTerm": (p, f) =>
    `${p.quantity} × 每 ${p.termMonths} 个月期 ${f.money(p.price)} × ${p.months}/${p.termMonths} 个月，其中 ${p.promoMonths} 个月享 ${f.percent(p.percent)} 促销折扣（减 ${f.money(p.discount)}）${renewed(p.renewals)}`,
  "basis.usage": (p, f) =>
    `${p.metric} 用量 ${f.number(p.quantity)}，含 ${f.number(p.included)} → 每${p.period === "month" ? "月" : "年"} ${f.money(p.charge)} × ${p.periods}`,
  "basis.usageMinimum": (p, f) =>
    `${p.metric}：最低承诺消费每${p.period === "month" ? "月" : "年"} ${f.money(p.minimum)} × ${p.periods}`,
  "basis.percentage": (p, f) => `${p.baseLabel}（${f.money(p.base)}）的 ${f.percent(p.rate)}`,
  "basis.upfront": (p, f) => `${f.money(p.amount)}，一次性预付`,
  "basis.milestones": (p, f) =>
    `${f.money(p.amount)}，分 ${p.count} 个里程碑支付，最晚第 ${p.lastMonth} 个月`,
  "basis.infrastructure": (p, f) => `每月 ${f.money(p.price)} × ${p.months} 个月`,
  "basis.administration": (p, f) =>
    `每月 ${f.number(p.hours)} 小时 × 每小时 ${f.money(p.rate)} × ${p.months} 个月`,
  "basis.upgrades": (p, f) =>
    `每年 ${f.number(p.hours)} 小时 × 每小时 ${f.money(p.rate)} × ${p.years} 年`,
  "basis.taxExclusive": (p, f) => `${f.money(p.net)} 的 ${f.percent(p.rate)} 税`,
  "basis.taxInclusive": (p, f) => `${f.money(p.gross)} 中含 ${f.percent(p.rate)} 税`,
}
