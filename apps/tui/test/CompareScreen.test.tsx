/** The comparison screen drawn for needs the app's form cannot state (a reporting currency, seat maximums). */
import type * as Messages from "@crm-cost/domain/Messages"
import * as Offer from "@crm-cost/domain/Offer"
import * as Profile from "@crm-cost/domain/Profile"
import { Either, Schema } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { CompareScreen } from "../src/ui/screens/CompareScreen.js"
import { renderScreen } from "./support/Harness.js"

let open: Array<{ close: () => Promise<void> }> = []
afterEach(async () => {
  for (const screen of open) await screen.close()
  open = []
})

/** The whole screen (tall enough not to scroll) for these offers and this need. */
const draw = async (
  locale: Messages.Locale,
  offers: ReadonlyArray<Offer.Offer>,
  profile: Profile.Profile,
) => {
  const screen = await renderScreen(
    { locale },
    <CompareScreen
      offers={offers}
      profile={Either.right(profile)}
      active
      keys={{ current: undefined }}
      columns={110}
      height={400}
    />,
  )
  open.push(screen)
  return screen.frame()
}

const offer = (wire: Record<string, unknown>) =>
  Schema.decodeUnknownSync(Offer.Offer)({
    currency: "USD",
    source: { source: "test" },
    asOf: "2026-11-01",
    ...wire,
  })

const perSeat = (amount: string, per: "month" | "year", maxSeats?: number) => ({
  _tag: "PerSeat",
  id: "seat",
  name: "User",
  price: { amount, per },
  ...(maxSeats === undefined ? {} : { maxSeats }),
})

const need = (wire: Record<string, unknown>) =>
  Schema.decodeUnknownSync(Profile.Profile)({
    seats: 10,
    horizonMonths: 12,
    startDate: "2026-01-01",
    ...wire,
  })

/** The lines between a heading and the next one named. */
const section = (frame: string, from: string, to: string) => {
  const lines = frame.split("\n")
  const start = lines.findIndex((l) => l.includes(from))
  const end = lines.findIndex((l, i) => i > start && l.includes(to))
  if (start < 0 || end < 0) throw new Error(`no section ${from}:\n${frame}`)
  return lines.slice(start + 1, end)
}

describe("Compare screen", () => {
  it("draws an offer in another currency on the cumulative chart at the comparison's rate", async () => {
    const yuan = offer({
      id: "yuan",
      vendor: "Yuan",
      name: "Cloud",
      currency: "CNY",
      components: [perSeat("3000", "year")],
    })
    const dollar = offer({
      id: "dollar",
      vendor: "Dollar",
      name: "Suite",
      components: [perSeat("50", "month")],
    })
    const frame = await draw(
      "en",
      [dollar, yuan],
      need({
        currency: "USD",
        fx: { asOf: "2026-11-01", rates: [{ from: "USD", to: "CNY", rate: "7.1" }] },
      }),
    )
    const cumulative = section(frame, "Cumulative cost by month", "If seats grow less or more")
    // 10 × 3,000 CNY = 30,000 CNY ÷ 7.1 = 4,225.35 USD; 10 × 50 USD × 12 = 6,000 USD.
    expect(cumulative.find((l) => l.includes("Yuan Cloud"))?.trimEnd()).toMatch(/ \$4,225\.35$/)
    expect(cumulative.find((l) => l.includes("Dollar Suite"))?.trimEnd()).toMatch(/ \$6,000\.00$/)
    expect(cumulative.join("\n")).not.toMatch(/30,000|CN¥/)
  })

  it("names the plan whose seat maximum is passed, in the screen's labels and language", async () => {
    const alpha = offer({
      id: "alpha",
      vendor: "Alpha",
      name: "Team",
      components: [perSeat("10", "month", 25)],
    })
    const beta = offer({
      id: "beta",
      vendor: "Beta",
      name: "Team",
      components: [perSeat("12", "month", 50)],
    })
    const profile = need({})
    const en = await draw("en", [alpha, beta], profile)
    const seats = section(en, "Break-even seats", "Crossover month").join(" ")
    // Alpha is cheaper up to its maximum of 25; Beta alone from 26; nobody from 51.
    expect(seats).toContain("From 26 seats, Alpha Team can no longer be bought")
    expect(seats).toContain("From 51 seats, Beta Team can no longer be bought")
    const zh = await draw("zh-CN", [alpha, beta], profile)
    const zhSeats = section(zh, "盈亏平衡席位数", "成本交叉月份").join("")
    expect(zhSeats).toContain("从 51 个席位起，Beta Team 已超出套餐席位上限，无法购买。")
  })
})
