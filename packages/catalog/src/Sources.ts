/**
 * The sources the built-in offers cite, by the ids of
 * ../shared/reference/crm-catalog-facts.json (compiled 2026-11-27). A
 * source's `asOf` is kept as the reference gives it: a full date, or only a
 * month or year ("2026-09", "2026", "undated"). Evidence can hold only full
 * dates, so `evidence` moves a partial date into the note instead of
 * inventing a day.
 */
import type { FeeComponent } from "@crm-cost/domain"

export type Confidence = "high" | "medium" | "low"

export interface Source {
  readonly title: string
  readonly url: string
  /** As the reference gives it; may be a month, a year or "undated". */
  readonly asOf: string
  readonly kind: string
}

/** The date the reference was compiled: the as-of of offers whose sources carry no full date. */
export const referenceDate = "2026-11-27"

export const sources = {
  "sf-ae-plans": {
    title:
      "api-evangelist/salesforce plans/salesforce-plans-pricing.yml (transcribed from salesforce.com/sales/pricing, 'method: searched')",
    url: "https://raw.githubusercontent.com/api-evangelist/salesforce/refs/heads/main/plans/salesforce-plans-pricing.yml",
    asOf: "2026-08-13",
    kind: "secondary-transcription",
  },
  "sf-2026-editions": {
    title:
      "Salesforce Newsroom 'salesforce-simplifies-editions-2026' as cited by 3 independent repos (research notes, 2026-09-18 pricing table, CRM plan-gate dataset 2026-09-27)",
    url: "https://www.salesforce.com/news/stories/salesforce-simplifies-editions-2026/",
    asOf: "2026-09-03",
    kind: "secondary-citation-of-vendor",
  },
  "sf-redress-2026": {
    title: "Redress Compliance 'Salesforce licensing changes 2026' (Aug-2025 +6% table)",
    url: "https://redresscompliance.com/salesforce-licensing-changes-2026.html",
    asOf: "2026-02",
    kind: "third-party-advisory",
  },
  "sf-premier": {
    title: "SalesforceNegotiations 'Premier Support cost: 22-30% license uplift' (list anchor 30%)",
    url: "https://salesforcenegotiations.com/blog/salesforce-premier-support-cost/",
    asOf: "2026-05-27",
    kind: "third-party-advisory",
  },
  "sf-signature": {
    title: "SalesforceNegotiations 'Signature Success Plan' (30-40% of net license)",
    url: "https://salesforcenegotiations.com/blog/salesforce-signature-success-plan/",
    asOf: "2026",
    kind: "third-party-advisory",
  },
  "sf-storage": {
    title:
      "Redress Compliance 'Salesforce Storage & API Usage Management' ($125/month per 500 MB; 10 GB + 20 MB/user Pro/Ent, +120 MB/user Unlimited)",
    url: "https://redresscompliance.com/salesforce-storage-and-api-usage-management.html",
    asOf: "2025-06",
    kind: "third-party-advisory",
  },
  "sf-cta-storage": {
    title:
      "Salesforce CTA Study Guide wiki 'Calculating Data Storage' (10 GB/org + 120 MB per internal user)",
    url: "https://github.com/Coding-With-The-Force/Salesforce-CTA-Study-Guide/wiki/35)-Calculating-Data-Storage-In-Salesforce",
    asOf: "2023-06-15",
    kind: "community",
  },
  "sf-flex": {
    title:
      "UpperEdge 'Salesforce's new Agentforce pricing' (100,000 Flex Credits = $500; 20 credits/action)",
    url: "https://upperedge.com/salesforce/salesforces-new-agentforce-pricing-what-customers-should-know",
    asOf: "2025",
    kind: "third-party-advisory",
  },
  "saaspare-2026": {
    title:
      "saaspare.org 'SaaS Hidden Costs 2026' build script (facts stated as read off vendor pages)",
    url: "https://saaspare.org/pages/saas-hidden-costs-2026",
    asOf: "2026-09-06",
    kind: "secondary-transcription",
  },
  "crm-plan-gates": {
    title:
      "CRM Plan-Gate Dataset 2026 (TypeScript dataset, 'researched live against primary sources')",
    url: "(GitHub code file, repo not named by index; read via find_string)",
    asOf: "2026-09-27",
    kind: "secondary-transcription",
  },
  "hs-partner-catalog": {
    title:
      "HubSpot partner estimator prompt: 'PRICING FACTS verified against HubSpot's official Product & Services Catalog, September 2026'",
    url: "(GitHub code file; cites https://legal.hubspot.com/hubspot-product-and-services-catalog)",
    asOf: "2026-09",
    kind: "secondary-transcription",
  },
  "hs-seats-faq": {
    title:
      "HubSpot legal 'Seats migration FAQ' (Core seat, no Sales/Service seat minimums, free view-only seats)",
    url: "https://legal.hubspot.com/seats-migration-faq",
    asOf: "2024",
    kind: "vendor",
  },
  "hs-contacts-billing": {
    title:
      "HubSpot KB 'Understand marketing contacts billing' (auto-upgrade to next tier, prorated)",
    url: "https://knowledge.hubspot.com/account/understand-marketing-contacts-billing",
    asOf: "2025-04-16",
    kind: "vendor",
  },
  "pd-ae": {
    title: "api-evangelist/pipedrive plans (2026-09-20 'searched' version, seen in index excerpt)",
    url: "https://raw.githubusercontent.com/api-evangelist/pipedrive/refs/heads/main/plans/pipedrive-plans-pricing.yml",
    asOf: "2026-09-20",
    kind: "secondary-transcription",
  },
  "pd-verifier": {
    title:
      "Swedish price-book verifier lib/verifiers/pipedrive.mjs + branchindex.js (live read of pipedrive.com/en/pricing)",
    url: "(GitHub code file)",
    asOf: "2026-08-05",
    kind: "secondary-transcription",
  },
  "pd-leadbooster": {
    title:
      "Pipedrive KB 'Understanding LeadBooster and Prospector billing' (EN 2025-10-23; DE version: $39/mo monthly or $390/yr)",
    url: "https://support.pipedrive.com/en/article/prospector-leadbooster-billing",
    asOf: "2025-10-23",
    kind: "vendor",
  },
  "pd-annual": {
    title: "Pipedrive KB 'Annual vs monthly billing' (discount up to 32%, annual non-refundable)",
    url: "https://support.pipedrive.com/en/article/what-is-the-difference-between-annual-and-monthly-billing-in-pipedrive",
    asOf: "2023-12-05",
    kind: "vendor",
  },
  "pd-campaigns": {
    title:
      "Pipedrive KB 'Campaigns: subscription and billing' (21-day trial, 500 subscribers, tiers by subscribed contacts)",
    url: "https://support.pipedrive.com/de/article/campaigns-subscription-and-billing",
    asOf: "2023-11-02",
    kind: "vendor",
  },
  "pd-limits": {
    title: "Pipedrive KB 'Usage limits in Pipedrive'",
    url: "https://support.pipedrive.com/lv/article/usage-limits-in-pipedrive",
    asOf: "2025",
    kind: "vendor",
  },
  "zoho-ae": {
    title: "api-evangelist/zoho-crm plans (INR, monthly toggle, API credit formulas)",
    url: "https://raw.githubusercontent.com/api-evangelist/zoho-crm/refs/heads/main/plans/zoho-crm-plans-pricing.yml",
    asOf: "2026-08-13",
    kind: "secondary-transcription",
  },
  "zoho-prisbok": {
    title: "Swedish price book branchindex.js 'zoho-crm-standard' usdMonthly 20 / usdAnnual 14",
    url: "(GitHub code file)",
    asOf: "2026-08-05",
    kind: "secondary-transcription",
  },
  "neocrm-value": {
    title:
      "NeoCRM 'Value models and pricing implications' public reference table (HubSpot, Zoho, Salesforce, Dynamics, Freshworks anchors)",
    url: "(GitHub doc file, Ironstone/NeoCRM family)",
    asOf: "2026",
    kind: "secondary-transcription",
  },
  "zoho-faq": {
    title:
      "Zoho CRM Help 'FAQs on billing and payments' (support tiers; inactive users still billed)",
    url: "https://help.zoho.com/portal/en/kb/crm/faqs/billing-payments/articles/faqs-on-billing-and-payments",
    asOf: "2024",
    kind: "vendor",
  },
  "zoho-wiki-2008": {
    title: "Zoho CRM wiki 'Managing Subscriptions' (historical add-on prices)",
    url: "http://zohocrm.wiki.zoho.com/Managing-Subscriptions.html",
    asOf: "~2008",
    kind: "vendor-historical",
  },
  "fresh-freddy": {
    title: "Freshworks CRM KB 'Freddy sessions billing FAQs'",
    url: "https://crmsupport.freshworks.com/en/support/solutions/articles/50000002842-freddy-sessions-billing-faqs",
    asOf: "2024",
    kind: "vendor",
  },
  "d365-negotiation": {
    title:
      "The Negotiation Experts 'Dynamics 365 licensing: Sales vs Service' (Pro $65, Ent $105; CS Pro $50, CS Ent $105; attach ~$20-30)",
    url: "https://thenegotiationexperts.com/blog/dynamics-365-licensing-sales-service/",
    asOf: "2026",
    kind: "third-party-advisory",
  },
  "d365-invoice": {
    title:
      "Sample partner invoice lines (NCE monthly-term prices: Sales Ent $126, DB capacity $48/GB, File $2.40/GB, Log $12/GB)",
    url: "(GitHub code fixture, read via find_string)",
    asOf: "undated",
    kind: "secondary-observation",
  },
  "d365-dbaddon": {
    title:
      "Tenant-marketplace observation: 'Dataverse Database Capacity add-on USD 40/month, USD 480 annual commitment'",
    url: "(GitHub project notes, 2026)",
    asOf: "2026",
    kind: "secondary-observation",
  },
  "d365-storage": {
    title:
      "SolvingDynamics365 'Dataverse storage types explained' (~250 MB DB + ~2 GB file per licence) and MicrosoftNegotiations (tenant 10 GB DB + 20 GB file + 2 GB log)",
    url: "https://www.solvingdynamics365.com/guides/dataverse-storage-types-explained",
    asOf: "2025-2026",
    kind: "third-party",
  },
  "monday-hf": {
    title: "HF dataset sarahml/saas-pricing-checks-2026 (monday CRM seat prices)",
    url: "https://huggingface.co/datasets/sarahml/saas-pricing-checks-2026",
    asOf: "2026-09-15",
    kind: "secondary-transcription",
  },
  "monday-buckets": {
    title:
      "monday.com support 'How does the pricing work? (V9)' (priced per group of seats; 8 users -> 10-seat option)",
    url: "https://support.monday.com/hc/en-us/articles/360018133699-How-does-the-pricing-work-V9-",
    asOf: "undated",
    kind: "vendor",
  },
  "odoo-custom": {
    title:
      "Project notes: 'Custom plan EUR 37.40/user/month billed monthly, EUR 29.90 billed yearly on odoo.com/pricing-plan'",
    url: "(GitHub doc file)",
    asOf: "2026-09-20",
    kind: "secondary-transcription",
  },
  "odoo-standard": {
    title:
      "Implementation proposal: 'Odoo Enterprise Standard ~EUR 19.90/user/month (annual); Custom ~EUR 29.90'",
    url: "(GitHub doc file)",
    asOf: "2026",
    kind: "secondary-estimate",
  },
  "odoo-docs": {
    title:
      "Odoo docs (multi-company triggers Custom upsell; external API only on Custom; One App Free)",
    url: "https://www.odoo.com/documentation (multi_company.rst) + n8n Odoo node docs",
    asOf: "2025-2026",
    kind: "vendor-docs",
  },
  "odoo-legacy": {
    title:
      "Odoo (OpenERP) SaaS FAQ 'What is a unit, a user*month and a GB*month?' (EUR 5/GB*month)",
    url: "http://www.odoo.com/index.php?view=category&cid=2%3Aprice+of+odoo&option=com_quickfaq&lang=en",
    asOf: "~2012",
    kind: "vendor-historical",
  },
  "twenty-ae": {
    title: "api-evangelist/twenty plans+finops (marked 'method: generated', unverified)",
    url: "https://raw.githubusercontent.com/api-evangelist/twenty/refs/heads/main/plans/twenty-plans-pricing.yml",
    asOf: "undated (stamped 2026-10-07)",
    kind: "secondary-unverified",
  },
  "vtiger-ae": {
    title: "api-evangelist/vtiger plans (transcribed verbatim from vtiger.com/pricing)",
    url: "https://raw.githubusercontent.com/api-evangelist/vtiger/refs/heads/main/plans/vtiger-plans-pricing.yml",
    asOf: "2026-10-07",
    kind: "secondary-transcription",
  },
  "sugar-policy": {
    title:
      "SugarCRM 'Pricing policy' (uplifts 8/6/4%, 5% late renewal fee, no seat decrease mid-term)",
    url: "https://www.sugarcrm.com/legal/pricing-policy/",
    asOf: "2020+",
    kind: "vendor",
  },
  "sugar-ae": {
    title: "api-evangelist/sugarcrm plans (sugarai.com/pricing, 15-user minimum)",
    url: "https://raw.githubusercontent.com/api-evangelist/sugarcrm/refs/heads/main/plans/sugarcrm-plans-pricing.yml",
    asOf: "2026-08-13",
    kind: "secondary-transcription",
  },
  "fx-ae": {
    title: "api-evangelist/fxiaoke plans (transcribed from fxiaoke.com/ap/market-price/)",
    url: "https://raw.githubusercontent.com/api-evangelist/fxiaoke/refs/heads/main/plans/fxiaoke-plans-pricing.yml",
    asOf: "2026-08-13",
    kind: "secondary-transcription",
  },
  "wukong-readme": {
    title: "WukongCRM-11.0-JAVA README (open source, self-host stack)",
    url: "https://github.com/WuKongOpenSource/WukongCRM-11.0-JAVA",
    asOf: "2020-2021",
    kind: "vendor-repo",
  },
  "suitecrm-terms": {
    title: "SuiteCRM / SalesAgility standard terms of service and support agreements",
    url: "https://suitecrm.com/index.php?option=com_content&view=article&id=239",
    asOf: "n/a",
    kind: "vendor",
  },
  pocsheet: {
    title:
      "PocSheet vendor note on HubSpot (contact-tier auto-escalation; 30-day auto-renew notice; renewal caps only if negotiated)",
    url: "https://www.pocsheet.com/vendors/hubspot",
    asOf: "2025-2026",
    kind: "third-party",
  },
  "showpad-finops": {
    title: "api-evangelist/showpad finops (unused seats cannot be reduced mid-contract)",
    url: "https://raw.githubusercontent.com/api-evangelist/showpad/refs/heads/main/finops/showpad-finops.yml",
    asOf: "2026-06-13",
    kind: "secondary",
  },
  "cn-context": {
    title:
      "Chinese market context articles (worktile kb/p/3326134; aiqianzhan CRM cost analysis; jiandaoyun CRM fee article; crmbbs 简信CRM user-count note)",
    url: "https://worktile.com/kb/p/3326134",
    asOf: "2024-2026",
    kind: "third-party-low",
  },
  espocrm: {
    title: "EspoCRM plans page / Advanced Pack licence header",
    url: "https://www.espocrm.com/plans/",
    asOf: "n/a",
    kind: "vendor",
  },
  "source-examples": {
    title: "The source material's five fee-model examples (DESIGN.md, 'The five fee models')",
    url: "/work/shared/DESIGN.md",
    asOf: "undated",
    kind: "source-material",
  },
  "catalog-assumption": {
    title:
      "An assumption of this catalog, not a vendor figure: an explicit input to replace with your own",
    url: "packages/catalog/README.md#self-hosting-inputs",
    asOf: "2026-11-27",
    kind: "assumption",
  },
} as const satisfies Record<string, Source>

export type SourceId = keyof typeof sources

type EvidenceWire = typeof FeeComponent.Evidence.Encoded

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/

/** Evidence for one figure: the source id, its date (full dates only) and a confidence. */
export const evidence = (source: SourceId, confidence: Confidence, note?: string): EvidenceWire => {
  const asOf: string = sources[source].asOf
  const dated = FULL_DATE.test(asOf)
  const notes = [dated ? undefined : `source dated ${asOf}`, note].filter(
    (n): n is string => n !== undefined,
  )
  return {
    source,
    confidence,
    ...(dated ? { asOf } : {}),
    ...(notes.length > 0 ? { note: notes.join("; ") } : {}),
  }
}
