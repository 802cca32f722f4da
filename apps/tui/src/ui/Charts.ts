/** Text charts that read without colour: block bars and block sparklines. */
import type { Decimal } from "@crm-cost/domain/Money"

const eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

/** A horizontal bar of `value / max` of `cells`, in eighths of a cell. */
export const bar = (value: Decimal, max: Decimal, cells: number): string => {
  if (max.lte(0) || cells <= 0) return ""
  const units = Math.round(
    value
      .dividedBy(max)
      .times(cells * 8)
      .toNumber(),
  )
  const full = Math.floor(units / 8)
  return "█".repeat(Math.min(cells, full)) + (full < cells ? (eighths[units % 8] ?? "") : "")
}

const levels = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

/**
 * A sparkline of a series on a shared scale, at most `cells` wide: a longer
 * series is sampled at the end of equal buckets (right for cumulative sums).
 */
export const sparkline = (series: ReadonlyArray<Decimal>, max: Decimal, cells: number): string => {
  if (series.length === 0 || cells <= 0) return ""
  const n = Math.min(series.length, cells)
  let out = ""
  for (let i = 0; i < n; i++) {
    const at = Math.ceil(((i + 1) * series.length) / n) - 1
    const v = series[at]
    if (v === undefined || max.lte(0)) {
      out += levels[0]
      continue
    }
    const level = Math.round(
      v
        .dividedBy(max)
        .times(levels.length - 1)
        .toNumber(),
    )
    out += levels[Math.max(0, Math.min(levels.length - 1, level))]
  }
  return out
}

/**
 * Usage against a quota: `cells` cells for 0–100 % of it, a "|" after the
 * cell of each threshold (fractions), "+" past 100 %. A cell fills only when
 * wholly used, so a gauge never shows a threshold reached that is not.
 */
/** A bar of `cells` filled by `share`, with a mark at each threshold (whole percent). */
export const gauge = (share: Decimal, thresholds: ReadonlyArray<number>, cells: number): string => {
  const filled = Math.min(cells, Math.floor(share.times(cells).toNumber()))
  let out = ""
  for (let i = 0; i < cells; i++) {
    out += i < filled ? "█" : "·"
    if (thresholds.some((percent) => Math.round((percent * cells) / 100) === i + 1)) out += "|"
  }
  return share.gt(1) ? `${out}+` : out
}
