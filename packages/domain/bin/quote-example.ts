/**
 * Prints a quote for the source's per-user example (10 users × 50 USD per
 * user per month), in the reader's language (LANG, or --lang en|zh-CN).
 */
import { Effect, Schema } from "effect"
import * as Messages from "../src/Messages.js"
import * as Money from "../src/Money.js"
import { Offer } from "../src/Offer.js"
import { Profile } from "../src/Profile.js"
import * as Quote from "../src/Quote.js"

const langFlag = process.argv.indexOf("--lang")
const locale = Messages.fromTag(
  langFlag >= 0 ? process.argv[langFlag + 1] : (process.env.LC_ALL ?? process.env.LANG),
)
const f = Messages.forLocale(locale)

const offer = Schema.decodeUnknownSync(Offer)({
  id: "example-per-user",
  vendor: "Example",
  name: locale === "zh-CN" ? "按用户数量收费" : "Per user",
  currency: "USD",
  source: { source: "客户管理怎么收费的 — per-user example" },
  asOf: "2026-11-01",
  components: [
    {
      _tag: "PerSeat",
      id: "seat",
      name: locale === "zh-CN" ? "用户" : "User",
      price: { amount: "50", per: "month" },
    },
  ],
})
const profile = Schema.decodeUnknownSync(Profile)({
  seats: 10,
  horizonMonths: 12,
  startDate: "2026-01-01",
})

const text =
  locale === "zh-CN"
    ? {
        title: "报价",
        seats: "席位",
        months: "月数",
        monthly: "每月",
        total: "合计",
        perSeat: "每席位每月",
      }
    : {
        title: "Quote",
        seats: "Seats",
        months: "Months",
        monthly: "Per month",
        total: "Total",
        perSeat: "Per seat-month",
      }

const program = Effect.gen(function* () {
  const quote = yield* Quote.make(offer, profile)
  console.log(
    `${text.title}: ${offer.name} — ${text.seats} ${profile.seats}, ${text.months} ${profile.horizonMonths}`,
  )
  for (const line of quote.lines) {
    console.log(`  ${line.label}: ${Messages.render(line.basis, locale)} = ${f.money(line.amount)}`)
  }
  const first = quote.cashFlow[0] ?? Money.zero(quote.currency)
  console.log(`${text.monthly}: ${f.money(first)}`)
  if (quote.costPerSeatMonth) console.log(`${text.perSeat}: ${f.money(quote.costPerSeatMonth)}`)
  console.log(`${text.total}: ${f.money(quote.total)}`)
})

Effect.runPromise(program).catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
