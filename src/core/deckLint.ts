// Content rules a deck can break while its shape is valid: the mechanical kinds of the unfair
// cards a review of the shipped decks found (plans stated as done, years of the wrong kind, a
// date that gives the right option away). `npm run decks -- check` and the shipped-deck tests run
// them, so a new deck cannot bring them back. Pure: the deck in, located issues out.
import { clozeAnswers } from './cloze'
import type { Card, CardEvent, Deck, DeckIssue } from './deck'

/**
 * Words that mark a statement as a plan or an expectation rather than something done: "to be
 * based", "due", "planned", "will deploy", "expected", "scheduled", "slated", "intends".
 */
const PLAN_WORDING =
  /\b(to be|to become|to begin|to start|to reach|to arrive|to host|due|planned|plans?|will|scheduled|expected|intends?|intended|slated|set to|deadline|envisaged|projected)\b/i

/** A year of the common era as writers date policy events: 1000–2199. */
const YEAR_IN_TEXT = /\b1\d{3}\b|\b2[01]\d{2}\b/

/** A text that is nothing but a year or a span of years ("2013", "2018–2020", "c. 2013"). */
const YEAR_ONLY =
  /^\s*(c\.\s*|about\s+|around\s+)?(1\d{3}|2[01]\d{2})(\s*[–—-]\s*(1\d{3}|2[01]\d{2}))?\s*$/i

const isYearNumber = (n: number) => Number.isInteger(n) && n >= 1000 && n <= 2199

/** Whether `text` says it is a plan, an expectation or an intention (see `PLAN_WORDING`). */
export function hasPlanWording(text: string): boolean {
  return PLAN_WORDING.test(text)
}

/**
 * Whether an event was still a plan when its source was written: its label says so ("to be",
 * "due"…), or it ends after `writtenIn` (the source's year, when known). Ordering questions keep
 * plans apart from things done, whose tense would otherwise sort them.
 */
export function isPlannedEvent(event: CardEvent, writtenIn?: number): boolean {
  return (
    hasPlanWording(event.label) ||
    (writtenIn !== undefined && (event.endYear ?? event.year) > writtenIn)
  )
}

/** Whether `text` mentions a year (1000–2199) anywhere. */
export function carriesYear(text: string): boolean {
  return YEAR_IN_TEXT.test(text)
}

/** Whether `text` is a year or a span of years and nothing else. */
export function isYearText(text: string): boolean {
  return YEAR_ONLY.test(text)
}

/** Whether a card's answer is a year: asked for a year, it belongs to kind `year`. */
function answersWithYear(card: Card): boolean {
  switch (card.type) {
    case 'numeric': {
      // a count has a unit ("30 countries"); a bare number between 1000 and 2199 is a year
      if (card.unit) return false
      const values =
        typeof card.answer === 'number' ? [card.answer] : [card.answer.min, card.answer.max]
      return values.every(isYearNumber)
    }
    case 'single':
      return isYearText(card.answer)
    case 'typed':
      return isYearText(card.answers[0]!)
    case 'basic':
      return isYearText(card.back)
    case 'cloze': {
      const blanks = clozeAnswers(card.text)
      return blanks.length > 0 && blanks.every(isYearText)
    }
    case 'multi':
      return card.answers.every(isYearText)
    case 'ordering':
    case 'map':
      return false
  }
}

/**
 * The content rules, each located by card and field:
 * - an event dated after the source was written (`deck.source.year`) whose label does not say it
 *   is a plan ("to be", "due", "planned"…): it would read as done on the timeline and in ordering
 *   questions;
 * - an event label that names a year: an ordering question would show its date;
 * - an ordering card whose items mix plan wording with statements of fact (the tense sorts them),
 *   or name years (the dates sort them);
 * - an answer that is a year on a card not of kind `year`: its generated options would be
 *   sentences or other kinds, not years;
 * - a choice card whose right options alone carry a year (or alone lack one).
 * Rules that need the source's date are skipped when the deck does not give it.
 * @example lintDeck(deck).map((i) => formatIssue(i, 'decks/x.json'))
 */
export function lintDeck(deck: Deck): DeckIssue[] {
  const issues: DeckIssue[] = []
  const written = deck.source?.year
  deck.cards.forEach((card, i) => {
    const at = (field: string | undefined, message: string) =>
      issues.push({ cardIndex: i + 1, cardId: card.id, ...(field ? { field } : {}), message })
    const event = card.event
    if (event) {
      const last = event.endYear ?? event.year
      if (written !== undefined && last > written && !hasPlanWording(event.label))
        at(
          'event.label',
          `is dated ${last}, after the source was written (${written}): say it is a plan ("to be", "due", "planned")`,
        )
      if (carriesYear(event.label))
        at('event.label', 'names a year: the timeline and ordering questions show the date already')
    }
    if (card.type === 'ordering') {
      const planned = card.items.filter(hasPlanWording).length
      if (planned > 0 && planned < card.items.length)
        at(
          'items',
          'mix plans ("to be", "due") with things done: the tense gives the order away; order only plans or only past events',
        )
      card.items.forEach((item, n) => {
        if (carriesYear(item)) at(`items[${n}]`, 'names a year: the date gives the order away')
      })
    }
    if (card.kind !== 'year' && answersWithYear(card))
      at('kind', `is "${card.kind}" but the answer is a year: use "year"`)
    if (card.type === 'single' || card.type === 'multi') {
      const rights = card.type === 'single' ? [card.answer] : card.answers
      const dated = (list: readonly string[]) => list.filter(carriesYear).length
      const rightDated = dated(rights)
      const wrongDated = dated(card.distractors)
      const alone =
        card.distractors.length > 0 &&
        ((rightDated === rights.length && wrongDated === 0) ||
          (rightDated === 0 && wrongDated === card.distractors.length))
      if (alone && rightDated + wrongDated > 0)
        at(
          rightDated ? (card.type === 'single' ? 'answer' : 'answers') : 'distractors',
          rightDated
            ? 'only the right option carries a year: date every option or none'
            : 'only the wrong options carry a year: date every option or none',
        )
    }
  })
  return issues
}
