// Finding a country by what the learner types: the map's keyboard and screen-reader route.
import { countries, type Country } from '@/core/countries'
import { normalizeAnswer } from '@/core/normalize'

export interface CountryMatch {
  code: string
  name: string
  /** The alias that matched when the name did not ("UAE" for United Arab Emirates). */
  alias?: string
}

const words = (text: string) =>
  text
    .split(/[\s\-–'’.,()]+/)
    .map(normalizeAnswer)
    .filter(Boolean)

// 0: the text starts with the query, 2: a later word does, 3: it occurs inside
function rank(text: string, query: string): number {
  const key = normalizeAnswer(text)
  if (key.startsWith(query)) return 0
  if (words(text).some((w) => w.startsWith(query))) return 2
  return key.includes(query) ? 3 : Infinity
}

/**
 * Countries whose name or an alias matches `query` (case, accents, punctuation and spacing
 * ignored), best first: names that start with it, then aliases that do, then word starts, then
 * anywhere.
 * An empty query lists every country by name.
 * @example searchCountries('rom')[0]?.code === 'ROU'
 */
export function searchCountries(
  query: string,
  list: readonly Country[] = countries(),
): CountryMatch[] {
  const q = normalizeAnswer(query)
  const byName = [...list].sort((a, b) => a.name.localeCompare(b.name))
  if (!q) return byName.map(({ code, name }) => ({ code, name }))
  const scored: { match: CountryMatch; score: number }[] = []
  for (const { code, name, aliases } of byName) {
    let score = rank(name, q)
    let alias: string | undefined
    for (const a of aliases) {
      const r = rank(a, q) + 0.5 // a name beats an alias matching as well
      if (r < score) [score, alias] = [r, a]
    }
    if (score !== Infinity)
      scored.push({ match: alias ? { code, name, alias } : { code, name }, score })
  }
  // Array.prototype.sort is stable: equal scores stay in name order
  return scored.sort((a, b) => a.score - b.score).map((s) => s.match)
}
