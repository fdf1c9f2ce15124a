// The map's data on the device: each region's countries, projected and written as SVG paths
// when the app is built (scripts/vite-map-frames.ts, from ./mapGeometry), one lazy chunk per
// region. The device only rebuilds the region's projection (raw d3-geo) to place markers. Import it
// as `import('./mapData')`: WorldMap.vue does, so the first load never fetches it.
import { frames, onMap } from 'virtual:map-frames'
import type { MapRegion } from '@/core/deck'
import { frameProjector, pointProjector, VIEWS, type FrameData, type MapFrame } from './mapViews'

export { HIT_RADIUS, MAP_WIDTH, type MapFrame, type MapShape } from './mapViews'

const loaded = new Map<MapRegion, Promise<MapFrame>>()

function frameFrom(region: MapRegion, { scale, translate, ...data }: FrameData): MapFrame {
  const projection = pointProjector(VIEWS[region], scale, translate)
  return { ...data, project: frameProjector(projection, data.width, data.height) }
}

/**
 * The countries of `region` in an SVG frame `MAP_WIDTH` units wide, loaded once per region and
 * remembered.
 */
export function loadMapFrame(region: MapRegion): Promise<MapFrame> {
  let frame = loaded.get(region)
  if (!frame) {
    frame = frames[region]().then(({ default: data }) => frameFrom(region, data))
    // a failed load (offline before the chunk was cached) is tried again next time
    frame.catch(() => loaded.delete(region))
    loaded.set(region, frame)
  }
  return frame
}

/**
 * The answers of a map card that its region's map does not show (empty when all are shown): a
 * learner can only tap countries whose main part lies inside the frame.
 * @example answersOffMap({ answers: ['JPN'], region: 'europe' }) // ['JPN']
 */
export function answersOffMap(card: { answers: readonly string[]; region: MapRegion }): string[] {
  const shown = new Set(onMap[card.region])
  return card.answers.filter((code) => !shown.has(code))
}
