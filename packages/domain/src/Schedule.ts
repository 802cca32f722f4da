/**
 * Month-by-month schedules in integer minor units: the cash-flow view (what
 * is paid when) and the accrual view (what each month costs). Amounts spread
 * evenly over regular payments are recorded as differences and summed once,
 * so a schedule costs O(lines + months), not O(lines × months).
 */
import { type Currency, Decimal, fromMinor, type Money, ONE, ZERO } from "./Money.js"

export class Builder {
  /** One difference array per payment stride (1 = monthly, 12 = yearly...). */
  private readonly diffs = new Map<number, Array<bigint>>()
  private readonly single: Array<bigint>

  constructor(readonly length: number) {
    this.single = new Array<bigint>(length).fill(0n)
  }

  /** Add an amount in one month. */
  addAt(month: number, amount: bigint): void {
    this.single[month] = (this.single[month] ?? 0n) + amount
  }

  /**
   * Spread an amount over `count` payments `stride` months apart from `first`,
   * in equal shares; the remainder goes one minor unit at a time to the
   * earliest payments (as `Money.allocateEqual` does).
   */
  addEvenly(amount: bigint, first: number, count: number, stride: number): void {
    if (count <= 0 || amount === 0n) return
    if (count === 1) {
      this.addAt(first, amount)
      return
    }
    let diff = this.diffs.get(stride)
    if (diff === undefined) {
      diff = new Array<bigint>(this.length + stride).fill(0n)
      this.diffs.set(stride, diff)
    }
    const n = BigInt(count)
    const share = amount / n // truncates toward zero
    const remainder = amount - share * n
    const end = first + count * stride
    diff[first] = (diff[first] ?? 0n) + share
    if (end < diff.length) diff[end] = (diff[end] ?? 0n) - share
    if (remainder !== 0n) {
      const unit = remainder > 0n ? 1n : -1n
      const extra = Number(remainder > 0n ? remainder : -remainder)
      diff[first] = (diff[first] ?? 0n) + unit
      const stop = first + extra * stride
      if (stop < diff.length) diff[stop] = (diff[stop] ?? 0n) - unit
    }
  }

  /** The schedule, month by month. */
  toMinor(): Array<bigint> {
    const out = this.single.slice()
    // Sums only where something changes or adds up: each bigint sum is an allocation.
    for (const [stride, diff] of this.diffs) {
      const running = new Array<bigint>(stride).fill(0n)
      for (let m = 0; m < this.length; m++) {
        const r = m % stride
        const change = diff[m] ?? 0n
        let value = running[r] ?? 0n
        if (change !== 0n) {
          value += change
          running[r] = value
        }
        if (value !== 0n) {
          const before = out[m] ?? 0n
          out[m] = before === 0n ? value : before + value
        }
      }
    }
    return out
  }
}

/** A schedule of minor units as money. */
export const toMoney = (minor: ReadonlyArray<bigint>, currency: Currency): Array<Money> => {
  const out = new Array<Money>(minor.length)
  // Months in a row mostly pay the same: the previous month's value is reused.
  let units: bigint | undefined
  let money: Money | undefined
  for (let m = 0; m < minor.length; m++) {
    const u = minor[m] ?? 0n
    if (money === undefined || u !== units) {
      units = u
      money = fromMinor(u, currency)
    }
    out[m] = money
  }
  return out
}

/**
 * Net present value of a monthly cash flow at an annual discount rate:
 * Σ cash[m] ÷ (1 + rate)^(m / 12), unrounded.
 */
export const presentValue = (cash: ReadonlyArray<Money>, annualRate: Decimal): Decimal => {
  const monthly = ONE.plus(annualRate).pow(ONE.dividedBy(12))
  let pv = ZERO
  let factor = ONE
  for (const c of cash) {
    if (!c.amount.isZero()) pv = pv.plus(c.amount.dividedBy(factor))
    factor = factor.times(monthly)
  }
  return pv
}

/** Cumulative sums of a schedule: what has been paid by the end of each month. */
export const cumulative = (schedule: ReadonlyArray<Money>): Array<Decimal> => {
  const out: Array<Decimal> = []
  let running = new Decimal(0)
  for (const m of schedule) {
    running = running.plus(m.amount)
    out.push(running)
  }
  return out
}
