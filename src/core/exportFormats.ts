// Decks out to other tools: the formats, what each card type becomes in each, and the report of
// what a format cannot hold, given before the file is written (never a silent drop).
import type { Card, CardType, Deck } from './deck'
import { exportAnkiTsv, exportDeckFile } from './exporters'
import { exportAiken, aikenCard } from './exportAiken'
import { exportGift, giftCard } from './exportGift'
import { typedGradingNote } from './exportCommon'
import { exportQti, qtiCard } from './exportQti'
import { cardPictures, pictureIdsOf } from './pictures'
import { plural, agree } from './plural'

/** Formats a deck exports to. */
export const EXPORT_FORMATS = ['deck', 'anki-text', 'gift', 'aiken', 'qti'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** Names people know the formats by. */
export const EXPORT_FORMAT_NAMES: Record<ExportFormat, string> = {
  deck: 'Intercept deck file',
  'anki-text': 'Anki (text)',
  gift: 'Moodle GIFT',
  aiken: 'Moodle Aiken',
  qti: 'QTI 1.2 (Canvas)',
}

/** What one card becomes in a format: written as it is, written in another form, or left out. */
export type CardFate =
  { fate: 'kept' } | { fate: 'converted'; how: string } | { fate: 'left'; why: string }

/** One line of the report: how many cards of a type share a fate. */
export interface ExportGroup {
  type: CardType
  count: number
  /** For converted cards: how they are written (after "is"/"are"); for left-out cards: why. */
  reason: string
  /** The cards, in deck order. */
  ids: string[]
}

/** What an export will write, known before it is written. */
export interface ExportPlan {
  format: ExportFormat
  /** Cards written (kept or converted). */
  written: number
  converted: ExportGroup[]
  left: ExportGroup[]
  /** Deck-wide notes, e.g. explanations a format has no place for. */
  notes: string[]
}

/** What a card becomes in `format`. */
export function cardFate(card: Card, format: ExportFormat): CardFate {
  switch (format) {
    case 'deck':
      return { fate: 'kept' }
    case 'anki-text':
      return card.type === 'basic' || card.type === 'cloze'
        ? { fate: 'kept' }
        : { fate: 'converted', how: 'written as Basic notes showing the answer' }
    case 'gift':
      return giftCard(card).fate
    case 'aiken':
      return aikenCard(card).fate
    case 'qti':
      return qtiCard(card).fate
  }
}

const TYPE_NAMES: Record<CardType, string> = {
  basic: 'flashcard',
  cloze: 'cloze card',
  typed: 'typed-answer card',
  single: 'single-choice card',
  multi: 'multiple-select card',
  ordering: 'ordering card',
  numeric: 'number card',
  map: 'map card',
}

function group(list: ExportGroup[], card: Card, reason: string) {
  const found = list.find((g) => g.type === card.type && g.reason === reason)
  if (found) {
    found.count++
    found.ids.push(card.id)
  } else list.push({ type: card.type, count: 1, reason, ids: [card.id] })
}

/** The report of an export: which cards are written, converted, or left out, and why. */
export function planExport(deck: Deck, format: ExportFormat): ExportPlan {
  const converted: ExportGroup[] = []
  const left: ExportGroup[] = []
  let written = 0
  for (const card of deck.cards) {
    const fate = cardFate(card, format)
    if (fate.fate === 'left') group(left, card, fate.why)
    else {
      written++
      if (fate.fate === 'converted') group(converted, card, fate.how)
    }
  }
  const notes: string[] = []
  const explained = deck.cards.filter((c) => c.explanation && cardFate(c, format).fate !== 'left')
  if (format === 'aiken' && explained.length)
    notes.push(
      `Aiken has no place for explanations: ${plural(explained.length, 'card loses', 'cards lose')} theirs`,
    )
  const tagged = deck.cards.some((c) => c.tags.length && cardFate(c, format).fate !== 'left')
  if ((format === 'aiken' || format === 'qti') && tagged)
    notes.push(`${EXPORT_FORMAT_NAMES[format]} has no place for tags: they are not written`)
  const pictures = pictureIdsOf(deck.cards.filter((c) => cardFate(c, format).fate !== 'left')).size
  if (pictures)
    notes.push(
      format === 'deck'
        ? `The deck file names its ${plural(pictures, 'picture')} but does not carry ${agree(pictures, 'it', 'them')}: export the deck with its pictures (.zip) to keep them`
        : `This export leaves out the deck's ${plural(pictures, 'picture')} (only the deck file with its pictures, a .zip, carries them)`,
    )
  if (format !== 'deck') {
    const kept = deck.cards.filter((c) => cardFate(c, format).fate !== 'left')
    // Anki's reversed note type asks both ways; the quiz formats ask front to back only
    const reversible = kept.filter((c) => c.type === 'basic' && c.reversible).length
    if (reversible && format !== 'anki-text')
      notes.push(
        `${plural(reversible, 'flashcard is', 'flashcards are')} studied both ways here; ${EXPORT_FORMAT_NAMES[format]} gets the front-to-back question only`,
      )
    notes.push(...mediaNotes(kept, EXPORT_FORMAT_NAMES[format], 'card', { pictures: false }))
    // what QTI and GIFT write as short answers: flashcards, typed, cloze and map cards
    const typed = kept.filter((c) => ['basic', 'typed', 'cloze', 'map'].includes(c.type)).length
    const grading =
      format === 'qti' || format === 'gift'
        ? typedGradingNote(typed, format === 'qti' ? 'Canvas' : 'Moodle')
        : undefined
    if (grading) notes.push(grading)
  }
  return { format, written, converted, left, notes }
}

/**
 * What a text format loses of cards or questions that are written: their pictures (the files
 * carry text only; a deck's plan says so its own way, `pictures: false`) and their formatting
 * (written as plain text). `noun` counts them ("card").
 * @example mediaNotes([cardWithPicture], 'Moodle GIFT', 'card') // ['1 card shows pictures, which Moodle GIFT files do not carry: it is written without them']
 */
export function mediaNotes(
  items: readonly { pictures?: Card['pictures']; rich?: Card['rich'] }[],
  formatName: string,
  noun: string,
  { pictures = true }: { pictures?: boolean } = {},
): string[] {
  const notes: string[] = []
  const pictured = pictures ? items.filter((i) => cardPictures(i).length).length : 0
  if (pictured)
    notes.push(
      `${plural(pictured, `${noun} shows`, `${noun}s show`)} pictures, which ${formatName} files do not carry: ${agree(pictured, 'it is', 'they are')} written without them`,
    )
  const formatted = items.filter((i) => i.rich && Object.values(i.rich).some(Boolean)).length
  if (formatted)
    notes.push(
      `${plural(formatted, `${noun} has`, `${noun}s have`)} formatting (bold, italics, lists…), written as plain text`,
    )
  return notes
}

function cards(n: number, type: CardType): string {
  return plural(n, TYPE_NAMES[type])
}

/**
 * The plan in sentences, left-out cards first: "3 ordering cards can't be expressed in Moodle
 * Aiken (it has only multiple-choice questions)".
 */
export function describeExportPlan(plan: ExportPlan): string[] {
  const name = EXPORT_FORMAT_NAMES[plan.format]
  return [
    ...plan.left.map(
      (g) => `${cards(g.count, g.type)} can't be expressed in ${name} (${g.reason})`,
    ),
    ...plan.converted.map(
      (g) => `${cards(g.count, g.type)} ${agree(g.count, 'is', 'are')} ${g.reason}`,
    ),
    ...plan.notes,
  ]
}

/** An export ready to save. */
export interface ExportFile {
  plan: ExportPlan
  fileName: string
  mime: string
  data: string | Uint8Array
}

/**
 * Writes `deck` in `format` (see `planExport` for what is left out). GIFT, Aiken and Anki text
 * are UTF-8 text; QTI is a zip (an IMS content package, as Canvas imports it).
 */
export function exportDeckAs(deck: Deck, format: ExportFormat): ExportFile {
  const plan = planExport(deck, format)
  const base = deck.id
  switch (format) {
    case 'deck':
      return {
        plan,
        fileName: `${base}.json`,
        mime: 'application/json',
        data: exportDeckFile(deck),
      }
    case 'anki-text':
      return {
        plan,
        fileName: `${base}.txt`,
        mime: 'text/tab-separated-values',
        data: exportAnkiTsv(deck),
      }
    case 'gift':
      return { plan, fileName: `${base}.gift.txt`, mime: 'text/plain', data: exportGift(deck) }
    case 'aiken':
      return { plan, fileName: `${base}.aiken.txt`, mime: 'text/plain', data: exportAiken(deck) }
    case 'qti':
      return { plan, fileName: `${base}.qti.zip`, mime: 'application/zip', data: exportQti(deck) }
  }
}
