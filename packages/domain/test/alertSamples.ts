/** Sample parameters for every alert text (tsc fails when one is missing). */
import type * as Messages from "../src/Messages.js"
import { Decimal, Money } from "../src/Money.js"
import type { alerts } from "../src/messages/en/Alerts.js"
import { d } from "./alertFixtures.js"

const usd = (amount: string) => Money.make(amount, "USD")
const who = { vendor: "Salesforce", subscriptionId: "sub-1" }
const when = { dueOn: d("2025-11-25"), today: d("2025-12-02") }

export const alertSamples = {
  "alert.noticeReminder.subject": { ...who, deadline: d("2025-12-02"), offset: 7 },
  "alert.noticeReminder.body": {
    ...who,
    ...when,
    deadline: d("2025-12-02"),
    renewalDate: d("2026-01-01"),
    autoRenew: true,
    price: usd("12000"),
    nextPrice: usd("12840"),
  },
  "alert.renewal.subject": { ...who, renewalDate: d("2026-01-01") },
  "alert.renewal.body": { ...who, ...when, renewalDate: d("2026-01-01"), price: usd("12000") },
  "alert.autoRenewed.subject": { ...who, newPrice: usd("12840") },
  "alert.autoRenewed.body": {
    ...who,
    ...when,
    renewalDate: d("2026-01-01"),
    nextRenewalDate: d("2027-01-01"),
    oldPrice: usd("12000"),
    newPrice: usd("12840"),
    uplift: new Decimal("0.07"),
  },
  "alert.seatsOver.subject": { ...who, seatsAssigned: 12, seatsBought: 10 },
  "alert.seatsOver.body": {
    ...who,
    seatsAssigned: 12,
    seatsBought: 10,
    cost: usd("1315.07"),
    renewalDate: d("2026-01-01"),
  },
  "alert.quotaThreshold.subject": { ...who, metric: "storage-gb", threshold: 80 },
  "alert.quotaThreshold.body": {
    ...who,
    metric: "storage-gb",
    usage: new Decimal(85),
    included: new Decimal(100),
    periodEnd: d("2026-01-01"),
    cost: usd("0"),
  },
  "alert.quotaForecast.subject": { ...who, metric: "api-calls", crossesOn: d("2025-06-11") },
  "alert.quotaForecast.body": {
    ...who,
    metric: "api-calls",
    usage: new Decimal(5000),
    included: new Decimal(10000),
    projected: new Decimal(30000),
    periodEnd: d("2025-07-01"),
    cost: usd("100"),
  },
} satisfies { readonly [K in keyof typeof alerts]: Messages.Params<K> }
