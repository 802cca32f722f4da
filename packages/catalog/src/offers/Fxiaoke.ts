/**
 * 纷享销客 Fxiaoke / ShareCRM (CNY), reference §2.10, read from
 * fxiaoke.com/ap/market-price on 2026-08-13: per user per month with a
 * 12-month minimum term, i.e. per user per year. The Open API needs a
 * call-quota pack whose price is not published (without it calls fail with
 * errorCode 30003). Third-party claims of implementation at 30–50% and
 * maintenance at 20% of licence are unverified and not used. 定制报价
 * (custom, quote only) is left out.
 */
import type { ComponentWire, OfferWire } from "../OfferWire.js"
import { evidence } from "../Sources.js"

const shared: ReadonlyArray<ComponentWire> = [
  {
    _tag: "Unpriced",
    id: "open-api-pack",
    name: "Open API 调用包 (100,000 calls/day, stackable)",
    category: "add-ons",
    reason:
      "price not published ('contact customer service'); without it API calls fail (errorCode 30003)",
    requiredFor: ["api"],
    evidence: evidence("fx-ae", "medium"),
  },
  {
    _tag: "Unpriced",
    id: "dedicated-database",
    name: "独立数据库 Dedicated database",
    category: "add-ons",
    reason: "price not published",
    requiredFor: ["dedicated-database"],
    evidence: evidence("fx-ae", "medium"),
  },
  {
    _tag: "Tax",
    id: "vat",
    name: "增值税 VAT",
    mode: "exclusive",
    evidence: evidence(
      "fx-ae",
      "medium",
      "list prices exclude VAT; the rate comes from the profile",
    ),
  },
]

const edition = (id: string, name: string, perMonth: string, perYear: string): OfferWire => ({
  id,
  vendor: "纷享销客 Fxiaoke",
  name,
  currency: "CNY",
  description: `¥${perMonth} per user per month with a 12-month minimum term (¥${perYear} per user per year), VAT on top. Open API pack and dedicated database are quoted.`,
  terms: [{ months: 12 }],
  includes: { modules: ["sales"] },
  components: [
    {
      _tag: "PerSeat",
      id: "seat",
      name: "用户许可 User licence",
      price: { amount: perMonth, per: "month" },
      evidence: evidence("fx-ae", "medium", `12-month minimum term; ¥${perYear}/user/year`),
    },
    ...shared,
  ],
  source: evidence("fx-ae", "medium"),
  asOf: "2026-08-13",
})

export const professional = edition("fx-pro", "专业版 Professional", "119", "1428")
export const flagship = edition("fx-flagship", "旗舰版 Flagship", "220", "2640")

export const offers: ReadonlyArray<OfferWire> = [professional, flagship]
