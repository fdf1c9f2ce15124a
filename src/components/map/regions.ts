// Map regions in words. Light: shared by the map UI without pulling in the map data chunk.
import type { MapRegion } from '@/core/deck'

export const REGION_LABEL: Readonly<Record<MapRegion, string>> = {
  world: 'World',
  europe: 'Europe',
  'middle-east': 'Middle East',
  'asia-pacific': 'Asia-Pacific',
  'north-america': 'North America',
}

/** Question regions are plain strings; anything unknown falls back to the whole world. */
export function asMapRegion(region: string): MapRegion {
  return Object.hasOwn(REGION_LABEL, region) ? (region as MapRegion) : 'world'
}

/** How a country or marker is drawn; the colours come from CSS custom properties. */
export type MapHighlight = 'answer' | 'chosen' | 'wrong' | 'marker' | 'planned'

/** A labelled point on the map, in degrees (WGS84). */
export interface MapMarker {
  id: string
  lon: number
  lat: number
  label: string
}
