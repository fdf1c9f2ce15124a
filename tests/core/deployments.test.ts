import { geoContains } from 'd3-geo'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import { describe, expect, it } from 'vitest'
import atlas from 'world-atlas/countries-110m.json'
import { countryByCode, isCountryCode } from '@/core/countries'
import { DEPLOYMENTS, deploymentsIn, deploymentWhen } from '@/core/deployments'
import article from '../fixtures/missile-defense-article.txt?raw'

const paragraph = (n: number) => article.match(new RegExp(`^\\[${n}\\] (.*)$`, 'm'))?.[1] ?? ''

describe('DEPLOYMENTS', () => {
  it('gives every deployment a unique id, a short label and paragraphs within the article', () => {
    expect(new Set(DEPLOYMENTS.map((d) => d.id)).size).toBe(DEPLOYMENTS.length)
    for (const d of DEPLOYMENTS) {
      expect(d.label.length, d.id).toBeLessThanOrEqual(80)
      expect(d.paragraphs.length, d.id).toBeGreaterThan(0)
      for (const p of d.paragraphs) expect(p >= 1 && p <= 16, `${d.id} ¶${p}`).toBe(true)
    }
  })

  it('places every deployment in a country on the map, fielded by known countries', () => {
    for (const d of DEPLOYMENTS) {
      expect(isCountryCode(d.country), d.id).toBe(true)
      for (const o of d.operators) expect(isCountryCode(o), `${d.id} operator ${o}`).toBe(true)
    }
  })

  it('gives the years the article gives, worded as the article words them', () => {
    const years = Object.fromEntries(
      DEPLOYMENTS.filter((d) => d.when).map((d) => [d.id, deploymentWhen(d)]),
    )
    expect(years).toEqual({
      'tpy2-turkey': '2011',
      'c2-germany': '2011',
      'sm3-cruisers-spain': 'from 2014',
      'sm3-land-romania': '2015',
      'sm3-land-poland': 'by 2018',
    })
    for (const d of DEPLOYMENTS.filter((d) => d.when))
      expect(d.paragraphs.map(paragraph).join(' '), d.id).toContain(String(d.when?.year))
    for (const d of DEPLOYMENTS.filter((d) => d.when?.qualifier === 'by'))
      expect(d.paragraphs.map(paragraph).join(' '), d.id).toContain(`by ${d.when?.year}`)
  })

  it('names each host country in the paragraph it cites', () => {
    const inText: Record<string, string> = {
      USA: 'United States',
      ARE: 'United Arab Emirates',
      KOR: 'South Korea',
    }
    for (const d of DEPLOYMENTS) {
      const name = inText[d.country] ?? countryByCode(d.country)?.name ?? ''
      expect(d.paragraphs.map(paragraph).join(' '), d.id).toContain(name)
    }
    // "Syrian border" is the article's "Turkey’s Syrian border"
    for (const d of DEPLOYMENTS.filter((d) => d.place))
      expect(d.paragraphs.map(paragraph).join(' '), d.id).toContain(d.place?.name)
  })

  it('marks future deployments as planned: the article was written about 2013', () => {
    for (const d of DEPLOYMENTS.filter((d) => (d.when?.year ?? 0) > 2013))
      expect(d.status, d.id).toBe('planned')
  })

  it('puts every marker inside its host country', () => {
    const topology = atlas as unknown as Topology<{ countries: GeometryCollection }>
    const shapes = feature(topology, topology.objects.countries).features
    for (const { id, country, place } of DEPLOYMENTS.filter((d) => d.place)) {
      const shape = shapes.find((f) => f.id === countryByCode(country)?.numeric)
      expect(shape && place && geoContains(shape, [place.lon, place.lat]), id).toBe(true)
    }
  })
})

describe('deploymentsIn', () => {
  it('keeps every deployment for the world and only the region’s otherwise', () => {
    expect(deploymentsIn('world')).toHaveLength(DEPLOYMENTS.length)
    expect(deploymentsIn('europe').map((d) => d.country)).toEqual([
      'TUR',
      'DEU',
      'ESP',
      'ROU',
      'POL',
      'TUR',
    ])
    expect(deploymentsIn('middle-east').map((d) => d.id)).toEqual([
      'patriot-kuwait',
      'patriot-saudi-arabia',
      'patriot-uae',
      'thaad-uae',
      // filed under Europe by the article, but it stands on the border with Syria
      'patriot-turkey-border',
    ])
  })
})
