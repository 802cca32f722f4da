/** 续约提醒与超额告警的简体中文文本：运维团队阅读的内容。 */
import type { CalendarDate } from "../../Calendar.js"
import type { Part } from "../../Messages.js"
import type { alerts as en } from "../en/Alerts.js"
import type { Format } from "../Format.js"

const late = (dueOn: CalendarDate, today: CalendarDate, f: Format) =>
  dueOn < today ? `（本提醒应于 ${f.date(dueOn)} 发出，现补发。）` : ""

export const alerts: Part<typeof en> = {
  "alert.noticeReminder.subject": (p, f) =>
    `${p.vendor}（${p.subscriptionId}）：通知截止日 ${f.date(p.deadline)}${p.offset === 0 ? "就是今天" : `，还有 ${p.offset} 天`}`,
  "alert.noticeReminder.body": (p, f) =>
    `${p.vendor} 合同 ${p.subscriptionId} 的最后通知日是 ${f.date(p.deadline)}。${
      p.autoRenew
        ? `如不在此前取消，合同将于 ${f.date(p.renewalDate)} 自动续约，费用 ${f.money(p.nextPrice)}（本期：${f.money(p.price)}）。`
        : `合同于 ${f.date(p.renewalDate)} 到期，不会自动续约。`
    }${late(p.dueOn, p.today, f)}`,
  "alert.renewal.subject": (p, f) =>
    `${p.vendor}（${p.subscriptionId}）：合同于 ${f.date(p.renewalDate)} 到期`,
  "alert.renewal.body": (p, f) =>
    `${p.vendor} 合同 ${p.subscriptionId}（每期 ${f.money(p.price)}）于 ${f.date(p.renewalDate)} 到期，不会自动续约：请续约或安排迁移。${late(p.dueOn, p.today, f)}`,
  "alert.autoRenewed.subject": (p, f) =>
    `${p.vendor}（${p.subscriptionId}）已自动续约，新价格 ${f.money(p.newPrice)}`,
  "alert.autoRenewed.body": (p, f) =>
    `${p.vendor} 合同 ${p.subscriptionId} 已于 ${f.date(p.renewalDate)} 自动续约，新一期至 ${f.date(p.nextRenewalDate)}：费用 ${f.money(p.newPrice)}，原为 ${f.money(p.oldPrice)}（涨价 ${f.percent(p.uplift)}）。${late(p.dueOn, p.today, f)}`,
  "alert.seatsOver.subject": (p) =>
    `${p.vendor}（${p.subscriptionId}）：已分配 ${p.seatsAssigned} 个席位，购买了 ${p.seatsBought} 个`,
  "alert.seatsOver.body": (p, f) =>
    `${p.vendor} 合同 ${p.subscriptionId} 已分配的席位比购买的多 ${p.seatsAssigned - p.seatsBought} 个。${
      p.cost === undefined
        ? "合同未约定单席位价格：请向供应商询问额外席位的费用。"
        : `按天折算到本期结束（${f.date(p.renewalDate)}），购买这些席位约需 ${f.money(p.cost)}。`
    }`,
  "alert.quotaThreshold.subject": (p) =>
    `${p.vendor}（${p.subscriptionId}）：${p.metric} 已达配额的 ${p.threshold}%${p.threshold >= 100 ? "或以上" : ""}`,
  "alert.quotaThreshold.body": (p, f) =>
    `${p.vendor} 合同 ${p.subscriptionId} 的 ${p.metric} 用量为 ${f.number(p.usage)}，配额 ${f.number(p.included)}（至 ${f.date(p.periodEnd)}）。${
      p.cost === undefined
        ? "合同不提供超额购买：供应商可能限制使用或另行报价。"
        : p.cost.amount.isZero()
          ? "目前尚无超额费用。"
          : `目前的超额费用为 ${f.money(p.cost)}。`
    }`,
  "alert.quotaForecast.subject": (p, f) =>
    `${p.vendor}（${p.subscriptionId}）：${p.metric} 预计约在 ${f.date(p.crossesOn)} 超出配额`,
  "alert.quotaForecast.body": (p, f) =>
    `按当前趋势，${p.vendor} 合同 ${p.subscriptionId} 的 ${p.metric} 将从 ${f.number(p.usage)} 增长到 ${f.date(p.periodEnd)} 的约 ${f.number(p.projected)}，超过配额 ${f.number(p.included)}。${
      p.cost === undefined
        ? "合同不提供超额购买：供应商可能限制使用或另行报价。"
        : `超额费用预计约 ${f.money(p.cost)}。`
    }`,
}
