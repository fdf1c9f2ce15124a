// Axis arithmetic shared by the hand-drawn charts.

/** Evenly spaced whole-number ticks from 0 to at least `max`, about `target` steps (1, 2 or 5 × 10ⁿ). */
export function countTicks(max: number, target = 4): number[] {
  if (!(max > 0)) return [0, 1]
  const raw = max / target
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power)
  const top = Math.ceil(max / step) * step
  const ticks: number[] = []
  for (let t = 0; t <= top; t += step) ticks.push(t)
  return ticks
}

/** Rough width in SVG units of `text` at `fontSize` (a little over the 0.55–0.6 em that system fonts average a glyph). */
export function textWidth(text: string, fontSize = 11): number {
  return text.length * fontSize * 0.62
}

/** Whole percent of a 0–1 share, as text: 0.874 → "87%". */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}
