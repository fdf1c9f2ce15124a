/// <reference types="vite/client" />
declare module '*.txt?raw' {
  const text: string
  export default text
}
declare module '*.md?raw' {
  const text: string
  export default text
}
/** The shipped decks, validated at build time (scripts/vite-shipped-decks.ts). */
declare module 'virtual:shipped-decks' {
  const decks: readonly { id: string; version: number; url: string }[]
  export default decks
}
/** Each map region's countries, projected at build time (scripts/vite-map-frames.ts). */
declare module 'virtual:map-frames' {
  import type { MapRegion } from '@/core/deck'
  import type { FrameData } from '@/components/map/mapViews'
  /** The alpha-3 codes a learner can tap on each region's map. */
  export const onMap: Readonly<Record<MapRegion, readonly string[]>>
  /** Each region's frame, a lazy chunk of its own. */
  export const frames: Readonly<Record<MapRegion, () => Promise<{ default: FrameData }>>>
}
