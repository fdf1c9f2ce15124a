// The heavy half of the map: d3-geo, topojson-client and Natural Earth 1:110m countries
// (world-atlas). Import it only as `import('./mapData')` so all three land in one lazy chunk that
// the first load never fetches; WorldMap.vue does.
import {
  geoConicConformal,
  geoMercator,
  geoNaturalEarth1,
  geoPath,
  type GeoPath,
  type GeoProjection,
} from 'd3-geo'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import atlas from 'world-atlas/countries-110m.json'
import { countries } from '@/core/countries'
import type { MapRegion } from '@/core/deck'

/** Width of every map in SVG user units; the height follows the region's shape. */
export const MAP_WIDTH = 960

/**
 * Radius, in user units, of the invisible tap target added to a tiny country. At the narrowest
 * supported width (360 CSS px, a scale of 0.375) it is a 24 px target (WCAG 2.5.8).
 */
export const HIT_RADIUS = 32

type Point = readonly [x: number, y: number]

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

type Bbox = readonly [west: number, south: number, east: number, north: number]
interface View {
  projection: () => GeoProjection
  /** Degrees to fit; the world view fits the whole sphere. */
  bbox?: Bbox
}

// Regions are zoomed well past the world view so small states (Kuwait, Qatar, Lebanon) are
// tappable. Conic projections keep Europe and North America from stretching northwards.
const VIEWS: Readonly<Record<MapRegion, View>> = {
  world: { projection: () => geoNaturalEarth1() },
  europe: {
    projection: () => geoConicConformal().rotate([-16, 0]).parallels([40, 64]),
    bbox: [-12, 34, 45, 71],
  },
  // west far enough for Libya (the NATO operation), east for Iran
  'middle-east': { projection: () => geoMercator(), bbox: [9, 12, 63.5, 42.5] },
  'asia-pacific': { projection: () => geoMercator(), bbox: [68, -46, 160, 55] },
  'north-america': {
    projection: () => geoConicConformal().rotate([108, 0]).parallels([25, 60]),
    bbox: [-170, 13, -52, 72],
  },
}

// Points along the box's edges: a conic bends parallels, so the corners alone under-fit.
function edgePoints([west, south, east, north]: Bbox): GeoJSON.MultiPoint {
  const coordinates: [number, number][] = []
  for (let i = 0; i <= 20; i++) {
    const lon = west + ((east - west) * i) / 20
    const lat = south + ((north - south) * i) / 20
    coordinates.push([lon, south], [lon, north], [west, lat], [east, lat])
  }
  return { type: 'MultiPoint', coordinates }
}

// Building a frame projects every country: a long task on a slow phone. It is written as steps
// (a generator) so that `loadMapFrame` can hand the main thread back between them, while
// `mapFrame` runs them straight through.
const STEP_COUNTRIES = 8

type CountryProps = { name: string }
let features: GeoJSON.Feature<GeoJSON.Geometry, CountryProps>[] | undefined

/** The countries as GeoJSON, converted from TopoJSON a few at a time on first use. */
function* countryFeatures(): Generator<void, GeoJSON.Feature<GeoJSON.Geometry, CountryProps>[]> {
  if (features) return features
  // world-atlas ships plain JSON; this is its documented TopoJSON shape
  const topology = atlas as unknown as Topology<{ countries: GeometryCollection<CountryProps> }>
  const out: GeoJSON.Feature<GeoJSON.Geometry, CountryProps>[] = []
  for (const [i, geometry] of topology.objects.countries.geometries.entries()) {
    if (i % STEP_COUNTRIES === STEP_COUNTRIES - 1) yield
    // a country is a (multi)polygon, never a collection: one feature each
    out.push(feature(topology, geometry) as GeoJSON.Feature<GeoJSON.Geometry, CountryProps>)
  }
  return (features = out)
}

function largestPart(path: GeoPath, geometry: GeoJSON.Geometry): GeoJSON.Geometry {
  if (geometry.type !== 'MultiPolygon') return geometry
  let best: GeoJSON.Polygon = { type: 'Polygon', coordinates: geometry.coordinates[0] ?? [] }
  let bestArea = -1
  for (const coordinates of geometry.coordinates) {
    const part: GeoJSON.Polygon = { type: 'Polygon', coordinates }
    const area = path.area(part)
    if (area > bestArea) [best, bestArea] = [part, area]
  }
  return best
}

function* buildFrame(region: MapRegion): Generator<void, MapFrame> {
  const view = VIEWS[region]
  const projection = view.projection()
  const fitted: GeoJSON.MultiPoint | { type: 'Sphere' } = view.bbox
    ? edgePoints(view.bbox)
    : { type: 'Sphere' }
  projection.fitWidth(MAP_WIDTH, fitted)
  const width = MAP_WIDTH
  const height = Math.ceil(geoPath(projection).bounds(fitted)[1][1])
  // Sizes come from the unclipped projection: a big country cut by the frame's edge is not tiny.
  const all = yield* countryFeatures()
  const fullArea = new Map<GeoJSON.Feature, number>()
  for (const [i, f] of all.entries()) {
    if (i % STEP_COUNTRIES === STEP_COUNTRIES - 1) yield
    fullArea.set(f, geoPath(projection).area(f))
  }
  if (view.bbox)
    projection.clipExtent([
      [0, 0],
      [width, height],
    ])
  const path = geoPath(projection).digits(1)
  const background = view.bbox ? `M0,0H${width}V${height}H0Z` : (path({ type: 'Sphere' }) ?? '')

  const byNumeric = new Map(countries().map((c) => [c.numeric, c]))
  const drawn: (MapShape & { area: number })[] = []
  let done = 0
  for (const f of all) {
    if (++done % STEP_COUNTRIES === 0) yield
    const d = path(f)
    if (!d) continue // wholly outside the frame
    const country = f.id === undefined ? undefined : byNumeric.get(String(f.id))
    const centre = path.centroid(largestPart(path, f.geometry))
    if (!Number.isFinite(centre[0]) || !Number.isFinite(centre[1])) continue
    const name = country?.name ?? f.properties.name
    drawn.push({ code: country?.code ?? null, name, d, centre, area: fullArea.get(f) ?? 0 })
  }

  const inside = ([x, y]: Point) => x >= 0 && x <= width && y >= 0 && y <= height
  const shapes = drawn.map(({ area, ...shape }, i): MapShape => {
    const size = Math.sqrt(area)
    if (!shape.code || size >= 2 * HIT_RADIUS || !inside(shape.centre)) return shape
    // Never reach past half-way to another country's centre, so neighbouring targets never
    // overlap and a tap near a neighbour's middle still selects the neighbour.
    let nearest = Infinity
    for (const [j, other] of drawn.entries())
      if (j !== i && other.code)
        nearest = Math.min(
          nearest,
          Math.hypot(other.centre[0] - shape.centre[0], other.centre[1] - shape.centre[1]),
        )
    const r = Math.min(HIT_RADIUS, nearest / 2)
    if (r <= size / 2 || r < 6) return shape // the country itself is as big a target
    return { ...shape, hit: { x: shape.centre[0], y: shape.centre[1], r } }
  })

  return {
    width,
    height,
    background,
    shapes,
    project(lon, lat) {
      const p = projection([lon, lat])
      return p && inside(p) ? p : null
    },
  }
}

const frames = new Map<MapRegion, MapFrame>()

/**
 * The countries of `region` projected into an SVG frame `MAP_WIDTH` units wide. Built once per
 * region and remembered: the path strings are the expensive part.
 */
export function mapFrame(region: MapRegion): MapFrame {
  let frame = frames.get(region)
  if (!frame) {
    const steps = buildFrame(region)
    let step = steps.next()
    while (!step.done) step = steps.next()
    frames.set(region, (frame = step.value))
  }
  return frame
}

/**
 * `mapFrame`, built a few countries at a time with the main thread handed back in between, so a
 * phone stays responsive while a map first appears. Frames are remembered as by `mapFrame`.
 */
export async function loadMapFrame(region: MapRegion): Promise<MapFrame> {
  const known = frames.get(region)
  if (known) return known
  const steps = buildFrame(region)
  let step = steps.next()
  while (!step.done) {
    await new Promise((resolve) => setTimeout(resolve, 0))
    step = steps.next()
  }
  // another caller may have finished the same region meanwhile: keep one frame per region
  const frame = frames.get(region) ?? step.value
  frames.set(region, frame)
  return frame
}

/**
 * The alpha-3 codes a learner can tap on the `region` map: countries whose main part lies inside
 * the frame (a sliver at the edge does not count). Deck checks use it so that a map card never
 * asks for a country its map does not show.
 * @example countriesOnMap('europe').has('POL') // true
 */
export function countriesOnMap(region: MapRegion): ReadonlySet<string> {
  const frame = mapFrame(region)
  const inside = ([x, y]: Point) => x >= 0 && x <= frame.width && y >= 0 && y <= frame.height
  return new Set(
    frame.shapes.flatMap((s) => (s.code && (s.hit || inside(s.centre)) ? [s.code] : [])),
  )
}

/** The answers of a map card that its region's map does not show (empty when all are shown). */
export function answersOffMap(card: { answers: readonly string[]; region: MapRegion }): string[] {
  const shown = countriesOnMap(card.region)
  return card.answers.filter((code) => !shown.has(code))
}
