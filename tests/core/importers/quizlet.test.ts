import { describe, expect, it } from 'vitest'
import { parseDeck, type CardOf, type Deck } from '@/core/deck'
import { formatImportIssue, MAX_IMPORT_CARDS, type ImportResult } from '@/core/importers/common'
import { guessQuizletSeparators, importQuizlet } from '@/core/importers/quizlet'

// Quizlet's default export: Tab between term and definition, a new line between cards.
const DEFAULT_EXPORT =
  'SM-3\tStandard Missile 3, the Aegis interceptor\nTHAAD\tTerminal High Altitude Area Defense\nAN/TPY-2\tX-band radar, in Turkey since 2012'
// A custom export: " :: " between term and definition, " ## " between cards, definitions with line breaks.
const CUSTOM_EXPORT =
  'EPAA :: European Phased Adaptive Approach ## Deveselu :: Aegis Ashore site\nin Romania ## Redzikowo :: Aegis Ashore site in Poland'

function basics(result: ImportResult): CardOf<'basic'>[] {
  if (!result.ok) throw new Error(result.issues.map(formatImportIssue).join('\n'))
  expect(parseDeck(result.deck).ok).toBe(true)
  return result.deck.cards as CardOf<'basic'>[]
}

function deckOf(result: ImportResult): Deck {
  if (!result.ok) throw new Error('expected the import to succeed')
  return result.deck
}

describe('guessQuizletSeparators', () => {
  it.each([
    [DEFAULT_EXPORT, '\t', '\n'],
    ['SM-3,interceptor\nTHAAD,battery, mobile\nPatriot,PAC-3', ',', '\n'],
    ['SM-3\tinterceptor;THAAD\tbattery;Patriot\tPAC-3', '\t', ';'],
    ['SM-3, interceptor; THAAD, battery; Patriot, PAC-3', ',', ';'],
    ['SM-3 - interceptor\nTHAAD - battery', ' - ', '\n'],
  ])('finds the separators of %j', (text, termSeparator, cardSeparator) => {
    expect(guessQuizletSeparators(text)).toMatchObject({ termSeparator, cardSeparator })
  })

  it('is fully confident when every card splits once', () => {
    expect(guessQuizletSeparators(DEFAULT_EXPORT).confidence).toBe(1)
  })

  it('has no confidence in text without separators', () => {
    expect(guessQuizletSeparators('just some words').confidence).toBe(0)
  })

  // regression: a card separator absent from the text read the whole text as one card, which a
  // single stray ";" (here in "&nbsp;") scored 0.9, enough to import one garbage card
  it('never reads text on several lines as one card', () => {
    const notes = 'What is THAAD?\tA battery&nbsp;system\nAegis Ashore is in Romania'
    const guess = guessQuizletSeparators(notes)
    expect(guess.cardSeparator).toBe('\n')
    expect(guess.confidence).toBeLessThan(0.8)
    const prose = 'Aegis Ashore is in Romania; it opened in 2016\nPoland hosts the second site'
    expect(guessQuizletSeparators(prose).cardSeparator).not.toMatch(/^(\|)$|^\n\n$/)
    expect(guessQuizletSeparators(prose).confidence).toBeLessThan(0.8)
  })
})

describe('importQuizlet', () => {
  it('imports a default export as basic cards, term on the front', () => {
    const cards = basics(importQuizlet(DEFAULT_EXPORT))
    expect(cards.map((c) => [c.front, c.back])).toEqual([
      ['SM-3', 'Standard Missile 3, the Aegis interceptor'],
      ['THAAD', 'Terminal High Altitude Area Defense'],
      ['AN/TPY-2', 'X-band radar, in Turkey since 2012'],
    ])
  })

  it('imports a custom export with the separators given', () => {
    const cards = basics(
      importQuizlet(CUSTOM_EXPORT, {
        termSeparator: ' :: ',
        cardSeparator: ' ## ',
        title: 'Sites',
      }),
    )
    expect(cards.map((c) => c.back)).toEqual([
      'European Phased Adaptive Approach',
      'Aegis Ashore site\nin Romania',
      'Aegis Ashore site in Poland',
    ])
  })

  it('splits each card at the first separator only, since Quizlet does not escape', () => {
    const cards = basics(
      importQuizlet('THAAD,battery, mobile, US Army', { termSeparator: ',', cardSeparator: '\n' }),
    )
    expect(cards[0]).toMatchObject({ front: 'THAAD', back: 'battery, mobile, US Army' })
  })

  it('makes readable, stable, unique ids from the terms', () => {
    const ids = basics(importQuizlet('SM-3\ta\nSM-3\tb\nΘ\tc')).map((c) => c.id)
    expect(ids.slice(0, 2)).toEqual(['sm-3', 'sm-3-2'])
    expect(ids[2]).toMatch(/^quizlet-[a-z0-9]+$/)
  })

  it('takes the title from the options, then the file name', () => {
    expect(deckOf(importQuizlet(DEFAULT_EXPORT, { title: 'BMD terms' })).title).toBe('BMD terms')
    expect(deckOf(importQuizlet(DEFAULT_EXPORT, { fileName: 'bmd_terms.txt' }))).toMatchObject({
      title: 'bmd terms',
      id: 'bmd-terms',
    })
  })

  it('leaves out cards without a separator or with an empty side, saying on which line', () => {
    const result = importQuizlet('SM-3\tinterceptor\nno separator\n\tno term\nno definition\t', {
      termSeparator: '\t',
      cardSeparator: '\n',
    })
    expect(basics(result)).toHaveLength(1)
    expect(result.ok && result.warnings.map(formatImportIssue)).toEqual([
      'line 2: there is no Tab between the term and the definition, so this card was left out',
      'line 3: the term is empty, so this card was left out',
      'line 4: the definition is empty, so this card was left out',
    ])
  })

  it('counts lines inside cards when cards are not separated by line breaks', () => {
    const result = importQuizlet('a :: b ## c\nd ## e :: f', {
      termSeparator: ' :: ',
      cardSeparator: ' ## ',
    })
    expect(result.ok && result.warnings.map((w) => w.line)).toEqual([1])
  })

  it('puts the real cause first when every card is left out', () => {
    const result = importQuizlet(`EPAA\t${'x'.repeat(2001)}`, {
      termSeparator: '\t',
      cardSeparator: '\n',
    })
    expect(!result.ok && result.issues.map(formatImportIssue)).toEqual([
      'line 1: the definition is longer than 2,000 characters, so this card was left out',
      'the one card could not be imported',
    ])
  })

  it('fails when no card can be read', () => {
    const result = importQuizlet('nothing to see', { termSeparator: '\t', cardSeparator: '\n' })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.issues[0]?.message).toMatch(/^no cards found/)
  })

  it('refuses separators that overlap', () => {
    expect(importQuizlet('a;b', { termSeparator: ';', cardSeparator: ';' }).ok).toBe(false)
  })

  it('refuses more cards than a deck holds', () => {
    const text = Array.from({ length: MAX_IMPORT_CARDS + 1 }, (_, i) => `t${i}\td${i}`).join('\n')
    expect(importQuizlet(text)).toEqual({
      ok: false,
      issues: [{ message: expect.stringContaining('more than 20,000 cards') }],
    })
  })
})
