/** Contracts and snapshots for the renewal and overage tests. */
import { DateTime } from "effect"
import * as Calendar from "../src/Calendar.js"
import * as Money from "../src/Money.js"
import {
  type AlertChannel,
  Subscription,
  SubscriptionId,
  type SubscriptionQuota,
  TenantId,
  UsageSnapshot,
  UsageSnapshotId,
} from "../src/Subscription.js"

export const usd = (amount: string) => Money.make(amount, "USD")
export const d = Calendar.unsafeMake

export const contract = (
  overrides: Partial<{
    termStart: string
    termMonths: number
    autoRenew: boolean
    noticeDays: number
    price: Money.Money
    uplift: string
    seatsBought: number
    quotas: ReadonlyArray<SubscriptionQuota>
    timeZone: string
    reminderOffsets: ReadonlyArray<number>
    channels: ReadonlyArray<AlertChannel>
    status: "active" | "cancelled"
    id: string
  }> = {},
) =>
  new Subscription({
    id: SubscriptionId.make(overrides.id ?? "sub-1"),
    tenantId: TenantId.make("acme"),
    vendor: "Salesforce",
    seatsBought: overrides.seatsBought ?? 10,
    termStart: d(overrides.termStart ?? "2025-01-01"),
    termMonths: overrides.termMonths ?? 12,
    autoRenew: overrides.autoRenew ?? true,
    noticeDays: overrides.noticeDays ?? 30,
    recurringPrice: overrides.price ?? usd("12000.00"),
    renewalUplift: new Money.Decimal(overrides.uplift ?? "0.07"),
    quotas: overrides.quotas ?? [],
    owners: [],
    channels: overrides.channels ?? [{ _tag: "Log" }],
    timeZone: overrides.timeZone ?? "UTC",
    reminderOffsets: overrides.reminderOffsets ?? [90, 60, 30, 7, 1],
    status: overrides.status ?? "active",
  })

let n = 0
export const snapshot = (
  takenAt: string,
  seatsAssigned: number,
  metrics: Record<string, string> = {},
  subscriptionId = "sub-1",
) =>
  new UsageSnapshot({
    id: UsageSnapshotId.make(`snap-${++n}`),
    tenantId: TenantId.make("acme"),
    subscriptionId: SubscriptionId.make(subscriptionId),
    takenAt: DateTime.unsafeMake(takenAt),
    seatsAssigned,
    metrics: Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, new Money.Decimal(v)])),
  })

export const quota = (
  metric: string,
  included: string,
  options: { per?: "month" | "term"; rate?: Money.Money; unit?: string } = {},
): SubscriptionQuota => ({
  metric,
  included: new Money.Decimal(included),
  per: options.per ?? "term",
  ...(options.rate === undefined ? {} : { overageRate: options.rate }),
  overageUnit: new Money.Decimal(options.unit ?? "1"),
})
