/** The API's own texts in Simplified Chinese: every key of en, same parameters. */
import type { Texts } from "./en.js"

export const zhCN: Texts = {
  problem: {
    validation: {
      title: "请求无效",
      detail: (n) => `${n} 个字段无效，详见 errors。`,
    },
    malformedJson: {
      title: "请求无效",
      detail: "请求体不是合法的 JSON。",
    },
    unauthorized: {
      title: "需要身份验证",
      detail: "请以 `Authorization: Bearer <key>` 发送有效的 API 密钥。",
    },
    feedUnauthorized: {
      title: "需要身份验证",
      detail: "日历订阅需要在 URL 中带有有效的订阅令牌（`?token=`）。",
    },
    notFound: {
      title: "未找到",
      detail: (what) => `未找到${what}。`,
    },
    routeNotFound: {
      title: "未找到",
      detail: (method, path) => `不存在 ${method} ${path}。`,
    },
    methodNotAllowed: {
      title: "不支持该方法",
      detail: (method, path, allow) => `${path} 不支持 ${method}，仅支持 ${allow.join("、")}。`,
    },
    conflict: {
      title: "冲突",
    },
    idempotencyReused: {
      title: "幂等键被重复使用",
      detail: "此 Idempotency-Key 已用于另一个不同的请求；新请求请使用新的键。",
    },
    idempotencyInUse: {
      title: "幂等键正在使用中",
      detail: "使用此 Idempotency-Key 的另一个请求仍在处理中；请在其得到响应后重试。",
    },
    tooLarge: {
      title: "请求体过大",
      detail: (limit) => `请求体超过了 ${limit} 的上限。`,
    },
    unsupportedMediaType: {
      title: "不支持的媒体类型",
      detail: "请以 JSON 发送请求体，并设置 `Content-Type: application/json`。",
    },
    rateLimited: {
      title: "请求过于频繁",
      detail: (seconds) => `请放慢速度：${seconds} 秒后再试。`,
    },
    unpriceable: {
      title: "无法按此需求为该方案计价",
    },
    internal: {
      title: "服务器内部错误",
      detail: "服务端出现问题。报告时请附上请求 ID。",
    },
    unavailable: {
      title: "服务不可用",
      detail: "无法连接数据库。",
    },
  },
  conflict: {
    offerExists: (id) => `ID 为 "${id}" 的方案已存在。`,
    builtInReadOnly: (id) => `"${id}" 是内置方案，不能修改或删除。请用新的 ID 创建自定义方案。`,
    subscriptionExists: (id) => `ID 为 "${id}" 的订阅已存在。`,
    idMismatch: (path, body) => `请求体中的 ID（"${body}"）与 URL 中的 ID（"${path}"）不一致。`,
  },
  what: {
    offer: (id) => `方案 "${id}"`,
    subscription: (id) => `订阅 "${id}"`,
  },
  calendar: {
    name: "CRM 续约",
    noticeSummary: (vendor) => `取消或重新谈判的最后一天：${vendor}`,
    noticeDescription: (vendor, renewal, price, autoRenew) =>
      `${vendor} 将于 ${renewal} 续约，每期 ${price}${autoRenew ? "（自动续约）" : ""}。过了今天，通知期即开始。`,
    renewalSummary: (vendor) => `续约：${vendor}`,
    renewalDescription: (vendor, price, autoRenew) =>
      autoRenew
        ? `${vendor} 今天按每期 ${price} 自动续约。`
        : `${vendor}：本期今天结束，不会自动续约。`,
    alarm: (days) => (days === 0 ? "今天是通知截止日" : `距通知截止日还有 ${days} 天`),
  },
  startup: {
    defaultTenant: (tenant) => `已创建租户 "${tenant}"。其 API 密钥只显示这一次，请立即保存：`,
    listening: (url) => `crm-cost API 正在 ${url} 上监听（文档见 ${url}/docs）`,
    keyCreated: (tenant) => `租户 "${tenant}" 的 API 密钥（只显示这一次，请立即保存）：`,
  },
}
