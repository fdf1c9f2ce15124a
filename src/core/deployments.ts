// What the source article places where: the data behind the deployment map. Pure data.
// Only what the article says; the article was written about 2013, so 2014 and later are plans.
import type { MapRegion } from './deck'

/**
 * Where a deployment stood when the article was written (about 2013), in the article's own tense:
 * - `deployed`: fielded or built ("has deployed", "deployed", "built", "deploying")
 * - `procured`: bought by the host nation ("have procured")
 * - `planned`: announced for later ("will permanently station", "will deploy")
 * - `intended`: a purchase the host means to make ("intends to purchase")
 * - `under-way`: an operation running at the time ("has underway today")
 */
export type DeploymentStatus = 'deployed' | 'procured' | 'planned' | 'intended' | 'under-way'

/**
 * A year as the article phrases it: `in` 2011, `from` 2014 (a permanent basing that starts
 * then), `by` 2018 (a deadline, not a date).
 */
export interface DeploymentDate {
  year: number
  qualifier: 'in' | 'from' | 'by'
}

/** A named place inside the host country, for a map marker. Coordinates are degrees (WGS84). */
export interface DeploymentPlace {
  name: string
  lon: number
  lat: number
}

export interface Deployment {
  /** Stable kebab-case id. */
  id: string
  /** What is deployed, in our own short words. */
  label: string
  /** ISO 3166-1 alpha-3 of the host country (see `core/countries.ts`). */
  country: string
  /** ISO alpha-3 of the nations fielding it: the United States for its own sites abroad. */
  operators: readonly string[]
  /**
   * Only where the article names a place inside the country (Alaska, California, the Syrian
   * border). The point marks that place on a map; it is not the site of a base.
   */
  place?: DeploymentPlace
  /** Absent where the article gives no year. */
  when?: DeploymentDate
  status: DeploymentStatus
  /** The map region the article discusses it under (Turkey's deployments are transatlantic). */
  region: Exclude<MapRegion, 'world'>
  /** Other regional maps it also belongs on (a border between two regions). */
  alsoIn?: readonly Exclude<MapRegion, 'world'>[]
  /** Article paragraphs [1]..[16] that say so. */
  paragraphs: readonly number[]
}

const US = ['USA'] as const

/**
 * Every deployment the article places on the map, in the article's order. Written about 2013:
 * statuses and years are as of then.
 */
export const DEPLOYMENTS: readonly Deployment[] = [
  {
    id: 'gmd-alaska',
    label: 'Ground-Based Midcourse Defense (GMD) interceptors',
    country: 'USA',
    operators: US,
    place: { name: 'Alaska', lon: -150, lat: 64 },
    status: 'deployed',
    region: 'north-america',
    paragraphs: [4],
  },
  {
    id: 'gmd-california',
    label: 'Ground-Based Midcourse Defense (GMD) interceptors',
    country: 'USA',
    operators: US,
    place: { name: 'California', lon: -119.5, lat: 37 },
    status: 'deployed',
    region: 'north-america',
    paragraphs: [4],
  },
  {
    id: 'patriot-kuwait',
    label: 'Patriot missiles',
    country: 'KWT',
    operators: ['KWT'],
    status: 'procured',
    region: 'middle-east',
    paragraphs: [6],
  },
  {
    id: 'patriot-saudi-arabia',
    label: 'Patriot missiles',
    country: 'SAU',
    operators: ['SAU'],
    status: 'procured',
    region: 'middle-east',
    paragraphs: [6],
  },
  {
    id: 'patriot-uae',
    label: 'Patriot missiles',
    country: 'ARE',
    operators: ['ARE'],
    status: 'procured',
    region: 'middle-east',
    paragraphs: [6],
  },
  {
    id: 'thaad-uae',
    label: 'THAAD (Terminal High Altitude Area Defense)',
    country: 'ARE',
    operators: ['ARE'],
    status: 'intended',
    region: 'middle-east',
    paragraphs: [6],
  },
  {
    id: 'patriot-south-korea',
    label: 'Patriot systems with surveillance and command and control elements',
    country: 'KOR',
    operators: ['KOR'],
    status: 'procured',
    region: 'asia-pacific',
    paragraphs: [7],
  },
  {
    id: 'patriot-japan',
    label: 'Patriot batteries',
    country: 'JPN',
    operators: ['JPN'],
    status: 'deployed',
    region: 'asia-pacific',
    paragraphs: [7],
  },
  {
    id: 'aegis-sm3-japan',
    label: 'Aegis-equipped ships and SM-3 interceptors',
    country: 'JPN',
    operators: ['JPN'],
    status: 'deployed',
    region: 'asia-pacific',
    paragraphs: [7],
  },
  {
    id: 'tpy2-turkey',
    label: 'AN/TPY-2 radar',
    country: 'TUR',
    operators: US,
    when: { year: 2011, qualifier: 'in' },
    status: 'deployed',
    region: 'europe',
    paragraphs: [9],
  },
  {
    id: 'c2-germany',
    label: 'Missile defense command and control center',
    country: 'DEU',
    operators: US,
    when: { year: 2011, qualifier: 'in' },
    status: 'deployed',
    region: 'europe',
    paragraphs: [9],
  },
  {
    id: 'sm3-cruisers-spain',
    label: 'Navy cruisers with SM-3s, to be permanently based',
    country: 'ESP',
    operators: US,
    when: { year: 2014, qualifier: 'from' },
    status: 'planned',
    region: 'europe',
    paragraphs: [9],
  },
  {
    id: 'sm3-land-romania',
    label: 'Land-based SM-3 interceptors',
    country: 'ROU',
    operators: US,
    when: { year: 2015, qualifier: 'in' },
    status: 'planned',
    region: 'europe',
    paragraphs: [9],
  },
  {
    id: 'sm3-land-poland',
    label: 'Land-based SM-3 interceptors',
    country: 'POL',
    operators: US,
    when: { year: 2018, qualifier: 'by' },
    status: 'planned',
    region: 'europe',
    paragraphs: [9],
  },
  {
    id: 'patriot-turkey-border',
    label: 'Patriot batteries of the US, Germany and the Netherlands',
    country: 'TUR',
    operators: ['USA', 'DEU', 'NLD'],
    // near the Turkish side of the border east of the Euphrates: a marker, not a battery site
    place: { name: 'Syrian border', lon: 38, lat: 37 },
    status: 'under-way',
    region: 'europe',
    // NATO's deployment, on the border with Syria: on the Middle East map too
    alsoIn: ['middle-east'],
    paragraphs: [11],
  },
]

/** Status words for a legend or table. */
export const DEPLOYMENT_STATUS_LABEL: Readonly<Record<DeploymentStatus, string>> = {
  deployed: 'in place',
  procured: 'bought',
  planned: 'planned',
  intended: 'intended',
  'under-way': 'under way',
}

/** True for what already stood when the article was written; false for plans and intentions. */
export function isInPlace(deployment: Deployment): boolean {
  return deployment.status !== 'planned' && deployment.status !== 'intended'
}

/**
 * The deployments the article discusses under `region`; `world` keeps them all. Order is kept.
 * @example deploymentsIn('europe').map((d) => d.country) // ['TUR', 'DEU', 'ESP', 'ROU', 'POL', 'TUR']
 */
export function deploymentsIn(
  region: MapRegion,
  list: readonly Deployment[] = DEPLOYMENTS,
): Deployment[] {
  return list.filter(
    (d) => region === 'world' || d.region === region || (d.alsoIn?.includes(region) ?? false),
  )
}

/**
 * The year as the article words it: "2011", "from 2014", "by 2018"; '' when it gives none.
 * @example deploymentWhen({ ...d, when: { year: 2018, qualifier: 'by' } }) === 'by 2018'
 */
export function deploymentWhen(deployment: Deployment): string {
  const when = deployment.when
  if (!when) return ''
  return when.qualifier === 'in' ? String(when.year) : `${when.qualifier} ${when.year}`
}
