// One rule for "is this a deck link?", used by the paste box, the route and the share target.
import { describe, expect, it } from 'vitest'
import { findDeckLink } from '@/core/deckLink'
import { ANKI_SEPARATORS, SEPARATOR_NAMES } from '@/core/importers/separators'
import { exportAnkiTsv } from '@/core/exporters'
import { importAnki } from '@/core/importers/anki'
import { importBytes } from '@/core/importers/file'
import { makePackage } from '../fixtures/ankiPackages'
import { makeDeck } from '../fixtures/decks'
import { loadSqlNode } from '../../scripts/sqlNode'

const PAYLOAD = 'eNqrVkrJTFGyUlBKLkksyVGyMlDSUcpMUbIyMjA0MTaxqAUAcDwHsA'

describe('findDeckLink', () => {
  it('finds a link, a fragment, a bare d= and a link inside a message', () => {
    expect(findDeckLink(`https://x.example/import#d=${PAYLOAD}`)).toBe(
      `https://x.example/import#d=${PAYLOAD}`,
    )
    expect(findDeckLink(`d=${PAYLOAD}`)).toBe(`d=${PAYLOAD}`)
    expect(findDeckLink(`  Study this: https://x.example/import?d=${PAYLOAD} see you\n`)).toBe(
      `Study this: https://x.example/import?d=${PAYLOAD} see you`,
    )
    // a link a chat app wrapped over two lines
    expect(
      findDeckLink(`https://x.example/import#d=${PAYLOAD.slice(0, 20)}\n${PAYLOAD.slice(20)}`),
    ).toBeDefined()
  })

  it('keeps a damaged one-line link a link, so reading it says what is wrong', () => {
    expect(findDeckLink('#d=abc'.slice(1))).toBe('d=abc')
  })

  it('never takes a deck file, paragraphs, or a card that merely says d= for a link', () => {
    expect(findDeckLink(`{"id":"x","note":"d=${PAYLOAD}"}`)).toBeUndefined()
    expect(findDeckLink(`A deck\n\nhttps://x.example/import#d=${PAYLOAD}`)).toBeUndefined()
    expect(findDeckLink('Distance\td=5 km\nSpeed\tv=3')).toBeUndefined()
    expect(findDeckLink('Term\tDefinition')).toBeUndefined()
    expect(findDeckLink(undefined)).toBeUndefined()
    expect(findDeckLink('   ')).toBeUndefined()
  })
})

describe('separator lists', () => {
  it('offers every Anki separator the reader knows, once', () => {
    expect(ANKI_SEPARATORS.map((s) => s.value).sort()).toEqual(Object.keys(SEPARATOR_NAMES).sort())
  })
})

describe('hierarchical tags', () => {
  it('keep a::b through an Anki package import and an Anki text export and import', async () => {
    const bytes = await makePackage({
      notes: [
        {
          guid: 'n1',
          model: 'basic',
          fields: ['Deveselu', 'Romania'],
          tags: 'bmd::europe::sites nato',
        },
      ],
    })
    const read = await importBytes(bytes, { fileName: 'x.apkg', loadSql: loadSqlNode })
    if (!read.ok) throw new Error('the package must import')
    expect(read.deck.cards[0]!.tags).toEqual(['bmd::europe::sites', 'nato'])
    const text = exportAnkiTsv(makeDeck({ cards: read.deck.cards }))
    const back = importAnki(text)
    if (!back.ok) throw new Error('the export must read back')
    expect(back.deck.cards[0]!.tags).toEqual(['bmd::europe::sites', 'nato'])
  })
})
