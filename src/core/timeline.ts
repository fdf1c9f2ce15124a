// The timeline: the dated events the decks' cards are about, each with the cards that ask about it.
// Pure: built from deck contents alone.
import { cardSummary } from './cardText'
import type { Card, Deck } from './deck'
import { factOf } from './items'

/** A card that asks about an event, as a link target. */
export interface TimelineCard {
  deckId: string
  cardId: string
  /** One line saying what the card asks (`cardSummary`). */
  text: string
}

/** One dated event and every card about it. */
export interface TimelineEvent {
  /** Stable within one set of decks, built from the years and label ("2018-2020-altbmd-fully-operational"). */
  id: string
  label: string
  year: number
  /** Last year of a span (2018–2020); absent for a single year. */
  endYear?: number
  /** Source paragraphs of all its cards, ascending, without repeats. */
  paragraphs: number[]
  /** In deck order, then card order; each card once. */
  cards: TimelineCard[]
}

interface Entry {
  deckId: string
  card: Card
  label: string
  year: number
  endYear: number | undefined
}

const normalLabel = (label: string) => label.trim().replace(/\s+/g, ' ').toLowerCase()
const span = (e: Entry) => `${e.year}:${e.endYear ?? ''}`

function slug(text: string): string {
  return normalLabel(text)
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** A year as text: 2018, or 500 BCE for a negative year. */
export function formatYear(year: number): string {
  return year < 0 ? `${-year} BCE` : String(year)
}

/**
 * The years of an event as shown on the timeline: "2011", or "2018–2020" (en dash) for a span.
 * A span whose end equals its start reads as the single year.
 */
export function eventYears(event: { year: number; endYear?: number }): string {
  const { year, endYear } = event
  return endYear === undefined || endYear === year
    ? formatYear(year)
    : `${formatYear(year)}–${formatYear(endYear)}`
}

/**
 * Collects the dated events of `decks` from their cards' `event` fields. Cards are merged into
 * one event when they share the same years and either the same label (ignoring case and spacing,
 * across decks) or the same fact (within a deck, even if their labels are worded differently).
 * An event takes the label of its first card. Each card appears once, even if a deck is passed
 * twice. Sorted by `year`, then `endYear` (a single year before a span that starts with it), then
 * label.
 * @example timelineEvents(decks).map(eventYears) // ['2010', '2011', '2011', '2014', …, '2018–2020']
 */
export function timelineEvents(decks: readonly Deck[]): TimelineEvent[] {
  const entries: Entry[] = []
  const seen = new Set<string>()
  for (const deck of decks) {
    for (const card of deck.cards) {
      if (!card.event) continue
      const key = `${deck.id}/${card.id}`
      if (seen.has(key)) continue
      seen.add(key)
      const { label, year, endYear } = card.event
      entries.push({
        deckId: deck.id,
        card,
        label: label.trim(),
        year,
        endYear: endYear === year ? undefined : endYear,
      })
    }
  }

  // Union-find over the entries: one card can tie a label group to a fact group.
  const parent = entries.map((_, i) => i)
  const find = (i: number): number => {
    let root = i
    while (parent[root] !== root) root = parent[root]!
    return root
  }
  const firstWith = new Map<string, number>()
  entries.forEach((e, i) => {
    for (const key of [
      `label|${span(e)}|${normalLabel(e.label)}`,
      `fact|${span(e)}|${e.deckId}/${factOf(e.card)}`,
    ]) {
      const other = firstWith.get(key)
      if (other === undefined) firstWith.set(key, i)
      else {
        const [a, b] = [find(other), find(i)]
        // the earlier entry stays the root, so the event keeps its first card's label
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b)
      }
    }
  })

  const groups = new Map<number, Entry[]>()
  entries.forEach((e, i) => {
    const root = find(i)
    const group = groups.get(root)
    if (group) group.push(e)
    else groups.set(root, [e])
  })

  const events = [...groups.values()].map((group): Omit<TimelineEvent, 'id'> => {
    const first = group[0]!
    const paragraphs = [...new Set(group.flatMap((e) => e.card.paragraphs))].sort((a, b) => a - b)
    return {
      label: first.label,
      year: first.year,
      ...(first.endYear === undefined ? {} : { endYear: first.endYear }),
      paragraphs,
      cards: group.map((e) => ({ deckId: e.deckId, cardId: e.card.id, text: cardSummary(e.card) })),
    }
  })

  events.sort(
    (a, b) =>
      a.year - b.year ||
      (a.endYear ?? a.year) - (b.endYear ?? b.year) ||
      a.label.localeCompare(b.label, 'en'),
  )

  const ids = new Set<string>()
  return events.map((event) => {
    const base = `${event.year}${event.endYear === undefined ? '' : `-${event.endYear}`}-${slug(event.label)}`
    let id = base
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`
    ids.add(id)
    return { id, ...event }
  })
}
