/** English texts of Compare, BreakEven and Recommend: what a buyer reads about a comparison. */
import type { Decimal, Money } from "../../Money.js"
import type { Format } from "../Format.js"

const months = (n: number) => (n === 1 ? "1 month" : `${n} months`)
const seats = (n: number) => (n === 1 ? "1 seat" : `${n} seats`)
const scenario = (name: string) =>
  name === "lower" ? "lower" : name === "higher" ? "higher" : `"${name}"`

export const compare = {
  "compare.cheapest": (p: { offer: string; total: Money; horizonMonths: number }, f: Format) =>
    `${p.offer} is the cheapest for your need: ${f.money(p.total)} over ${months(p.horizonMonths)}.`,
  "compare.gap": (
    p: { offer: string; rank: number; total: Money; gap: Money; percent: Decimal },
    f: Format,
  ) =>
    `${p.offer} ranks #${p.rank} at ${f.money(p.total)}: ${f.money(p.gap)} (${f.percent(p.percent)}) more than the cheapest.`,
  "compare.gapOverFree": (p: { offer: string; rank: number; total: Money }, f: Format) =>
    `${p.offer} ranks #${p.rank} at ${f.money(p.total)}, against a cheapest offer that costs nothing.`,
  "compare.tie": (p: { offer: string; other: string; total: Money }, f: Format) =>
    `${p.offer} and ${p.other} cost the same: ${f.money(p.total)}.`,
  "compare.lowerBound": (p: { offer: string; parts: number }) =>
    `${p.offer}: ${p.parts === 1 ? "1 part has" : `${p.parts} parts have`} no published price, so its total is a lower bound — ask the vendor for a quote.`,
  "compare.npvLeader": (p: { offer: string; npv: Money; rate: Decimal }, f: Format) =>
    `In today's money (discounted at ${f.percent(p.rate)} a year), ${p.offer} costs least: ${f.money(p.npv)}.`,
  "compare.term": (
    p: {
      offer: string
      termMonths: number
      total: Money
      horizonMonths: number
      unusedMonths: number
    },
    f: Format,
  ) =>
    `${p.offer}: paying for ${months(p.termMonths)} at a time is cheapest over ${months(p.horizonMonths)} (${f.money(p.total)})${p.unusedMonths > 0 ? `; ${months(p.unusedMonths)} of the last prepaid term go unused` : ""}.`,
  "compare.seatCrossing": (p: { cheaper: string; other: string; seats: number }) =>
    `From ${seats(p.seats)}, ${p.cheaper} is cheaper than ${p.other}.`,
  "compare.seatEqual": (p: { offer: string; other: string; seats: number }) =>
    `At ${seats(p.seats)}, ${p.offer} and ${p.other} cost the same.`,
  "compare.seatLimit": (p: { offer: string; seats: number }) =>
    `From ${seats(p.seats)}, ${p.offer} can no longer be bought: the plan's seat maximum is passed.`,
  "compare.monthCrossing": (p: { cheaper: string; other: string; month: number }) =>
    `From month ${p.month}, ${p.cheaper} has cost less in total than ${p.other}.`,
  "compare.monthEqual": (p: { offer: string; other: string; month: number }) =>
    `By the end of month ${p.month}, ${p.offer} and ${p.other} have cost the same in total.`,
  "compare.sensitivityStable": (p: { scenario: string; offer: string }) =>
    `With ${scenario(p.scenario)} seat growth, ${p.offer} stays the cheapest.`,
  "compare.sensitivityLeader": (p: { scenario: string; offer: string; previous: string }) =>
    `With ${scenario(p.scenario)} seat growth, ${p.offer} becomes the cheapest instead of ${p.previous}.`,
  "compare.sensitivityMoved": (p: { scenario: string; offer: string; from: number; to: number }) =>
    `With ${scenario(p.scenario)} seat growth, ${p.offer} moves from #${p.from} to #${p.to}.`,
  "compare.sensitivityAvailable": (p: { scenario: string; offer: string; rank: number }) =>
    `With ${scenario(p.scenario)} seat growth, ${p.offer} fits the seat count again and ranks #${p.rank}.`,
  "compare.sensitivityFailed": (p: { scenario: string; offer: string }) =>
    `With ${scenario(p.scenario)} seat growth, ${p.offer} can no longer be priced for the need.`,
  "compare.error.seatLimit": (p: {
    offer: string
    seats: number
    maxSeats: number
    month: number
  }) =>
    `${p.offer} sells at most ${seats(p.maxSeats)}; the need reaches ${seats(p.seats)} in month ${p.month}.`,
  "compare.error.unknownModule": (p: { offer: string; module: string }) =>
    `${p.offer} does not offer the ${p.module} module, at any price.`,
  "compare.error.unknownIntegration": (p: { offer: string; integration: string }) =>
    `${p.offer} has no ${p.integration} integration, at any price.`,
  "compare.error.missingFxRate": (p: { offer: string; from: string; to: string }) =>
    `${p.offer} is priced in ${p.from}: give an exchange rate from ${p.from} to ${p.to} to compare it.`,
  "compare.error.unsupportedTerm": (p: { offer: string; allowed: ReadonlyArray<number> }) =>
    `${p.offer} is sold only for terms of ${p.allowed.join(", ")} months, none of which you accept.`,
  "compare.error.missingLabourRate": (p: { offer: string }) =>
    `${p.offer} is self-hosted: give your internal cost of an hour of staff time to cost it.`,
  "compare.error.unknownComponent": (p: { offer: string; component: string }) =>
    `${p.offer} has no part called "${p.component}".`,
  "recommend.kept": (p: { offer: string; rank: number; total: Money }, f: Format) =>
    `#${p.rank}: ${p.offer} meets your need, for ${f.money(p.total)} in total.`,
  "recommend.none": (_: Record<string, never>) =>
    "No offer meets the whole need; the reasons for each are listed.",
  "recommend.moduleIncluded": (p: { offer: string; module: string }) =>
    `${p.offer} includes the ${p.module} module at no extra charge.`,
  "recommend.moduleSold": (p: { offer: string; module: string; cost: Money }, f: Format) =>
    `${p.offer} sells the ${p.module} module separately: it adds ${f.money(p.cost)}.`,
  "recommend.integrationIncluded": (p: { offer: string; integration: string }) =>
    `${p.offer} includes the ${p.integration} integration at no extra charge.`,
  "recommend.integrationSold": (
    p: { offer: string; integration: string; cost: Money },
    f: Format,
  ) =>
    `${p.offer} sells the ${p.integration} integration as an add-on: it adds ${f.money(p.cost)}.`,
  "recommend.quoteRequired": (p: { offer: string; part: string; need: string }) =>
    `${p.offer}: "${p.part}" (${p.need === "mandatory" ? "required by the vendor" : `needed for ${p.need}`}) has no published price — ask for a quote; the total shown leaves it out.`,
  "recommend.missingModule": (p: { offer: string; module: string }) =>
    `${p.offer} does not offer the ${p.module} module you need.`,
  "recommend.missingIntegration": (p: { offer: string; integration: string }) =>
    `${p.offer} does not offer the ${p.integration} integration you need.`,
  "recommend.seatLimit": (p: { offer: string; seats: number; maxSeats: number; month: number }) =>
    `${p.offer} allows at most ${seats(p.maxSeats)}, but you will need ${seats(p.seats)} in month ${p.month}.`,
  "recommend.quotaHard": (
    p: { offer: string; metric: string; need: Decimal; quota: Decimal; month: number },
    f: Format,
  ) =>
    `${p.offer} caps ${p.metric} at ${f.number(p.quota)} and the cap cannot be bought up; your forecast reaches ${f.number(p.need)} in month ${p.month}.`,
  "recommend.overageAccepted": (
    p: { offer: string; metric: string; need: Decimal; quota: Decimal; cost: Money },
    f: Format,
  ) =>
    `${p.offer} includes ${f.number(p.quota)} ${p.metric}; your forecast of ${f.number(p.need)} goes over it, and you accept the overage (${f.money(p.cost)} of ${p.metric} charges in total).`,
  "recommend.overageUnpriced": (
    p: { offer: string; metric: string; need: Decimal; quota: Decimal },
    f: Format,
  ) =>
    `${p.offer} includes ${f.number(p.quota)} ${p.metric}; your forecast of ${f.number(p.need)} goes over it, and the vendor publishes no overage price — ask for a quote.`,
  "recommend.overageRejected": (
    p: { offer: string; metric: string; need: Decimal; quota: Decimal; month: number },
    f: Format,
  ) =>
    `${p.offer} includes ${f.number(p.quota)} ${p.metric}; your forecast reaches ${f.number(p.need)} in month ${p.month}, and you do not accept overage.`,
} satisfies Record<string, (p: never, f: Format) => string>
