/**
 * Text layout by display width (string-width), not string length: a CJK
 * character takes two terminal cells, so 方案 is as wide as "abcd".
 */
import stringWidth from "string-width"

// Tables measure the same cells on every frame; string-width is not cheap.
const widths = new Map<string, number>()

export const width = (s: string): number => {
  let w = widths.get(s)
  if (w === undefined) {
    w = stringWidth(s)
    if (widths.size > 50_000) widths.clear()
    widths.set(s, w)
  }
  return w
}

/** Cut a text to at most `max` cells, ending with "…" when cut. */
export const truncate = (s: string, max: number): string => {
  if (max <= 0) return ""
  if (width(s) <= max) return s
  let out = ""
  let used = 0
  for (const ch of s) {
    const w = width(ch)
    if (used + w > max - 1) break
    out += ch
    used += w
  }
  return `${out}…`
}

/** Fit a text into exactly `cells` cells: cut, then pad on the right (or left for numbers). */
export const cell = (s: string, cells: number, align: "left" | "right" = "left"): string => {
  const t = truncate(s, cells)
  const gap = " ".repeat(Math.max(0, cells - width(t)))
  return align === "left" ? t + gap : gap + t
}

export interface Column {
  readonly header: string
  readonly align?: "left" | "right"
  /** Fixed width; columns without one share what is left, in proportion to `grow`. */
  readonly width?: number
  readonly min?: number
  readonly grow?: number
}

/** Column widths that cell `total` cells with one space between columns. */
export const columnWidths = (
  columns: ReadonlyArray<Column>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  total: number,
): Array<number> => {
  const natural = columns.map((c, i) =>
    Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ""))),
  )
  const widths = columns.map((c, i) => c.width ?? Math.max(c.min ?? 0, natural[i] ?? 0))
  const spaces = Math.max(0, columns.length - 1)
  let excess = widths.reduce((a, b) => a + b, 0) + spaces - total
  // Too wide: shrink the growable columns, widest first, down to their minimum.
  while (excess > 0) {
    let widest = -1
    columns.forEach((c, i) => {
      if (c.width !== undefined) return
      const w = widths[i] ?? 0
      if (w > (c.min ?? 3) && (widest < 0 || w > (widths[widest] ?? 0))) widest = i
    })
    if (widest < 0) break
    widths[widest] = (widths[widest] ?? 0) - 1
    excess--
  }
  return widths
}

/** Render rows (header first) as lines of exactly the column widths. */
export const table = (
  columns: ReadonlyArray<Column>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  total: number,
): { readonly header: string; readonly lines: Array<string> } => {
  const widths = columnWidths(columns, rows, total)
  const line = (cells: ReadonlyArray<string>) =>
    columns
      .map((c, i) => cell(cells[i] ?? "", widths[i] ?? 0, c.align ?? "left"))
      .join(" ")
      .trimEnd()
  return { header: line(columns.map((c) => c.header)), lines: rows.map(line) }
}

/** The rows of a list that stay visible around the selection. */
export const window = <A>(
  items: ReadonlyArray<A>,
  selected: number,
  height: number,
): { readonly start: number; readonly items: ReadonlyArray<A> } => {
  if (items.length <= height) return { start: 0, items }
  const start = Math.min(Math.max(0, selected - Math.floor(height / 2)), items.length - height)
  return { start, items: items.slice(start, start + height) }
}

/** Break a text into lines of at most `max` cells (at spaces where it can, anywhere in CJK). */
export const wrapCells = (s: string, max: number): Array<string> => {
  const lines: Array<string> = []
  let line = ""
  let used = 0
  for (const word of s.split(/(?<= )/)) {
    const w = width(word)
    if (used + w <= max) {
      line += word
      used += w
      continue
    }
    if (line !== "" && w <= max) {
      lines.push(line.trimEnd())
      line = word
      used = w
      continue
    }
    for (const ch of word) {
      const c = width(ch)
      if (used + c > max) {
        lines.push(line.trimEnd())
        line = ""
        used = 0
      }
      line += ch
      used += c
    }
  }
  if (line.trim() !== "") lines.push(line.trimEnd())
  return lines
}
