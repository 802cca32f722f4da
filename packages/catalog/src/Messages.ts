/**
 * The catalog's texts a person reads, in en and zh-CN: problems found in
 * catalog files and the catalog:check report. Kept here, beside the code
 * that says them; the domain's own messages live in the domain.
 */
import type { CatalogFileError, IssueCode } from "./CatalogError.js"

export type Locale = "en" | "zh-CN"
export const locales: ReadonlyArray<Locale> = ["en", "zh-CN"]

interface Texts {
  readonly issue: { readonly [C in IssueCode]: (detail: string) => string }
  readonly usage: string
  readonly unknownOption: (option: string) => string
  readonly offerLine: (p: {
    vendor: string
    name: string
    id: string
    currency: string
    components: number
    unpriced: ReadonlyArray<string>
    status: string
  }) => string
  readonly replaces: (p: { id: string; file: string }) => string
  readonly summaryOk: (p: { offers: number; files: number; builtIn: boolean }) => string
  readonly summaryBad: (p: { errors: number; files: number }) => string
}

const en: Texts = {
  issue: {
    unreadable: (d) => `cannot read the file (${d})`,
    "unsupported-file-type": () => "unsupported file type: use .json, .yaml or .yml",
    syntax: (d) => `not valid JSON/YAML: ${d}`,
    "not-a-catalog": (d) => `expected an object with an "offers" list, got ${d}`,
    missing: () => "required field is missing",
    "unknown-key": (d) => `unknown field (a typo?); allowed here: ${d}`,
    "unknown-fee-kind": (d) => `unknown fee kind ${d}`,
    "number-not-string": (d) =>
      `write amounts as quoted decimal strings so they stay exact: "${d}", not ${d}`,
    "wrong-type": (d) => `wrong type: ${d}`,
    "invalid-value": (d) => `invalid value: ${d}`,
    "duplicate-id": (d) => `duplicate offer id ${d}`,
  },
  usage:
    "usage: catalog:check [--lang en|zh-CN] [FILE.yaml|FILE.json ...]\n  without files: checks the built-in catalog",
  unknownOption: (o) => `unknown option ${o}`,
  offerLine: (p) =>
    `${p.vendor} | ${p.name} [${p.id}${p.status === "legacy" ? ", legacy" : ""}] | ${p.currency} | ${p.components} component${p.components === 1 ? "" : "s"} | unpriced: ${p.unpriced.length === 0 ? "none" : p.unpriced.join(", ")}`,
  replaces: (p) => `  ↳ ${p.file} replaces the built-in offer ${p.id}`,
  summaryOk: (p) =>
    p.builtIn
      ? `built-in catalog: ${p.offers} offers valid`
      : `${p.files} file${p.files === 1 ? "" : "s"}: ${p.offers} offer${p.offers === 1 ? "" : "s"} valid`,
  summaryBad: (p) =>
    `${p.errors} problem${p.errors === 1 ? "" : "s"} in ${p.files} file${p.files === 1 ? "" : "s"}; nothing was loaded`,
}

const zhCN: Texts = {
  issue: {
    unreadable: (d) => `无法读取文件（${d}）`,
    "unsupported-file-type": () => "不支持的文件类型：请使用 .json、.yaml 或 .yml",
    syntax: (d) => `不是有效的 JSON/YAML：${d}`,
    "not-a-catalog": (d) => `应为含 "offers" 列表的对象，实际为 ${d}`,
    missing: () => "缺少必填字段",
    "unknown-key": (d) => `未知字段（是否拼写错误？）；此处允许：${d}`,
    "unknown-fee-kind": (d) => `未知的费用类型 ${d}`,
    "number-not-string": (d) => `金额须写成带引号的十进制字符串以保持精确："${d}"，而不是 ${d}`,
    "wrong-type": (d) => `类型错误：${d}`,
    "invalid-value": (d) => `取值无效：${d}`,
    "duplicate-id": (d) => `报价 id 重复：${d}`,
  },
  usage:
    "用法：catalog:check [--lang en|zh-CN] [文件.yaml|文件.json ...]\n  不带文件时检查内置目录",
  unknownOption: (o) => `未知选项 ${o}`,
  offerLine: (p) =>
    `${p.vendor} | ${p.name} [${p.id}${p.status === "legacy" ? "，旧版" : ""}] | ${p.currency} | ${p.components} 个费用组成 | 需询价：${p.unpriced.length === 0 ? "无" : p.unpriced.join("、")}`,
  replaces: (p) => `  ↳ ${p.file} 替换了内置报价 ${p.id}`,
  summaryOk: (p) =>
    p.builtIn ? `内置目录：${p.offers} 个报价有效` : `${p.files} 个文件：${p.offers} 个报价有效`,
  summaryBad: (p) => `${p.files} 个文件中发现 ${p.errors} 个问题；未加载任何内容`,
}

export const texts: { readonly [L in Locale]: Texts } = { en, "zh-CN": zhCN }

/** A catalog file problem in the reader's language. */
export const describeIssue = (e: CatalogFileError, locale: Locale): string =>
  texts[locale].issue[e.code](e.detail ?? "")

/** The locale a LANG value asks for ("zh_CN.UTF-8" → zh-CN); English otherwise. */
export const localeFromLang = (lang: string | undefined): Locale =>
  lang !== undefined && /^zh([_-]|$)/i.test(lang) ? "zh-CN" : "en"
