/** Sample tenants, subscriptions and offers for the store tests. */
import * as Offer from "@crm-cost/domain/Offer"
import * as Subscription from "@crm-cost/domain/Subscription"
import { DateTime, Effect, Schema } from "effect"

let sequence = 0

/** A tenant id no other test (or run) uses. */
export const freshTenantId = (label: string) =>
  Subscription.TenantId.make(`${label}-${process.pid}-${Date.now().toString(36)}-${++sequence}`)

export const tenant = (id: Subscription.TenantId, name = `Tenant ${id}`) =>
  new Subscription.Tenant({ id, name, createdAt: DateTime.unsafeMake("2026-01-02T03:04:05.678Z") })

export const subscriptionWire = (
  tenantId: string,
  id: string,
  overrides: Record<string, unknown> = {},
) => ({
  id,
  tenantId,
  vendor: "Salesforce",
  offerId: "salesforce-pro",
  seatsBought: 25,
  termStart: "2026-01-31",
  termMonths: 12,
  autoRenew: true,
  noticeDays: 30,
  recurringPrice: { amount: "30000.10", currency: "CNY" },
  renewalUplift: "0.07",
  quotas: [
    {
      metric: "storage-gb",
      included: "10.5",
      per: "term",
      overageRate: { amount: "125.00", currency: "CNY" },
      overageUnit: "1",
    },
  ],
  owners: [{ name: "李伟", email: "li.wei@example.com" }],
  channels: [
    { _tag: "Webhook", url: "https://hooks.example.com/crm" },
    { _tag: "Email", to: ["ops@example.com"] },
    { _tag: "Log" },
  ],
  timeZone: "Asia/Shanghai",
  reminderOffsets: [90, 30, 1],
  ...overrides,
})

export const subscription = (
  tenantId: string,
  id: string,
  overrides: Record<string, unknown> = {},
): Effect.Effect<Subscription.Subscription> =>
  Effect.orDie(Subscription.decode(subscriptionWire(tenantId, id, overrides)))

export const encodeSubscription = (s: Subscription.Subscription) =>
  Effect.orDie(Subscription.encode(s))

export const offer = (id: string, price = "50.00"): Effect.Effect<Offer.Offer> =>
  Effect.orDie(
    Offer.decode({
      id,
      vendor: "Acme CRM",
      name: "Team",
      currency: "USD",
      components: [
        {
          _tag: "PerSeat",
          id: "seats",
          name: "Seats",
          price: { amount: price, per: "month" },
        },
      ],
      source: { source: "test" },
      asOf: "2026-01-01",
    }),
  )

export const encodeOffer = (o: Offer.Offer) => Effect.orDie(Offer.encode(o))

export const alert = (
  tenantId: Subscription.TenantId,
  subscriptionId: string,
  key: string,
  id = `alert-${++sequence}`,
) =>
  Effect.orDie(
    Schema.decodeUnknown(Subscription.Alert)({
      id,
      key,
      tenantId,
      subscriptionId,
      kind: "notice-reminder",
      decidedAt: "2026-03-01T08:00:00.000Z",
      payload: { offset: 30, zh: "续约提醒", amount: { amount: "30000.10", currency: "CNY" } },
    }),
  )

export const usage = (
  tenantId: Subscription.TenantId,
  subscriptionId: string,
  id: string,
  takenAt: string,
  seatsAssigned = 26,
) =>
  Effect.orDie(
    Schema.decodeUnknown(Subscription.UsageSnapshot)({
      id,
      tenantId,
      subscriptionId,
      takenAt,
      seatsAssigned,
      metrics: { "storage-gb": "11.25", "api-calls": "120000" },
    }),
  )
