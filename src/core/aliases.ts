// Names that mean the same thing. A typed answer matching any name in a group counts as the group.
import { countries } from './countries'
import { normalizeAnswer } from './normalize'

const TERM_GROUPS: readonly (readonly string[])[] = [
  ['SM-3', 'Standard Missile-3', 'Standard Missile 3', 'SM-3 interceptor', 'SM-3 interceptors'],
  ['SM-3 Block IIA', 'Standard Missile-3 Block IIA'],
  ['THAAD', 'Terminal High Altitude Area Defense'],
  ['GMD', 'Ground-Based Midcourse Defense', 'Ground-based Midcourse Defense system'],
  ['GCC', 'Gulf Cooperation Council'],
  [
    'ALTBMD',
    'Active Layered Theatre Ballistic Missile Defense',
    'Active Layered Theatre Ballistic Missile Defence',
  ],
  ['EPAA', 'European Phased Adaptive Approach'],
  [
    'CENTCOM',
    'U.S. Central Command',
    'US Central Command',
    'United States Central Command',
    'Central Command',
  ],
  ['ICBM', 'ICBMs', 'intercontinental ballistic missile', 'intercontinental ballistic missiles'],
  ['NATO', 'North Atlantic Treaty Organization', 'the Alliance'],
  ['AN/TPY-2', 'AN/TPY-2 radar', 'TPY-2', 'TPY-2 radar'],
  [
    'Patriot',
    'Patriot missile',
    'Patriot missiles',
    'Patriot system',
    'Patriot systems',
    'Patriot battery',
    'Patriot batteries',
    'Patriots',
  ],
  ['Aegis', 'Aegis Combat System', 'Aegis ships'],
  ['RealClearDefense', 'Real Clear Defense'],
  [
    'Brent Scowcroft Center on International Security',
    'Scowcroft Center',
    'Brent Scowcroft Center',
  ],
]

let index: Map<string, readonly string[]> | undefined

function aliasIndex(): Map<string, readonly string[]> {
  if (index) return index
  index = new Map()
  const groups = [...TERM_GROUPS, ...countries().map((c) => [c.name, ...c.aliases])]
  for (const group of groups) for (const name of group) index.set(normalizeAnswer(name), group)
  return index
}

/**
 * The answer and every known name for the same thing
 * (`aliasesOf('UAE')` includes "United Arab Emirates"). Unknown names come back alone.
 */
export function aliasesOf(answer: string): readonly string[] {
  return aliasIndex().get(normalizeAnswer(answer)) ?? [answer]
}

/** Expands a list of accepted answers with their aliases, without repeats. */
export function withAliases(answers: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const answer of answers)
    for (const name of [answer, ...aliasesOf(answer)]) {
      const key = normalizeAnswer(name)
      if (!seen.has(key)) out.push(name)
      seen.add(key)
    }
  return out
}
