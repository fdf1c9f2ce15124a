// The map's countries, projected when the app is built instead of on the device. Projecting
// 177 countries with d3-geo took a phone half a second of main-thread work each time a map
// first showed (the Deployment map's blocking time), and shipped d3-geo, topojson-client and the
// whole atlas to do it. `import { frames, onMap } from 'virtual:map-frames'` gives each region's
// frame as a lazy chunk of plain data (`virtual:map-frames/<region>`: SVG paths, centres, tap
// targets, the fitted projection's scale and offset) and the codes each map shows.
import { join } from 'node:path'
import { runnerImport, type Plugin } from 'vite'
import type { FrameData } from '../src/components/map/mapViews'

type GeometryModule = typeof import('../src/components/map/mapGeometry')
type ViewsModule = typeof import('../src/components/map/mapViews')

const ID = 'virtual:map-frames'
const RESOLVED = `\0${ID}`

/** Every region's frame and the codes its map shows, from the app's own geometry code. */
export async function buildMapFrames(
  root: string,
): Promise<{ frames: Record<string, FrameData>; onMap: Record<string, string[]> }> {
  // through Vite, as the app resolves it (`@/` paths, the atlas's JSON)
  const load = async <T>(file: string) =>
    (
      await runnerImport<T>(join(root, 'src/components/map', file), {
        configFile: false,
        logLevel: 'error',
        resolve: { alias: { '@': join(root, 'src') } },
      })
    ).module
  const [geometry, views] = await Promise.all([
    load<GeometryModule>('mapGeometry.ts'),
    load<ViewsModule>('mapViews.ts'),
  ])
  const frames: Record<string, FrameData> = {}
  const onMap: Record<string, string[]> = {}
  for (const region of views.REGIONS) {
    frames[region] = geometry.frameData(region)
    onMap[region] = [...geometry.countriesOnMap(region)].sort()
  }
  return { frames, onMap }
}

/** Serves `virtual:map-frames` and `virtual:map-frames/<region>`, built once per process. */
export function mapFrames(root: string): Plugin {
  let built: ReturnType<typeof buildMapFrames> | undefined
  const build = () => (built ??= buildMapFrames(root))
  return {
    name: 'intercept:map-frames',
    resolveId(id) {
      return id === ID || id.startsWith(`${ID}/`) ? `\0${id}` : undefined
    },
    async load(id) {
      if (!id.startsWith(RESOLVED)) return undefined
      const { frames, onMap } = await build()
      if (id === RESOLVED) {
        const loaders = Object.keys(frames).map(
          (region) =>
            `${JSON.stringify(region)}: () => import(${JSON.stringify(`${ID}/${region}`)})`,
        )
        return [
          `export const onMap = ${JSON.stringify(onMap)}`,
          `export const frames = { ${loaders.join(', ')} }`,
        ].join('\n')
      }
      const frame = frames[id.slice(RESOLVED.length + 1)]
      if (!frame) this.error(`no map region ${id.slice(RESOLVED.length + 1)}`)
      // JSON.parse of a string parses faster than the same data as a JavaScript literal
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(frame))})`
    },
  }
}
