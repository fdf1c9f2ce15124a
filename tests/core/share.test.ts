import fc from 'fast-check'
import { zlibSync, strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import {
  parseCard,
  parseDeck,
  type Card,
  type CardInput,
  type Deck,
  type ParseResult,
} from '@/core/deck'
import { createRng } from '@/core/random'
import { decodeDeckLink, encodeDeckLink, MAX_LINK_LENGTH } from '@/core/share'
import { makeDeck } from '../fixtures/decks'

// property tests run hundreds of cases; in a loaded parallel run they need more than the 5 s default
const PROPERTY_TIMEOUT_MS = 30_000

function card(input: CardInput): Card {
  const parsed = parseCard(input)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  return parsed.value
}

const DECK: Deck = makeDeck({
  id: 'shared',
  title: 'Shared — ünïcode “quotes”',
  authors: ['A. Instructor'],
  source: { title: 'RealClearDefense', url: 'https://www.realcleardefense.com/' },
  cards: [
    card({
      id: 'epaa',
      type: 'basic',
      front: 'EPAA',
      back: 'European Phased Adaptive Approach',
      reversible: true,
      tags: ['europe'],
    }),
    card({
      id: 'romania',
      type: 'cloze',
      kind: 'country',
      text: '{{c1::Romania}} hosts Aegis Ashore.',
      paragraphs: [9],
    }),
    card({
      id: 'year',
      type: 'numeric',
      prompt: 'Phase 2?',
      answer: { min: 2015, max: 2016 },
      event: { label: 'Phase 2', year: 2015 },
    }),
    card({ id: 'map', type: 'map', prompt: 'Where?', answers: ['ROU'], region: 'europe' }),
  ],
})

function linkOf(deck: Deck, base = 'https://intercept.example/'): string {
  const result = encodeDeckLink(deck, base)
  if (!result.ok) throw new Error(`too large: ${result.bytes}`)
  return result.url
}

function messageOf(result: ParseResult<Deck>): string {
  if (result.ok) throw new Error('expected the link to be refused')
  return result.issues.map((issue) => issue.message).join('\n')
}

// Words that do not compress away, so a big deck stays big.
function noisyDeck(cards: number): Deck {
  const rng = createRng('share')
  const word = () =>
    Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(rng() * 26))).join('')
  return makeDeck({
    cards: Array.from({ length: cards }, (_, i) =>
      card({
        id: `c${i}`,
        type: 'basic',
        front: `${word()} ${word()}`,
        back: `${word()} ${word()} ${word()}`,
      }),
    ),
  })
}

describe('encodeDeckLink', () => {
  it('puts the deck in the fragment of the /import page', () => {
    const url = linkOf(DECK)
    expect(url).toMatch(/^https:\/\/intercept\.example\/import#d=[A-Za-z0-9_-]+$/)
  })

  it('keeps the app’s sub-path', () => {
    expect(linkOf(DECK, 'https://host.example/intercept')).toMatch(
      /^https:\/\/host\.example\/intercept\/import#d=/,
    )
  })

  it('refuses a deck whose link would be too long, saying how long', () => {
    const result = encodeDeckLink(noisyDeck(800), 'https://intercept.example/')
    expect(result).toMatchObject({ ok: false, reason: 'too-large' })
    expect(!result.ok && result.bytes).toBeGreaterThan(MAX_LINK_LENGTH)
  })

  it('fits a deck of a hundred short cards', () => {
    expect(encodeDeckLink(noisyDeck(100), 'https://intercept.example/').ok).toBe(true)
  })
})

describe('decodeDeckLink', () => {
  it('round-trips: deck → link → deck gives the same deck', () => {
    expect(decodeDeckLink(linkOf(DECK))).toEqual({ ok: true, value: DECK })
  })

  it('round-trips every shipped deck that fits in a link', () => {
    const files = import.meta.glob<Record<string, unknown>>('/decks/*.json', {
      eager: true,
      import: 'default',
    })
    const decks = Object.entries(files)
      .filter(([path]) => !path.endsWith('deck.schema.json'))
      .map(([path, raw]) => ({ path, parsed: parseDeck(raw) }))
    const links = decks.flatMap(({ path, parsed }) => {
      const encoded = parsed.ok
        ? encodeDeckLink(parsed.value, 'https://intercept.example/')
        : undefined
      return encoded?.ok ? [{ path, parsed, url: encoded.url }] : []
    })
    expect(links.length).toBeGreaterThan(0)
    for (const { path, parsed, url } of links) expect(decodeDeckLink(url), path).toEqual(parsed)
  })

  it('accepts the fragment alone, the bare payload, and links that were percent-encoded or wrapped', () => {
    const url = linkOf(DECK)
    const payload = url.slice(url.indexOf('#d=') + 3)
    for (const form of [
      `#d=${payload}`,
      payload,
      url.replace('#d=', '#x=1&d='),
      `${payload.slice(0, 40)}\n${payload.slice(40)}`,
      url.replace(/_/g, '%5F'),
    ])
      expect(decodeDeckLink(form)).toEqual({ ok: true, value: DECK })
  })

  // regression: the payload was looked for after the first "#", so a message with "#3" in it failed
  it('finds the link inside a shared message', () => {
    const url = linkOf(DECK)
    for (const message of [
      `Study “Deck #3” in Intercept ${url} see you`,
      `Study “Deck #3”: ${url}.`,
      `(${url})`,
      `Here it is:\n${url}\nThanks`,
      `Here it is: ${url.slice(0, 60)}\n${url.slice(60)}`,
    ])
      expect(decodeDeckLink(message), message).toEqual({ ok: true, value: DECK })
  })

  it('says a link is cut off when its end is missing', () => {
    const url = linkOf(DECK)
    expect(messageOf(decodeDeckLink(url.slice(0, -10)))).toMatch(/cut off/)
    expect(messageOf(decodeDeckLink(url.slice(0, url.indexOf('#d=') + 8)))).toMatch(/cut off/)
  })

  it('says a link is damaged when characters changed', () => {
    const url = linkOf(DECK)
    const at = url.length - 30
    const changed = url.slice(0, at) + (url[at] === 'A' ? 'B' : 'A') + url.slice(at + 1)
    expect(messageOf(decodeDeckLink(changed))).toMatch(/damaged/)
    expect(messageOf(decodeDeckLink(url.replace('#d=', '#d=*')))).toMatch(/damaged/)
  })

  it('says a link is damaged when it holds standard base64 instead of base64url', () => {
    const url = linkOf(DECK)
    const [head, payload] = url.split('#d=') as [string, string]
    const standard = payload.replace(/-/g, '+').replace(/_/g, '/')
    expect(standard).not.toBe(payload)
    expect(messageOf(decodeDeckLink(`${head}#d=${standard}`))).toMatch(/damaged/)
  })

  it('says when something is not a deck link at all', () => {
    expect(messageOf(decodeDeckLink('https://intercept.example/import'))).toMatch(/not a deck link/)
    expect(messageOf(decodeDeckLink('#d='))).toMatch(/cut off/)
  })

  it('stops unpacking past 2 MB, so a small link cannot exhaust memory', () => {
    const bomb = zlibSync(new Uint8Array(20 * 1024 * 1024), { level: 9 })
    const payload = btoa(String.fromCharCode(...bomb))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '')
    expect(payload.length).toBeLessThan(MAX_LINK_LENGTH * 4)
    expect(messageOf(decodeDeckLink(`#d=${payload}`))).toMatch(/more than 2 MB/)
  })

  it('reports the problems of a well-packed deck that breaks the deck rules', () => {
    const packed = zlibSync(
      strToU8(
        JSON.stringify({ id: 'x', title: 'T', cards: [{ id: 'a', type: 'basic', front: 'F' }] }),
      ),
    )
    const payload = btoa(String.fromCharCode(...packed))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '')
    expect(messageOf(decodeDeckLink(`#d=${payload}`))).toMatch(/^card "a" \(#1\), field "back": /)
  })

  it(
    'never throws on random text, and returns a valid deck or a reason',
    { timeout: PROPERTY_TIMEOUT_MS },
    () => {
      // any UTF-16 code units, lone surrogates included, and link-shaped text
      const utf16 = fc.string({
        unit: fc.nat({ max: 0xffff }).map((code) => String.fromCharCode(code)),
        maxLength: 300,
      })
      const linkish = fc.string({
        unit: fc.constantFrom('#d=', 'eNq', 'A', '_', '-', '%', '&', '\n', 'https://x/import'),
        maxLength: 40,
      })
      fc.assert(
        fc.property(fc.oneof(utf16, linkish), (text) => {
          const result = decodeDeckLink(text)
          expect(
            result.ok
              ? parseDeck(result.value).ok
              : result.issues.every((issue) => issue.message.length > 0),
          ).toBe(true)
        }),
      )
    },
  )

  it(
    'never throws on a damaged link, and returns a valid deck or a reason',
    { timeout: PROPERTY_TIMEOUT_MS },
    () => {
      const url = linkOf(DECK)
      const edit = fc.record({
        at: fc.nat({ max: url.length }),
        remove: fc.nat({ max: 6 }),
        insert: fc.string({
          unit: fc.constantFrom('A', 'z', '0', '-', '_', '%', '#', '&', '='),
          maxLength: 4,
        }),
      })
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
          const damaged = edits.reduce(
            (text, e) => text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove),
            url,
          )
          const result = decodeDeckLink(damaged)
          expect(
            result.ok
              ? parseDeck(result.value)
              : result.issues.every((issue) => issue.message.length > 0),
          ).toEqual(result.ok ? result : true)
        }),
      )
    },
  )
})
