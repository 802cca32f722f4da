/** fast-check generators of offers and profiles as wire data. */
import * as fc from "fast-check"

const price = (max = 500) =>
  fc
    .integer({ min: 0, max: max * 1000 })
    .map((n) => (n / 1000).toFixed(3).replace(/\.?0+$/, "") || "0")

const recurring = fc.record({
  amount: price(),
  per: fc.constantFrom("month", "year"),
})

const tiers = fc
  .uniqueArray(fc.integer({ min: 1, max: 5000 }), { minLength: 0, maxLength: 3 })
  .chain((bounds) =>
    fc.tuple(
      ...[...bounds.sort((a, b) => a - b), undefined].map((upTo) =>
        fc.record(
          {
            unitPrice: price(2),
            flatFee: price(50),
            ...(upTo === undefined ? {} : { upTo: fc.constant(String(upTo)) }),
          },
          { requiredKeys: upTo === undefined ? ["unitPrice"] : ["unitPrice", "upTo"] },
        ),
      ),
    ),
  )

const component = (i: number) =>
  fc.oneof(
    fc.record({
      _tag: fc.constant("PerSeat"),
      id: fc.constant(`seat${i}`),
      name: fc.constant(`Seat ${i}`),
      price: recurring,
      minSeats: fc.integer({ min: 0, max: 20 }),
    }),
    fc.record({
      _tag: fc.constant("Platform"),
      id: fc.constant(`platform${i}`),
      name: fc.constant(`Platform ${i}`),
      price: recurring,
      startMonth: fc.integer({ min: 0, max: 14 }),
    }),
    fc.record({
      _tag: fc.constant("Module"),
      id: fc.constant(`module${i}`),
      name: fc.constant(`Module ${i}`),
      module: fc.constant("sales"),
      perSeat: fc.boolean(),
      price: recurring,
    }),
    fc.record({
      _tag: fc.constant("Usage"),
      id: fc.constant(`usage${i}`),
      name: fc.constant(`Usage ${i}`),
      metric: fc.constant("api-calls"),
      period: fc.constantFrom("month", "year"),
      included: fc.record({ units: fc.integer({ min: 0, max: 2000 }).map(String) }),
      pricing: fc.oneof(
        fc.record({ _tag: fc.constant("PerUnit"), unitPrice: price(1) }),
        fc.record({ _tag: fc.constant("Graduated"), tiers }),
        fc.record({ _tag: fc.constant("Volume"), tiers }),
        fc.record({
          _tag: fc.constant("Package"),
          size: fc.integer({ min: 1, max: 1000 }).map(String),
          price: price(100),
        }),
      ),
    }),
    fc.record({
      _tag: fc.constant("Percentage"),
      id: fc.constant(`support${i}`),
      name: fc.constant(`Support ${i}`),
      rate: fc.integer({ min: 0, max: 40 }).map((n) => (n / 100).toString()),
      base: fc.constant(["licence", "modules"]),
    }),
    fc.record({
      _tag: fc.constant("OneTime"),
      id: fc.constant(`onetime${i}`),
      name: fc.constant(`One-time ${i}`),
      kind: fc.constant("onboarding"),
      amount: price(10000),
    }),
  )

export const wireOffer = fc
  .tuple(
    fc.constantFrom("USD", "JPY", "KWD", "CNY"),
    fc.subarray([1, 3, 12], { minLength: 1 }),
    fc
      .integer({ min: 1, max: 5 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => component(i)))),
    fc.option(
      fc.integer({ min: 0, max: 15 }).map((n) => (n / 100).toString()),
      { nil: undefined },
    ),
    fc.option(
      fc.integer({ min: 0, max: 25 }).map((n) => (n / 100).toString()),
      { nil: undefined },
    ),
    fc.constantFrom("half-up", "half-even"),
  )
  .map(([currency, terms, components, uplift, promo, rounding]) => ({
    currency,
    rounding,
    terms: terms.map((months) => ({ months })),
    // Without a Module component, "sales" comes included, so the need can be met.
    includes: {
      modules: components.some((c) => c._tag === "Module") ? [] : ["sales"],
      integrations: [],
    },
    components: [
      ...components,
      ...(uplift === undefined
        ? []
        : [{ _tag: "RenewalUplift", id: "uplift", name: "Uplift", rate: uplift }]),
      ...(promo === undefined
        ? []
        : [{ _tag: "Promotion", id: "promo", name: "Promo", percentOff: promo, months: 3 }]),
    ],
  }))

export const wireProfile = fc
  .record({
    seats: fc.integer({ min: 0, max: 200 }),
    horizonMonths: fc.integer({ min: 1, max: 40 }),
    startDate: fc.constantFrom("2026-01-31", "2028-02-29", "2026-07-01"),
    growth: fc.oneof(
      fc.constant(undefined),
      fc.record({
        _tag: fc.constant("Rate"),
        rate: fc.constantFrom("0.1", "0.5", "-0.2"),
        every: fc.constantFrom("month", "year"),
      }),
      fc.record({
        _tag: fc.constant("Schedule"),
        seats: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 24 }),
      }),
    ),
    modules: fc.constant(["sales"]),
    usage: fc.constant([{ metric: "api-calls", perMonth: "3500.5" }]),
    tax: fc.option(
      fc.record({
        rate: fc.constantFrom("0.13", "0.06", "0.2"),
        mode: fc.constantFrom("exclusive", "inclusive"),
      }),
      { nil: undefined },
    ),
  })
  .map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)))
