// The heavy half of the map: d3-geo, topojson-client and Natural Earth 1:110m countries
// (world-atlas), projected into each region's frame. This runs when the app is built
// (scripts/vite-map-frames.ts writes every frame as data for mapData.ts) and in Node for
// `npm run decks -- check`; the device never loads it.
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
import {
  frameProjector,
  HIT_RADIUS,
  MAP_WIDTH,
  VIEWS,
  type Bbox,
  type FrameData,
  type MapFrame,
  type MapShape,
  type Point,
  type View,
} from './mapViews'

/** d3-geo's projection for a view, before fitting. */
function projectionOf(view: View): GeoProjection {
  const projection =
    view.projection === 'naturalEarth1'
      ? geoNaturalEarth1()
      : view.projection === 'mercator'
        ? geoMercator()
        : geoConicConformal().parallels([...(view.parallels ?? [0, 0])])
  return view.rotate === undefined ? projection : projection.rotate([view.rotate, 0])
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

type CountryProps = { name: string }
let features: GeoJSON.Feature<GeoJSON.Geometry, CountryProps>[] | undefined

/** The countries as GeoJSON, converted from TopoJSON once. */
function countryFeatures(): GeoJSON.Feature<GeoJSON.Geometry, CountryProps>[] {
  // world-atlas ships plain JSON; this is its documented TopoJSON shape
  const topology = atlas as unknown as Topology<{ countries: GeometryCollection<CountryProps> }>
  // a country is a (multi)polygon, never a collection: one feature each
  features ??= topology.objects.countries.geometries.map(
    (geometry) => feature(topology, geometry) as GeoJSON.Feature<GeoJSON.Geometry, CountryProps>,
  )
  return features
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

function buildFrame(region: MapRegion): FrameData & Pick<MapFrame, 'project'> {
  const view = VIEWS[region]
  const projection = projectionOf(view)
  const fitted: GeoJSON.MultiPoint | { type: 'Sphere' } = view.bbox
    ? edgePoints(view.bbox)
    : { type: 'Sphere' }
  projection.fitWidth(MAP_WIDTH, fitted)
  const width = MAP_WIDTH
  const height = Math.ceil(geoPath(projection).bounds(fitted)[1][1])
  // Sizes come from the unclipped projection: a big country cut by the frame's edge is not tiny.
  const all = countryFeatures()
  const fullArea = new Map<GeoJSON.Feature, number>()
  for (const f of all) fullArea.set(f, geoPath(projection).area(f))
  if (view.bbox)
    projection.clipExtent([
      [0, 0],
      [width, height],
    ])
  const path = geoPath(projection).digits(1)
  const background = view.bbox ? `M0,0H${width}V${height}H0Z` : (path({ type: 'Sphere' }) ?? '')

  const byNumeric = new Map(countries().map((c) => [c.numeric, c]))
  const drawn: (MapShape & { area: number })[] = []
  for (const f of all) {
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
    scale: projection.scale(),
    translate: projection.translate(),
    project: frameProjector((lon, lat) => projection([lon, lat]), width, height),
  }
}

const frames = new Map<MapRegion, ReturnType<typeof buildFrame>>()

/**
 * The countries of `region` projected into an SVG frame `MAP_WIDTH` units wide. Built once per
 * region and remembered: the path strings are the expensive part.
 */
export function mapFrame(region: MapRegion): MapFrame {
  return frameOf(region)
}

function frameOf(region: MapRegion): ReturnType<typeof buildFrame> {
  let frame = frames.get(region)
  if (!frame) frames.set(region, (frame = buildFrame(region)))
  return frame
}

/**
 * SVG path data from d3-geo (absolute `M`, `L` and `Z` commands) written relative, each
 * coordinate rounded to `digits` decimals first: the same outline in about half the bytes, and
 * better compressed (short, repetitive offsets). Relative moves start from the point reached, so
 * rounding does not drift.
 * @example compactPath('M10,10L12.5,10L12.5,8Z') // 'm10,10 2.5,0 0-2z'
 */
export function compactPath(d: string, digits = 1): string {
  if (/[^MLZ\d.,-]/.test(d)) throw new Error(`not a polygon outline: ${d.slice(0, 40)}`)
  const unit = 10 ** digits
  const text = (n: number) => String(n / unit)
  let out = ''
  let at: [number, number] = [0, 0]
  // after Z the pen is back at the start of the outline it closed
  let start: [number, number] = [0, 0]
  let previous = ''
  for (const [, command, args] of d.matchAll(/([MLZ])([^MLZ]*)/g)) {
    if (command === 'Z') {
      out += 'z'
      previous = 'z'
      at = start
      continue
    }
    const [x, y] = args!.split(',').map((v) => Math.round(Number(v) * unit)) as [number, number]
    const [dx, dy] = [x - at[0], y - at[1]]
    // a point rounded onto the one before adds nothing
    if (command === 'L' && dx === 0 && dy === 0) continue
    const pair = `${text(dx)}${dy < 0 ? '' : ','}${text(dy)}`
    if (command === 'M') out += `m${pair}`
    // after a move or a line, further pairs are lines: a minus sign separates them by itself
    else if (previous === 'm' || previous === 'l') out += `${dx < 0 ? '' : ' '}${pair}`
    else out += `l${pair}`
    previous = command === 'M' ? 'm' : 'l'
    at = [x, y]
    if (command === 'M') start = at
  }
  return out
}

/** A region's frame as the build writes it for the device: compact paths, no functions. */
export function frameData(region: MapRegion): FrameData {
  const { project: _project, ...frame } = frameOf(region)
  return {
    ...frame,
    // a region's sea is the frame's rectangle, already short; the world's is the globe's outline
    background: VIEWS[region].bbox ? frame.background : compactPath(frame.background),
    shapes: frame.shapes.map((shape) => ({ ...shape, d: compactPath(shape.d) })),
  }
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
