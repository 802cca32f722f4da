/**
 * Money: a decimal.js amount in an ISO 4217 currency. Never a JS number;
 * a decimal string on the wire (`{"amount":"500.00","currency":"USD"}`).
 */
import { Decimal as DecimalJs } from "decimal.js"
import { Array as Arr, Effect, ParseResult, Schema } from "effect"

/** The one Decimal constructor of the domain: 60 significant digits, half-up. */
export const Decimal = DecimalJs.clone({
  precision: 60,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -60,
  toExpPos: 60,
})
export type Decimal = InstanceType<typeof Decimal>

/** ISO 4217 minor units of the currencies the product knows. */
export const minorUnits = {
  USD: 2,
  CNY: 2,
  EUR: 2,
  GBP: 2,
  JPY: 0,
  KWD: 3,
  INR: 2,
  AUD: 2,
  CAD: 2,
  CHF: 2,
  HKD: 2,
  SGD: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  BRL: 2,
  KRW: 0,
  TWD: 2,
  NZD: 2,
  BHD: 3,
} as const

export const Currency = Schema.Literal(
  ...(Object.keys(minorUnits) as Array<keyof typeof minorUnits>),
).annotations({ identifier: "Currency", description: "ISO 4217 currency code" })
export type Currency = typeof Currency.Type

export type RoundingMode = "half-up" | "half-even"
export const RoundingModeSchema = Schema.Literal("half-up", "half-even")

const roundingOf = (mode: RoundingMode) =>
  mode === "half-even" ? DecimalJs.ROUND_HALF_EVEN : DecimalJs.ROUND_HALF_UP

const DECIMAL_PATTERN = /^-?(?:\d+)(?:\.\d+)?$/

/** A Decimal value, for use inside schemas. */
export const DecimalInstance = Schema.declare((u: unknown): u is Decimal => u instanceof Decimal, {
  identifier: "Decimal",
})

/** A decimal string such as "1400" or "0.20", decoded to a Decimal. */
export const DecimalFromString = Schema.transformOrFail(Schema.String, DecimalInstance, {
  strict: true,
  decode: (s, _, ast) =>
    DECIMAL_PATTERN.test(s.trim())
      ? ParseResult.succeed(new Decimal(s.trim()))
      : ParseResult.fail(new ParseResult.Type(ast, s, `expected a decimal string, got "${s}"`)),
  encode: (d) => ParseResult.succeed(d.toFixed()),
}).annotations({
  identifier: "DecimalString",
  jsonSchema: { type: "string", pattern: DECIMAL_PATTERN.source },
})

/** A quantity: a decimal string, or a finite JS number for counts and units (never money). */
export const Quantity = Schema.Union(
  DecimalFromString,
  Schema.transformOrFail(Schema.Finite, DecimalInstance, {
    strict: true,
    decode: (n) => ParseResult.succeed(new Decimal(n)),
    // A quantity is always written as a decimal string (the first member): never a float.
    encode: (d, _, ast) =>
      ParseResult.fail(new ParseResult.Type(ast, d, "a quantity is written as a decimal string")),
  }),
).annotations({ identifier: "Quantity" })

const nonNegative = <A extends Decimal, I, R>(self: Schema.Schema<A, I, R>) =>
  self.pipe(Schema.filter((d) => !d.isNegative() || "must not be negative"))

/** A non-negative decimal string (a price, an amount). */
export const Amount = nonNegative(DecimalFromString).annotations({ identifier: "Amount" })
/** A non-negative quantity (units, GB, hours). */
export const NonNegativeQuantity = nonNegative(Quantity).annotations({
  identifier: "NonNegativeQuantity",
})
/** A rate as a decimal fraction, 0.2 = 20 %; between 0 and 10. */
export const Rate = DecimalFromString.pipe(
  Schema.filter(
    (d) => (d.gte(0) && d.lte(10)) || "must be a fraction between 0 and 10 (0.2 = 20%)",
  ),
).annotations({ identifier: "Rate" })

export class CurrencyMismatch extends Schema.TaggedError<CurrencyMismatch>()("CurrencyMismatch", {
  expected: Currency,
  actual: Currency,
}) {
  override get message() {
    return `currency mismatch: expected ${this.expected}, got ${this.actual}`
  }
}

// The amount's text with the currency's minor units, worked out once per value:
// a Money never changes, and schedules render the same shared values many times.
let fixedTextOf: (m: Money) => string

/** An immutable amount of money. */
export class Money {
  #fixedText: string | undefined = undefined

  private constructor(
    readonly amount: Decimal,
    readonly currency: Currency,
  ) {}

  static {
    fixedTextOf = (m) => {
      let text = m.#fixedText
      if (text === undefined) {
        text = m.amount.toFixed(minorUnits[m.currency])
        m.#fixedText = text
      }
      return text
    }
  }

  /**
   * @example Money.make("500", "USD")
   */
  static make(amount: Decimal | string, currency: Currency): Money {
    return new Money(amount instanceof Decimal ? amount : new Decimal(amount), currency)
  }

  toJSON(): { amount: string; currency: Currency } {
    return { amount: toFixedString(this), currency: this.currency }
  }

  toString(): string {
    return `${toFixedString(this)} ${this.currency}`
  }
}

/** @example make("500", "USD") */
export const make = (amount: Decimal | string, currency: Currency): Money =>
  Money.make(amount, currency)

/** @example zero("JPY") */
export const zero = (currency: Currency): Money => Money.make(ZERO, currency)

export const ZERO = new Decimal(0)
export const ONE = new Decimal(1)
export const TEN = new Decimal(10)

/** The currency's ISO 4217 minor units. @example decimals("KWD") // 3 */
export const decimals = (currency: Currency): number => minorUnits[currency]

/** The amount as a string with exactly the currency's minor units. @example toFixedString(make("5", "USD")) // "5.00" */
export const toFixedString = (m: Money): string => fixedTextOf(m)

/** Round an amount to the currency's minor unit. @example roundDecimal(new Decimal("1.005"), "USD") // 1.01 */
export const roundDecimal = (
  amount: Decimal,
  currency: Currency,
  mode: RoundingMode = "half-up",
): Decimal => amount.toDecimalPlaces(minorUnits[currency], roundingOf(mode))

/** Round money to its minor unit. @example round(make("0.125", "USD"), "half-even") // 0.12 USD */
export const round = (m: Money, mode: RoundingMode = "half-up"): Money =>
  Money.make(roundDecimal(m.amount, m.currency, mode), m.currency)

const same = (a: Money, b: Money): Effect.Effect<void, CurrencyMismatch> =>
  a.currency === b.currency
    ? Effect.void
    : Effect.fail(new CurrencyMismatch({ expected: a.currency, actual: b.currency }))

/** Add two amounts of one currency. @example add(make("1", "USD"), make("2", "USD")) // 3 USD */
export const add = (a: Money, b: Money): Effect.Effect<Money, CurrencyMismatch> =>
  Effect.as(same(a, b), Money.make(a.amount.plus(b.amount), a.currency))

/** Sum amounts of one currency; an empty list sums to zero. @example sum("USD", [make("1", "USD")]) */
export const sum = (
  currency: Currency,
  items: ReadonlyArray<Money>,
): Effect.Effect<Money, CurrencyMismatch> => {
  let total = ZERO
  for (const m of items) {
    if (m.currency !== currency) {
      return Effect.fail(new CurrencyMismatch({ expected: currency, actual: m.currency }))
    }
    total = total.plus(m.amount)
  }
  return Effect.succeed(Money.make(total, currency))
}

/** Multiply by a factor, keeping full precision. @example multiply(make("50", "USD"), 10) // 500 USD */
export const multiply = (m: Money, factor: Decimal | number | string): Money =>
  Money.make(m.amount.times(factor), m.currency)

/** Compare two amounts of one currency: -1, 0 or 1. */
export const compare = (a: Money, b: Money): Effect.Effect<-1 | 0 | 1, CurrencyMismatch> =>
  Effect.as(same(a, b), a.amount.comparedTo(b.amount) as -1 | 0 | 1)

export const isZero = (m: Money): boolean => m.amount.isZero()
export const isNegative = (m: Money): boolean => m.amount.isNegative()

/**
 * Split an amount in minor units (an integer) by ratios without losing a unit:
 * each share is floored, and the remainder goes one unit at a time to the
 * largest shares (ties to the earlier share).
 * @example allocateMinor(100n, [1, 1, 1]) // [34n, 33n, 33n]
 */
export const allocateMinor = (
  total: bigint,
  ratios: ReadonlyArray<Decimal | number | bigint>,
): Array<bigint> => {
  const n = ratios.length
  if (n === 0) return []
  const allBig = ratios.every((r) => typeof r === "bigint")
  if (allBig) return allocateBig(total, ratios as ReadonlyArray<bigint>)
  const ds = ratios.map((r) => (r instanceof Decimal ? r : new Decimal(r.toString())))
  let sumRatios = ZERO
  for (const d of ds) sumRatios = sumRatios.plus(d)
  if (sumRatios.isZero())
    return allocateBig(
      total,
      ratios.map(() => 1n),
    )
  // Scale ratios to integers so the split is exact.
  const scale = Math.max(0, ...ds.map((d) => d.decimalPlaces()))
  const factor = TEN.pow(scale)
  return allocateBig(
    total,
    ds.map((d) => BigInt(d.times(factor).toFixed(0))),
  )
}

/**
 * Split minor units into n equal shares; the remainder goes one unit at a
 * time to the earliest shares (all shares being equally large).
 * @example allocateEqual(100n, 3) // [34n, 33n, 33n]
 */
export const allocateEqual = (total: bigint, n: number): Array<bigint> => {
  if (n <= 0) return []
  const count = BigInt(n)
  const negative = total < 0n
  const abs = negative ? -total : total
  const share = abs / count
  const remainder = Number(abs - share * count)
  const out = new Array<bigint>(n)
  const bigger = share + 1n
  for (let i = 0; i < n; i++) {
    const s = i < remainder ? bigger : share
    out[i] = negative ? -s : s
  }
  return out
}

const allocateBig = (total: bigint, ratios: ReadonlyArray<bigint>): Array<bigint> => {
  let sumRatios = 0n
  for (const r of ratios) sumRatios += r
  if (sumRatios === 0n)
    return allocateBig(
      total,
      ratios.map(() => 1n),
    )
  const negative = total < 0n
  const abs = negative ? -total : total
  const shares = ratios.map((r) => (abs * r) / sumRatios)
  let remainder = abs
  for (const s of shares) remainder -= s
  if (remainder > 0n) {
    const order = Arr.range(0, ratios.length - 1).sort((i, j) => {
      const a = ratios[i] ?? 0n
      const b = ratios[j] ?? 0n
      return a === b ? i - j : a > b ? -1 : 1
    })
    for (let k = 0; remainder > 0n; k = (k + 1) % order.length) {
      const i = order[k] ?? 0
      if ((ratios[i] ?? 0n) > 0n) {
        shares[i] = (shares[i] ?? 0n) + 1n
        remainder -= 1n
      }
    }
  }
  return negative ? shares.map((s) => -s) : shares
}

/**
 * Split money by ratios; the shares add up to the rounded amount exactly,
 * remainders to the largest shares.
 * @example allocate(make("100", "USD"), [1, 1, 1]) // 33.34, 33.33, 33.33
 */
export const allocate = (
  m: Money,
  ratios: ReadonlyArray<Decimal | number>,
  mode: RoundingMode = "half-up",
): Array<Money> => {
  const total = toMinor(round(m, mode))
  return allocateMinor(total, ratios).map((units) => fromMinor(units, m.currency))
}

/** The amount, already rounded, as an integer count of minor units. @example toMinor(make("1.23", "USD")) // 123n */
export const toMinor = (m: Money): bigint => toMinorUnits(m.amount, m.currency)

/**
 * An amount rounded once to the currency's minor unit, as an integer count of them.
 * @example toMinorUnits(new Decimal("0.125"), "USD", "half-even") // 12n
 */
export const toMinorUnits = (
  amount: Decimal,
  currency: Currency,
  mode: RoundingMode = "half-up",
): bigint => {
  const places = minorUnits[currency]
  const text = amount.toFixed(places, roundingOf(mode))
  return BigInt(places === 0 ? text : text.replace(".", ""))
}

/** Minor units as a decimal string: 12345n, 2 places → "123.45". */
const minorToString = (units: bigint, places: number): string => {
  if (places === 0) return units.toString()
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(places + 1, "0")
  const text = `${digits.slice(0, -places)}.${digits.slice(-places)}`
  return negative ? `-${text}` : text
}

// Schedules repeat the same few amounts; Money is immutable, so equal amounts share one value.
const minorCache = new Map<Currency, Map<bigint, Money>>()

/** Money from an integer count of minor units. @example fromMinor(123n, "USD") // 1.23 USD */
export const fromMinor = (units: bigint, currency: Currency): Money => {
  let byUnits = minorCache.get(currency)
  if (byUnits === undefined) {
    byUnits = new Map()
    minorCache.set(currency, byUnits)
  }
  let hit = byUnits.get(units)
  if (hit === undefined) {
    if (byUnits.size >= 4096) byUnits.clear()
    hit = Money.make(new Decimal(minorToString(units, minorUnits[currency])), currency)
    byUnits.set(units, hit)
  }
  return hit
}

/** Money as it crosses the wire: `{ amount: "500.00", currency: "USD" }`. */
export const MoneyFromWire = Schema.transformOrFail(
  Schema.Struct({
    amount: Schema.String.annotations({ description: 'decimal string, e.g. "500.00"' }),
    currency: Currency,
  }),
  Schema.declare((u: unknown): u is Money => u instanceof Money, { identifier: "Money" }),
  {
    strict: true,
    decode: ({ amount, currency }, _, ast) =>
      DECIMAL_PATTERN.test(amount)
        ? ParseResult.succeed(Money.make(amount, currency))
        : ParseResult.fail(
            new ParseResult.Type(ast, amount, `expected a decimal string, got "${amount}"`),
          ),
    encode: (m) => ParseResult.succeed({ amount: toFixedString(m), currency: m.currency }),
  },
).annotations({ identifier: "Money" })
