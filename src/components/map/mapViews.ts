// What the map's two halves share: the projection of each region, the frame's size and the
// shapes' form. mapGeometry.ts projects the countries with d3-geo's projections when the app is
// built; on the device, `pointProjector` places markers with the same raw projections, without
// d3-geo's stream and clipping machinery (9 KB gzipped that would only serve markers).
import {
  geoConicConformalRaw,
  geoMercatorRaw,
  geoNaturalEarth1Raw,
  type GeoRawProjection,
} from 'd3-geo'
import type { MapRegion } from '@/core/deck'

/** Width of every map in SVG user units; the height follows the region's shape. */
export const MAP_WIDTH = 960

/**
 * Radius, in user units, of the invisible tap target added to a tiny country. At the narrowest
 * supported width (360 CSS px, a scale of 0.375) it is a 24 px target (WCAG 2.5.8).
 */
export const HIT_RADIUS = 32

export type Point = readonly [x: number, y: number]

export interface MapShape {
  /** Alpha-3 code, or null for the few shapes with no ISO code (Kosovo, Somaliland, N. Cyprus). */
  code: string | null
  name: string
  /** SVG path data, already clipped to the frame. */
  d: string
  /** Centre of the country's largest part, in user units. */
  centre: Point
  /** A larger circular tap target, only for countries too small to hit on a phone. */
  hit?: { x: number; y: number; r: number }
}

export interface MapFrame {
  width: number
  height: number
  /** The sea: the globe's outline for the world view, the whole frame for a region. */
  background: string
  shapes: readonly MapShape[]
  /** A point in degrees → user units, or null when it falls outside the frame. */
  project: (lon: number, lat: number) => Point | null
}

/** A frame as the build writes it: plain data, with the projection's fitted scale and offset. */
export interface FrameData extends Omit<MapFrame, 'project'> {
  scale: number
  translate: [number, number]
}

export type Bbox = readonly [west: number, south: number, east: number, north: number]

/** A region's view: a d3-geo projection by name, its parameters, and what it is fitted to. */
export interface View {
  projection: 'naturalEarth1' | 'mercator' | 'conicConformal'
  /** Degrees of longitude to turn the globe by (d3's `rotate([λ, 0])`). */
  rotate?: number
  /** The standard parallels of a conic projection, in degrees. */
  parallels?: readonly [number, number]
  /** Degrees to fit; the world view fits the whole sphere. */
  bbox?: Bbox
}

// Regions are zoomed well past the world view so small states (Kuwait, Qatar, Lebanon) are
// tappable. Conic projections keep Europe and North America from stretching northwards.
export const VIEWS: Readonly<Record<MapRegion, View>> = {
  world: { projection: 'naturalEarth1' },
  europe: {
    projection: 'conicConformal',
    rotate: -16,
    parallels: [40, 64],
    bbox: [-12, 34, 45, 71],
  },
  // west far enough for Libya (the NATO operation), east for Iran
  'middle-east': { projection: 'mercator', bbox: [9, 12, 63.5, 42.5] },
  'asia-pacific': { projection: 'mercator', bbox: [68, -46, 160, 55] },
  'north-america': {
    projection: 'conicConformal',
    rotate: 108,
    parallels: [25, 60],
    bbox: [-170, 13, -52, 72],
  },
}

/** Every region, in the order of `VIEWS`. */
export const REGIONS = Object.keys(VIEWS) as MapRegion[]

const RADIANS = Math.PI / 180

function rawProjection(view: View): GeoRawProjection {
  if (view.projection === 'naturalEarth1') return geoNaturalEarth1Raw
  if (view.projection === 'mercator') return geoMercatorRaw
  const [south, north] = view.parallels ?? [0, 0]
  return geoConicConformalRaw(south * RADIANS, north * RADIANS)
}

/**
 * Degrees → user units, as d3-geo's projection for `view` fitted to `scale` and `translate`
 * places a point: turn the globe, project, then scale about the projected centre (0°, 0°).
 */
export function pointProjector(
  view: View,
  scale: number,
  [x, y]: readonly [number, number],
): (lon: number, lat: number) => Point {
  const raw = rawProjection(view)
  const turn = ((view.rotate ?? 0) % 360) * RADIANS
  const [cx, cy] = raw(0, 0)
  return (lon, lat) => {
    let lambda = lon * RADIANS + turn
    if (Math.abs(lambda) > Math.PI) lambda -= Math.round(lambda / (2 * Math.PI)) * 2 * Math.PI
    const [px, py] = raw(lambda, lat * RADIANS)
    return [x - scale * cx + scale * px, y + scale * cy - scale * py]
  }
}

/** Degrees → user units for a projection fitted to a frame, or null outside the frame. */
export function frameProjector(
  projection: (lon: number, lat: number) => Point | null,
  width: number,
  height: number,
): MapFrame['project'] {
  return (lon, lat) => {
    const p = projection(lon, lat)
    return p && p[0] >= 0 && p[0] <= width && p[1] >= 0 && p[1] <= height ? p : null
  }
}
