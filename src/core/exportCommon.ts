// What the exporters (deck and quiz; GIFT, QTI) share: an ordering asked as matching, and the
// names a map question's country is typed by.
import { countryByCode } from './countries'
import { createRng, shuffle } from './random'

/** A place as a matching answer (1st, 2nd, 3rd, 4th, 11th…), for an ordering asked as matching. */
export function place(n: number): string {
  const tens = n % 100
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['st', 'nd', 'rd'][(n % 10) - 1] ?? 'th')
  return `${n}${suffix}`
}

/** How an ordering is written where a format has matching but no ordering. */
export const ORDERING_AS_MATCHING =
  'written as matching: each item is matched to its place (1st, 2nd, …)'

/**
 * A typed question's text as an LMS shows it: the prompt, then what to type when the prompt alone
 * does not say (a flashcard's front asked for its back).
 */
export function typedPrompt(q: { prompt: string; hint?: string }): string {
  return q.hint ? `${q.prompt}\n${q.hint}` : q.prompt
}

/**
 * What an LMS does not forgive in a typed answer that the app does, said once in a report that
 * writes short answers (`count` of them) in `lms`.
 */
export function typedGradingNote(count: number, lms: 'Canvas' | 'Moodle'): string | undefined {
  if (!count) return undefined
  return `${lms} grades typed answers letter for letter (case aside); Intercept also forgives one typo, accents, punctuation and a leading “the”`
}

/** How a map question is written where a format has no map. */
export const MAP_AS_SHORT_ANSWER =
  'written as short answer: the country is typed by name, not found on a map'

/**
 * An ordering as matching pairs: each item, in the order `shown`, matched to its place in
 * `right` (the right order), and the places on offer. Listing the items in the right order would
 * give the answer away (an LMS may keep the order written), so they keep the order shown.
 */
export function orderingAsMatching(
  shown: readonly string[],
  right: readonly string[],
): { pairs: { left: string; right: string }[]; places: string[] } {
  return {
    pairs: shown.map((text) => ({ left: text, right: place(right.indexOf(text) + 1) })),
    places: right.map((_t, i) => place(i + 1)),
  }
}

/**
 * The order a deck's ordering card shows its items in, when exported: shuffled by the card's id
 * (the same on every export), never the right order itself.
 */
export function scrambled(id: string, items: readonly string[]): string[] {
  const out = shuffle(items, createRng(`export\u0000${id}`))
  // a shuffle can land on the right order: turn it by one instead
  return out.every((t, i) => t === items[i]) ? [...items.slice(1), items[0]!] : out
}

/**
 * A map prompt for a question answered by typing the country's name: "Tap the country that…"
 * becomes "Name the country that…", or with `verb` "Choose the country that…" for a choice of
 * names (every map prompt tells the learner to tap).
 * @example typedMapPrompt('Tap the country that hosts the radar.') // 'Name the country that hosts the radar.'
 */
export function typedMapPrompt(prompt: string, verb: 'Name' | 'Choose' = 'Name'): string {
  return prompt
    .replace(/(^|[.!?]\s+)Tap\b/g, `$1${verb}`)
    .replace(/\btap (it|that|the|a|an)\b/g, `${verb.toLowerCase()} $1`)
}

/** The names a map question's countries are typed by (every alias counts). */
export function countryAnswers(codes: readonly string[]): string[] {
  return codes.flatMap((code) => {
    const country = countryByCode(code)
    return country ? [country.name, ...country.aliases] : [code]
  })
}
