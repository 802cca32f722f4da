/** Compare、BreakEven 与 Recommend 的简体中文文本：采购方阅读的比较结论。 */
import type { Part } from "../../Messages.js"
import type { compare as en } from "../en/Compare.js"

const scenario = (name: string) =>
  name === "lower" ? "较低" : name === "higher" ? "较高" : `“${name}”`

export const compare: Part<typeof en> = {
  "compare.cheapest": (p, f) =>
    `按您的需求，${p.offer} 最便宜：${p.horizonMonths} 个月共 ${f.money(p.total)}。`,
  "compare.gap": (p, f) =>
    `${p.offer} 排第 ${p.rank} 位，共 ${f.money(p.total)}，比最便宜的方案贵 ${f.money(p.gap)}（${f.percent(p.percent)}）。`,
  "compare.gapOverFree": (p, f) =>
    `${p.offer} 排第 ${p.rank} 位，共 ${f.money(p.total)}；最便宜的方案不产生费用。`,
  "compare.tie": (p, f) => `${p.offer} 与 ${p.other} 费用相同：${f.money(p.total)}。`,
  "compare.lowerBound": (p) =>
    `${p.offer}：有 ${p.parts} 项费用未公开报价，总价只是下限，请向供应商询价。`,
  "compare.npvLeader": (p, f) =>
    `按每年 ${f.percent(p.rate)} 的折现率折算为现值，${p.offer} 最省钱：${f.money(p.npv)}。`,
  "compare.term": (p, f) =>
    `${p.offer}：在 ${p.horizonMonths} 个月内按每 ${p.termMonths} 个月付费最划算（${f.money(p.total)}）${p.unusedMonths > 0 ? `；最后一期预付中有 ${p.unusedMonths} 个月用不上` : ""}。`,
  "compare.seatCrossing": (p) => `从 ${p.seats} 个席位起，${p.cheaper} 比 ${p.other} 便宜。`,
  "compare.seatEqual": (p) => `在 ${p.seats} 个席位时，${p.offer} 与 ${p.other} 费用相同。`,
  "compare.seatLimit": (p) => `从 ${p.seats} 个席位起，${p.offer} 已超出套餐席位上限，无法购买。`,
  "compare.monthCrossing": (p) =>
    `从第 ${p.month} 个月起，${p.cheaper} 的累计费用低于 ${p.other}。`,
  "compare.monthEqual": (p) => `到第 ${p.month} 个月末，${p.offer} 与 ${p.other} 的累计费用持平。`,
  "compare.sensitivityStable": (p) => `若席位增长${scenario(p.scenario)}，${p.offer} 仍然最便宜。`,
  "compare.sensitivityLeader": (p) =>
    `若席位增长${scenario(p.scenario)}，最便宜的将是 ${p.offer}，而不是 ${p.previous}。`,
  "compare.sensitivityMoved": (p) =>
    `若席位增长${scenario(p.scenario)}，${p.offer} 的排名从第 ${p.from} 位变为第 ${p.to} 位。`,
  "compare.sensitivityAvailable": (p) =>
    `若席位增长${scenario(p.scenario)}，${p.offer} 的席位上限够用，排第 ${p.rank} 位。`,
  "compare.sensitivityFailed": (p) =>
    `若席位增长${scenario(p.scenario)}，${p.offer} 将无法按需求报价。`,
  "compare.error.seatLimit": (p) =>
    `${p.offer} 最多支持 ${p.maxSeats} 个席位，而需求在第 ${p.month} 个月达到 ${p.seats} 个席位。`,
  "compare.error.unknownModule": (p) => `${p.offer} 不提供 ${p.module} 模块，付费也无法获得。`,
  "compare.error.unknownIntegration": (p) =>
    `${p.offer} 不提供 ${p.integration} 集成，付费也无法获得。`,
  "compare.error.missingFxRate": (p) =>
    `${p.offer} 以 ${p.from} 计价：请提供 ${p.from} 兑 ${p.to} 的汇率后再比较。`,
  "compare.error.unsupportedTerm": (p) =>
    `${p.offer} 只按 ${p.allowed.join("、")} 个月的期限销售，均不在您可接受的范围内。`,
  "compare.error.missingLabourRate": (p) =>
    `${p.offer} 需自行部署：请提供内部人员每小时成本，以便估算运维费用。`,
  "compare.error.unknownComponent": (p) => `${p.offer} 没有名为“${p.component}”的收费项。`,
  "recommend.kept": (p, f) =>
    `第 ${p.rank} 名：${p.offer} 满足您的需求，总计 ${f.money(p.total)}。`,
  "recommend.none": () => "没有方案能满足全部需求，各方案的原因如下。",
  "recommend.moduleIncluded": (p) => `${p.offer} 已包含 ${p.module} 模块，无需另付费。`,
  "recommend.moduleSold": (p, f) =>
    `${p.offer} 的 ${p.module} 模块需单独购买：增加 ${f.money(p.cost)}。`,
  "recommend.integrationIncluded": (p) => `${p.offer} 已包含 ${p.integration} 集成，无需另付费。`,
  "recommend.integrationSold": (p, f) =>
    `${p.offer} 的 ${p.integration} 集成需作为附加项购买：增加 ${f.money(p.cost)}。`,
  "recommend.quoteRequired": (p) =>
    `${p.offer}：“${p.part}”（${p.need === "mandatory" ? "供应商要求必选" : `${p.need} 所需`}）未公开价格，需向供应商询价；所示总价未含此项。`,
  "recommend.missingModule": (p) => `${p.offer} 不提供您需要的 ${p.module} 模块。`,
  "recommend.missingIntegration": (p) => `${p.offer} 不提供您需要的 ${p.integration} 集成。`,
  "recommend.seatLimit": (p) =>
    `${p.offer} 最多支持 ${p.maxSeats} 个席位，而您在第 ${p.month} 个月将需要 ${p.seats} 个席位。`,
  "recommend.quotaHard": (p, f) =>
    `${p.offer} 的 ${p.metric} 上限为 ${f.number(p.quota)}，且不能加购；您的预测在第 ${p.month} 个月达到 ${f.number(p.need)}。`,
  "recommend.overageAccepted": (p, f) =>
    `${p.offer} 含 ${f.number(p.quota)} ${p.metric}；您预测用量 ${f.number(p.need)} 会超出，您已接受超额费用（${p.metric} 费用合计 ${f.money(p.cost)}）。`,
  "recommend.overageUnpriced": (p, f) =>
    `${p.offer} 含 ${f.number(p.quota)} ${p.metric}；您预测用量 ${f.number(p.need)} 会超出，而供应商未公布超额价格，需询价。`,
  "recommend.overageRejected": (p, f) =>
    `${p.offer} 含 ${f.number(p.quota)} ${p.metric}；您的预测在第 ${p.month} 个月达到 ${f.number(p.need)}，而您不接受超额费用。`,
}
