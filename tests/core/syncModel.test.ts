import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDeck } from '@/core/deck'
import {
  deckConflictCopy,
  mergeSettingsFields,
  readServerAddress,
  settingsOf,
  stampSettings,
  userDbName,
  type SettingsFields,
} from '@/core/syncModel'
import { makeDeck, NOW } from '../fixtures/decks'

const fieldsArb: fc.Arbitrary<SettingsFields> = fc.dictionary(
  fc.constantFrom('newPerDay', 'theme', 'retention'),
  fc.record({
    value: fc.oneof(fc.integer(), fc.constantFrom('light', 'dark')),
    at: fc.integer({ min: 0, max: 20 }),
    by: fc.constantFrom('a', 'b', 'c'),
  }),
)

describe('settings merge', () => {
  it('is commutative, associative and idempotent, so every device ends with the same settings', () => {
    fc.assert(
      fc.property(fieldsArb, fieldsArb, fieldsArb, (a, b, c) => {
        expect(mergeSettingsFields(a, b)).toEqual(mergeSettingsFields(b, a))
        expect(mergeSettingsFields(mergeSettingsFields(a, b), c)).toEqual(
          mergeSettingsFields(a, mergeSettingsFields(b, c)),
        )
        expect(mergeSettingsFields(a, a)).toEqual(a)
      }),
    )
  })

  it('keeps the latest write of each field', () => {
    const phone = stampSettings({ newPerDay: 5, theme: 'dark' }, {}, NOW, 'phone')
    const laptop = stampSettings({ newPerDay: 30, theme: 'dark' }, phone, NOW + 10, 'laptop')
    const phoneLater = stampSettings({ newPerDay: 5, theme: 'light' }, phone, NOW + 20, 'phone')
    expect(settingsOf(mergeSettingsFields(laptop, phoneLater))).toEqual({
      newPerDay: 30,
      theme: 'light',
    })
  })

  it('stamps only the fields that changed', () => {
    const before = stampSettings({ newPerDay: 5, theme: 'dark' }, {}, NOW, 'a')
    const after = stampSettings({ newPerDay: 5, theme: 'light' }, before, NOW + 1, 'b')
    expect(after.newPerDay).toEqual({ value: 5, at: NOW, by: 'a' })
    expect(after.theme).toEqual({ value: 'light', at: NOW + 1, by: 'b' })
  })
})

describe('deckConflictCopy', () => {
  const stored = {
    id: 'my-deck',
    origin: 'user' as const,
    deck: makeDeck({ id: 'my-deck', title: 'Mine' }),
    installedAt: NOW,
    updatedAt: NOW,
  }

  it('makes the same valid copy on every device for the same losing revision', () => {
    const copy = deckConflictCopy(stored, '2-abc')
    expect(copy).toEqual(deckConflictCopy(structuredClone(stored), '2-abc'))
    expect(copy.id).not.toBe(stored.id)
    expect(copy.deck.id).toBe(copy.id)
    expect(copy.deck.title).toBe('Mine (other version)')
    expect(deckConflictCopy(stored, '2-abd').id).not.toBe(copy.id)
    expect(parseDeck(copy.deck).ok).toBe(true)
  })

  it('keeps a long id within the limit', () => {
    const long = 'x'.repeat(64)
    const copy = deckConflictCopy({ ...stored, id: long, deck: makeDeck({ id: long }) }, '3-f')
    expect(copy.id.length).toBeLessThanOrEqual(64)
    expect(parseDeck(copy.deck).ok).toBe(true)
  })
})

describe('userDbName', () => {
  it("names a user's database as CouchDB's couch_peruser does (hex of the UTF-8 name)", () => {
    expect(userDbName('ada')).toBe('userdb-616461')
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (name) => {
        expect(userDbName(name)).toBe(`userdb-${Buffer.from(name, 'utf8').toString('hex')}`)
      }),
    )
  })
})

describe('readServerAddress', () => {
  it('accepts https anywhere and http only on this device', () => {
    expect(readServerAddress('https://sync.example.org/couch/')).toEqual({
      ok: true,
      url: 'https://sync.example.org/couch',
    })
    expect(readServerAddress('sync.example.org')).toEqual({
      ok: true,
      url: 'https://sync.example.org',
    })
    expect(readServerAddress('http://localhost:5984')).toEqual({
      ok: true,
      url: 'http://localhost:5984',
    })
    expect(readServerAddress('http://127.0.0.1:5984')).toEqual({
      ok: true,
      url: 'http://127.0.0.1:5984',
    })
    expect(readServerAddress('http://[::1]:5984').ok).toBe(true)
  })

  it('refuses plain http to another machine, and what is not a server address', () => {
    const refused = readServerAddress('http://sync.example.org')
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/https/) })
    expect(readServerAddress('http://localhost.evil.org').ok).toBe(false)
    expect(readServerAddress('').ok).toBe(false)
    expect(readServerAddress('ftp://x.org').ok).toBe(false)
    expect(readServerAddress('https://user:pw@x.org').ok).toBe(false)
    expect(readServerAddress('https://').ok).toBe(false)
  })
})
