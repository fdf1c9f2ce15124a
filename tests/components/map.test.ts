import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { countryByCode } from '@/core/countries'
import { DEPLOYMENTS, deploymentWhen } from '@/core/deployments'
import type { Question } from '@/core/questions'
import AnswerMap from '@/components/map/AnswerMap.vue'
import DeploymentMap from '@/components/map/DeploymentMap.vue'
import WorldMap from '@/components/map/WorldMap.vue'

type MapQuestion = Extract<Question, { form: 'map' }>

const romania: MapQuestion = {
  deckId: 'bmd-europe-and-nato',
  cardId: 'eu-romania-map',
  paragraphs: [9],
  form: 'map',
  prompt: 'Tap the country where the U.S. plans to deploy land-based SM-3s in 2015.',
  answers: ['ROU'],
  region: 'europe',
}

let wrapper: VueWrapper | undefined
afterEach(() => wrapper?.unmount())

// The geometry chunk loads through a dynamic import: wait until the countries are drawn.
async function drawn(w: VueWrapper, code = 'ROU') {
  await vi.waitFor(() => expect(w.find(`path[data-code="${code}"]`).exists()).toBe(true), {
    timeout: 10_000,
  })
  return w
}

function mountAnswer(props: Partial<InstanceType<typeof AnswerMap>['$props']> = {}) {
  wrapper = mount(AnswerMap, { props: { question: romania, ...props }, attachTo: document.body })
  return drawn(wrapper)
}

describe('AnswerMap', () => {
  it('zooms in around the country tapped, for small countries on a phone, and back out', async () => {
    const w = await mountAnswer()
    const viewBox = () => w.get('svg').attributes('viewBox')!.split(' ').map(Number)
    const [, , fullWidth] = viewBox()
    await w.get('path[data-code="MDA"]').trigger('click')
    const zoom = w.get('[data-testid="map-zoom"]')
    expect(zoom.text()).toBe('Zoom in around Moldova')
    await zoom.trigger('click')
    const [x, y, width, height] = viewBox()
    expect(width).toBeCloseTo(fullWidth! / 3)
    expect(x).toBeGreaterThan(0)
    expect(y).toBeGreaterThanOrEqual(0)
    expect(height).toBeGreaterThan(0)
    // still a tap target, still answers
    await w.get('path[data-code="ROU"]').trigger('click')
    expect(w.get('[data-testid="map-status"]').text()).toBe('Selected: Romania')
    await w.get('[data-testid="map-zoom"]').trigger('click')
    expect(viewBox()[2]).toBe(fullWidth)
    // answered: the whole map shows again for the verdict
    await w.get('[data-testid="map-zoom"]').trigger('click')
    await w.setProps({ reveal: true })
    expect(viewBox()[2]).toBe(fullWidth)
    expect(w.find('[data-testid="map-zoom"]').exists()).toBe(false)
  })

  it('answers with the country tapped on the map once Submit is pressed', async () => {
    const w = await mountAnswer()
    await w.get('path[data-code="POL"]').trigger('click')
    expect(w.emitted('answer')).toBeUndefined()
    expect(w.get('[data-testid="map-status"]').text()).toBe('Selected: Poland')
    expect(w.get('path[data-code="POL"]').attributes('data-highlight')).toBe('chosen')
    await w.get('button[type="submit"]').trigger('click')
    expect(w.emitted('answer')).toEqual([[{ form: 'map', code: 'POL' }]])
  })

  it('lets a mis-tap be corrected before answering, and a second tap on the choice answers', async () => {
    const w = await mountAnswer()
    await w.get('path[data-code="BGR"]').trigger('click')
    await w.get('path[data-code="ROU"]').trigger('click')
    expect(w.get('path[data-code="BGR"]').attributes('data-highlight')).toBeUndefined()
    expect(w.emitted('answer')).toBeUndefined()
    await w.get('path[data-code="ROU"]').trigger('click')
    expect(w.emitted('answer')).toEqual([[{ form: 'map', code: 'ROU' }]])
    // Submit after the double tap does not answer twice
    await w.get('button[type="submit"]').trigger('click')
    expect(w.emitted('answer')).toHaveLength(1)
  })

  it('answers with the country chosen from the searchable list by keyboard', async () => {
    const w = await mountAnswer()
    const input = w.get<HTMLInputElement>('input[role="combobox"]')
    await input.setValue('rom')
    expect(input.attributes('aria-expanded')).toBe('true')
    await input.trigger('keydown', { key: 'ArrowDown' })
    const first = w.get('[role="option"]')
    expect(first.text()).toBe('Romania')
    expect(input.attributes('aria-activedescendant')).toBe(first.attributes('id'))
    expect(first.attributes('aria-selected')).toBe('true')
    await input.trigger('keydown', { key: 'Enter' })
    expect(input.element.value).toBe('Romania')
    expect(input.attributes('aria-expanded')).toBe('false')
    expect(w.get('path[data-code="ROU"]').attributes('data-highlight')).toBe('chosen')
    await w.get('button[type="submit"]').trigger('click')
    expect(w.emitted('answer')).toEqual([[{ form: 'map', code: 'ROU' }]])
  })

  it('submits from the list with Enter once a country is chosen', async () => {
    const w = await mountAnswer()
    const input = w.get('input[role="combobox"]')
    await input.setValue('uae') // an alias finds the country
    expect(w.get('[role="option"]').text()).toContain('United Arab Emirates')
    await input.trigger('keydown', { key: 'Enter' }) // the only match is chosen
    await input.trigger('keydown', { key: 'Enter' })
    expect(w.emitted('answer')).toEqual([[{ form: 'map', code: 'ARE' }]])
  })

  it('shows the right country and the wrong choice when revealed, and takes no answers', async () => {
    const w = await mountAnswer({ reveal: true, chosen: 'POL' })
    expect(w.get('path[data-code="ROU"]').attributes('data-highlight')).toBe('answer')
    expect(w.get('path[data-code="POL"]').attributes('data-highlight')).toBe('wrong')
    expect(w.get('[data-testid="map-status"]').text()).toBe('Answer: Romania. You chose Poland.')
    expect(w.get('svg').attributes('role')).toBe('img')
    await w.get('path[data-code="ROU"]').trigger('click')
    expect(w.get<HTMLButtonElement>('button[type="submit"]').element.disabled).toBe(true)
    expect(w.get<HTMLInputElement>('input[role="combobox"]').element.disabled).toBe(true)
    expect(w.emitted('answer')).toBeUndefined()
  })

  it('takes no answers while disabled', async () => {
    const w = await mountAnswer({ disabled: true })
    await w.get('path[data-code="ROU"]').trigger('click')
    await w.get('path[data-code="ROU"]').trigger('click')
    expect(w.emitted('answer')).toBeUndefined()
  })
})

describe('loadMapFrame', () => {
  /** The absolute points of SVG path data with m, l (implicit after m), z: one list per outline. */
  function outlines(d: string): [number, number][][] {
    const out: [number, number][][] = []
    let at: [number, number] = [0, 0]
    let start = at
    for (const [, command, args] of d.matchAll(/([MLZmlz])([^MLZmlz]*)/g)) {
      if (command === 'z' || command === 'Z') {
        at = start
        continue
      }
      const numbers = args!.match(/-?[\d.]+/g)!.map(Number)
      for (let i = 0; i < numbers.length; i += 2) {
        const relative = command === 'm' || command === 'l'
        const point: [number, number] = relative
          ? [at[0] + numbers[i]!, at[1] + numbers[i + 1]!]
          : [numbers[i]!, numbers[i + 1]!]
        if (i === 0 && (command === 'm' || command === 'M')) out.push([])
        at = point
        if (i === 0 && (command === 'm' || command === 'M')) start = point
        const ring = out.at(-1)!
        const last = ring.at(-1)
        // rounding may land two points on one: the compact form keeps it once
        if (!last || Math.abs(last[0] - point[0]) > 0.01 || Math.abs(last[1] - point[1]) > 0.01)
          ring.push(point)
      }
    }
    return out
  }
  const rounded = (rings: [number, number][][]) =>
    rings.map((ring) => ring.map(([x, y]) => [Math.round(x * 10) + 0, Math.round(y * 10) + 0]))

  it('loads the frames projected at build time: the same countries, outlines and points', async () => {
    const { loadMapFrame } = await import('@/components/map/mapData')
    const { mapFrame } = await import('@/components/map/mapGeometry')
    for (const region of [
      'world',
      'europe',
      'middle-east',
      'asia-pacific',
      'north-america',
    ] as const) {
      const loaded = await loadMapFrame(region)
      const built = mapFrame(region)
      expect(loaded.width).toBe(built.width)
      expect(loaded.height).toBe(built.height)
      expect(loaded.shapes.map(({ d: _d, ...rest }) => rest)).toEqual(
        built.shapes.map(({ d: _d, ...rest }) => rest),
      )
      for (const [i, shape] of loaded.shapes.entries())
        expect(rounded(outlines(shape.d))).toEqual(rounded(outlines(built.shapes[i]!.d)))
      expect(rounded(outlines(loaded.background))).toEqual(rounded(outlines(built.background)))
      // markers are placed on the device, by the same projection
      for (const [lon, lat] of [
        [-150, 64],
        [26, 44],
        [51.5, 25.3],
        [139.7, 35.7],
        [-100, 40],
        [0, -80],
      ] as const)
        expect(loaded.project(lon, lat)).toEqual(built.project(lon, lat))
    }
    expect(await loadMapFrame('asia-pacific')).toBe(await loadMapFrame('asia-pacific'))
    expect((await loadMapFrame('asia-pacific')).shapes.some((s) => s.code === 'JPN')).toBe(true)
  })

  it('names the right countries a map does not show, as the deck check does', async () => {
    const { answersOffMap } = await import('@/components/map/mapData')
    const built = await import('@/components/map/mapGeometry')
    const answers = ['JPN', 'POL', 'ROU', 'KWT', 'QAT', 'USA', 'CAN', 'ISR', 'TUR', 'AUS', 'KOR']
    for (const region of [
      'world',
      'europe',
      'middle-east',
      'asia-pacific',
      'north-america',
    ] as const)
      expect(answersOffMap({ answers, region })).toEqual(built.answersOffMap({ answers, region }))
    expect(answersOffMap({ answers: ['JPN', 'POL'], region: 'europe' })).toEqual(['JPN'])
  })
})

describe('compactPath', () => {
  it('writes d3-geo outlines relative and rounded, the same shape in fewer bytes', async () => {
    const { compactPath } = await import('@/components/map/mapGeometry')
    expect(compactPath('M10,10L12.5,10L12.5,8Z')).toBe('m10,10 2.5,0 0-2z')
    // a second outline starts from where the first one closed, not from its last point
    expect(compactPath('M0,0L5,0L5,5ZM20,20L21,20Z')).toBe('m0,0 5,0 0,5zm20,20 1,0z')
    // a point that rounds onto the one before is dropped
    expect(compactPath('M1,1L1.02,1.01L3,1Z')).toBe('m1,1 2,0z')
    expect(() => compactPath('M0,0H10V10Z')).toThrow(/not a polygon outline/)
  })
})

describe('WorldMap', () => {
  it('gives tiny Gulf states an enlarged tap target', async () => {
    wrapper = mount(WorldMap, { props: { region: 'middle-east', interactive: true } })
    const w = await drawn(wrapper, 'KWT')
    const hit = w.get('circle.world-map__hit[data-code="KWT"]')
    expect(Number(hit.attributes('r'))).toBeGreaterThan(20)
    await hit.trigger('click')
    expect(w.emitted('select')).toEqual([['KWT']])
  })

  // Regression: the enlarged circles were painted over the countries, so a tap on Saudi or UAE
  // land near Qatar or Kuwait counted as the tiny neighbour. SVG hit-tests in paint order.
  it('paints the enlarged tap targets under the countries, so real land wins a tap', async () => {
    wrapper = mount(WorldMap, { props: { region: 'middle-east', interactive: true } })
    const w = await drawn(wrapper, 'KWT')
    const layers = w.findAll('svg > g').map((g) => g.classes()[0])
    expect(layers.indexOf('world-map__hits')).toBeGreaterThanOrEqual(0)
    expect(layers.indexOf('world-map__hits')).toBeLessThan(layers.indexOf('world-map__countries'))
  })

  it('draws labelled markers and is a single labelled image when not interactive', async () => {
    wrapper = mount(WorldMap, {
      props: {
        region: 'north-america',
        markers: [{ id: 'ak', lon: -150, lat: 64, label: 'Alaska' }],
        label: 'GMD sites',
      },
    })
    const w = await drawn(wrapper, 'USA')
    expect(w.get('[data-marker="ak"]').text()).toBe('Alaska')
    expect(w.get('svg').attributes('role')).toBe('img')
    expect(w.get('svg > title').text()).toBe('GMD sites')
    await w.get('path[data-code="USA"]').trigger('click')
    expect(w.emitted('select')).toBeUndefined()
  })
})

describe('DeploymentMap', () => {
  it('lists every deployment with its place, year and paragraph', async () => {
    wrapper = mount(DeploymentMap)
    const w = await drawn(wrapper, 'USA')
    const rows = w.findAll('tbody tr')
    expect(rows).toHaveLength(DEPLOYMENTS.length)
    for (const d of DEPLOYMENTS) {
      const row = w.get(`tr[data-deployment="${d.id}"]`)
      expect(row.text()).toContain(d.label)
      expect(row.text()).toContain(countryByCode(d.country)?.name)
      expect(row.get('[data-testid="deployment-when"]').text()).toBe(
        deploymentWhen(d) || '—no year given',
      )
      expect(row.find('td:last-child').text()).toBe(d.paragraphs.join(', '))
    }
    expect(w.get('tr[data-deployment="sm3-land-poland"]').text()).toContain('by 2018')
    expect(w.get('path[data-code="POL"]').attributes('data-highlight')).toBe('planned')
    expect(w.get('path[data-code="TUR"]').attributes('data-highlight')).toBe('marker')
    expect(w.find('[data-marker="gmd-alaska"]').exists()).toBe(true)
  })

  it('says what the article places in a country tapped, and marks its rows', async () => {
    wrapper = mount(DeploymentMap)
    const w = await drawn(wrapper, 'ROU')
    await w.get('path[data-code="ROU"]').trigger('click')
    expect(w.get('[data-testid="deployment-picked"]').text()).toMatch(/^Romania: .*SM-3.*2015/)
    const marked = w
      .findAll('tr.deployment-map__row--picked')
      .map((r) => r.attributes('data-deployment'))
    expect(marked.length).toBeGreaterThan(0)
    for (const id of marked) expect(DEPLOYMENTS.find((d) => d.id === id)?.country).toBe('ROU')
    await w.get('path[data-code="FRA"]').trigger('click')
    expect(w.get('[data-testid="deployment-picked"]').text()).toBe(
      'France: nothing the article names on this map.',
    )
    expect(w.findAll('tr.deployment-map__row--picked')).toHaveLength(0)
  })

  it('filters the map and the list by region', async () => {
    wrapper = mount(DeploymentMap)
    const w = await drawn(wrapper, 'USA')
    await w.get('input[type="radio"][value="middle-east"]').setValue(true)
    await flushPromises()
    await drawn(w, 'KWT')
    expect(w.get('figure').attributes('data-region')).toBe('middle-east')
    expect(w.findAll('tbody tr').map((r) => r.attributes('data-deployment'))).toEqual([
      'patriot-kuwait',
      'patriot-saudi-arabia',
      'patriot-uae',
      'thaad-uae',
      'patriot-turkey-border',
    ])
    expect(w.get('path[data-code="ARE"]').attributes('data-highlight')).toBe('marker')
    expect(w.emitted('update:region')).toEqual([['middle-east']])
  })
})
