/**
 * The source material's five fee-model examples (DESIGN.md, "The five fee
 * models"). They are illustrations, not vendors: the tests hold the engine to
 * the source's own figures with them.
 */
import type { OfferWire } from "../OfferWire.js"
import { evidence, referenceDate } from "../Sources.js"

const source = evidence("source-examples", "high")

/** 按用户数量收费: 10 users × 50 USD/user/month = 500 USD/month. */
export const perUser: OfferWire = {
  id: "example-per-user",
  vendor: "Source example",
  name: "Per user (按用户数量收费)",
  currency: "USD",
  description: "50 USD per user per month, billed monthly.",
  components: [
    {
      _tag: "PerSeat",
      id: "seat",
      name: "User licence",
      price: { amount: "50", per: "month" },
      evidence: source,
    },
  ],
  source,
  asOf: referenceDate,
}

/** 按功能模块收费: sales 200, service 150, marketing 100 USD/month; sales + service = 350. */
export const perModule: OfferWire = {
  id: "example-per-module",
  vendor: "Source example",
  name: "Per module (按功能模块收费)",
  currency: "USD",
  description: "Each module has its own flat monthly price; only the modules bought are charged.",
  components: [
    {
      _tag: "Module",
      id: "sales",
      name: "Sales module",
      module: "sales",
      price: { amount: "200", per: "month" },
      evidence: source,
    },
    {
      _tag: "Module",
      id: "service",
      name: "Service module",
      module: "service",
      price: { amount: "150", per: "month" },
      evidence: source,
    },
    {
      _tag: "Module",
      id: "marketing",
      name: "Marketing module",
      module: "marketing",
      price: { amount: "100", per: "month" },
      evidence: source,
    },
  ],
  source,
  asOf: referenceDate,
}

/** 按使用时长收费: 500 for a month, 1,400 for a quarter, 5,200 for a year. */
export const perTerm: OfferWire = {
  id: "example-per-term",
  vendor: "Source example",
  name: "Per term (按使用时长收费)",
  currency: "USD",
  description:
    "A term price book: each prepaid term has its own price; unused prepaid months are paid for.",
  terms: [{ months: 1 }, { months: 3 }, { months: 12 }],
  components: [
    {
      _tag: "Platform",
      id: "plan",
      name: "Subscription",
      price: {
        amount: "500",
        per: "month",
        byTerm: [
          { months: 1, amount: "500", per: "term" },
          { months: 3, amount: "1400", per: "term" },
          { months: 12, amount: "5200", per: "term" },
        ],
      },
      evidence: source,
    },
  ],
  source,
  asOf: referenceDate,
}

/**
 * 定制化服务收费: a 50,000 USD project over 6 months, plus maintenance and
 * upgrades that cost extra. The source gives no milestone split and no
 * maintenance figure: the 30/40/30 split is this catalog's illustration, and
 * maintenance is unpriced (quote required), never zero.
 */
export const customProject: OfferWire = {
  id: "example-custom-project",
  vendor: "Source example",
  name: "Custom project (定制化服务收费)",
  currency: "USD",
  description:
    "A 50,000 USD project over 6 months paid by milestones; maintenance and upgrades after delivery are extra and not priced by the source.",
  components: [
    {
      _tag: "OneTime",
      id: "project",
      name: "Custom development project",
      kind: "custom-development",
      amount: "50000",
      milestones: [
        { name: "Kick-off", month: 0, share: "0.3" },
        { name: "Delivery", month: 3, share: "0.4" },
        { name: "Acceptance", month: 5, share: "0.3" },
      ],
      evidence: evidence(
        "source-examples",
        "high",
        "50,000 USD over 6 months is the source's; the 30/40/30 milestone split is an illustration (the source gives none)",
      ),
    },
    {
      // Recurring from month 6 once priced; Unpriced cannot carry a start month.
      _tag: "Unpriced",
      id: "maintenance",
      name: "Maintenance and upgrades (from month 7)",
      category: "support",
      reason:
        "the source says maintenance and upgrades cost extra after delivery but gives no figure; ask the contractor for a quote",
      mandatory: true,
      evidence: source,
    },
  ],
  source,
  asOf: referenceDate,
}

/**
 * 免费与开源: no licence; the company pays for hosting, administration time,
 * upgrades and any secondary development. The source gives no figures, so
 * the self-hosting costs are explicit inputs of this catalog (see README,
 * "Self-hosting inputs"); a profile's labour rate replaces the one here.
 */
export const openSource: OfferWire = {
  id: "example-open-source",
  vendor: "Source example",
  name: "Free and open source (免费与开源)",
  currency: "USD",
  description:
    "No licence fee; hosting, administration and upgrade time are explicit inputs; secondary development is quoted separately.",
  components: [
    {
      _tag: "PerSeat",
      id: "licence",
      name: "Licence (open source)",
      price: { amount: "0", per: "month" },
      evidence: source,
    },
    {
      _tag: "SelfHosting",
      id: "self-hosting",
      name: "Self-hosting",
      infrastructurePerMonth: "100",
      adminHoursPerMonth: "4",
      upgradeHoursPerYear: "16",
      labourRate: "50",
      evidence: evidence(
        "catalog-assumption",
        "low",
        "100 USD/month hosting, 4 admin hours/month, 16 upgrade hours/year at 50 USD/hour: replace with your own",
      ),
    },
    {
      _tag: "Unpriced",
      id: "secondary-development",
      name: "Secondary development (二次开发)",
      category: "self-hosting",
      reason: "custom development on the open-source code is quoted per project",
      requiredFor: ["custom-development"],
      evidence: source,
    },
  ],
  source,
  asOf: referenceDate,
}

export const offers: ReadonlyArray<OfferWire> = [
  perUser,
  perModule,
  perTerm,
  customProject,
  openSource,
]
