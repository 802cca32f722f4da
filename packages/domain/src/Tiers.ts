/**
 * Tier arithmetic for metered usage (DESIGN.md, "Pricing semantics").
 * Tiers are ordered by an inclusive upper bound `upTo`; quantities may be
 * fractional. Results keep full precision: the caller rounds once per line.
 */
import type { Tier, UsagePricing } from "./FeeComponent.js"
import { type Decimal, ZERO } from "./Money.js"

/**
 * Graduated: each unit is priced by the tier it falls in; a tier's flat fee
 * is added once when any unit falls in it, and the first tier's flat fee is
 * a base fee charged at zero quantity too.
 * @example graduated([{ upTo: 10, unitPrice: 1 }, { unitPrice: 0.5 }], 12) // 11
 */
export const graduated = (tiers: ReadonlyArray<Tier>, quantity: Decimal): Decimal => {
  let total = ZERO
  let lower = ZERO
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[i]
    if (tier === undefined) break
    if (i > 0 && !quantity.gt(lower)) break
    const upper = tier.upTo === undefined || quantity.lt(tier.upTo) ? quantity : tier.upTo
    const units = upper.minus(lower)
    if (units.gt(0)) total = total.plus(units.times(tier.unitPrice))
    if (tier.flatFee !== undefined) total = total.plus(tier.flatFee)
    if (tier.upTo === undefined) break
    lower = tier.upTo
  }
  return total
}

/** The index of the tier that holds a quantity (zero falls in the first). */
export const tierIndex = (tiers: ReadonlyArray<Tier>, quantity: Decimal): number => {
  for (let i = 0; i < tiers.length; i++) {
    const upTo = tiers[i]?.upTo
    if (upTo === undefined || quantity.lte(upTo)) return i
  }
  return tiers.length - 1
}

/**
 * Volume: the tier that holds the total quantity prices every unit, plus
 * that tier's flat fee once.
 * @example volume([{ upTo: 10, unitPrice: 1 }, { unitPrice: 0.5 }], 12) // 6
 */
export const volume = (tiers: ReadonlyArray<Tier>, quantity: Decimal): Decimal => {
  const tier = tiers[tierIndex(tiers, quantity)]
  if (tier === undefined) return ZERO
  const units = quantity.times(tier.unitPrice)
  return tier.flatFee === undefined ? units : units.plus(tier.flatFee)
}

/**
 * Package: ceil(quantity ÷ size) × price.
 * @example packaged(1000, 25, 2001) // 75
 */
export const packaged = (size: Decimal, price: Decimal, quantity: Decimal): Decimal =>
  quantity.dividedBy(size).ceil().times(price)

/** The price of a quantity under any usage pricing. */
export const price = (pricing: UsagePricing, quantity: Decimal): Decimal => {
  switch (pricing._tag) {
    case "PerUnit":
      return quantity.times(pricing.unitPrice)
    case "Graduated":
      return graduated(pricing.tiers, quantity)
    case "Volume":
      return volume(pricing.tiers, quantity)
    case "Package":
      return packaged(pricing.size, pricing.price, quantity)
  }
}
