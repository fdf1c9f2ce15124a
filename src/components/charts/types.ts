// Data shapes the chart components take. Views build them from core results (src/core/stats.ts).
import type { RetentionCount } from '@/core/stats'

/** One bar of `ChartBars`. */
export interface BarDatum {
  /** Short label under the bar ("Today", "+3", "New"). */
  label: string
  value: number
  /** Fuller label for the table and tooltip ("Thu, Jan 9, 2025"); defaults to `label`. */
  longLabel?: string
}

/** One point of `ChartLine`. */
export interface LinePoint {
  /** Label of the point ("Jan 6"), for the x axis and the table. */
  label: string
  value: number
  /** Second series drawn dashed, such as a moving average. */
  average?: number
}

/** One row of `ChartRetention`: core's `DeckRetention` plus a display name. */
export interface RetentionBar extends RetentionCount {
  deckId: string
  /** Deck title; defaults to `deckId`. */
  label?: string
}
