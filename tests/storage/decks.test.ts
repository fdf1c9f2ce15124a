import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseDeckText } from '@/core/deck'
import { itemId } from '@/core/items'
import { shippedDecks, syncShippedDecks } from '@/storage/bundledDecks'
import { deleteDeck, getDeck, installDeck, listDecks } from '@/storage/decks'
import { listProgress, listReviews } from '@/storage/progress'
import { buildShippedDecks } from '../../scripts/vite-shipped-decks'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import { studyThrice } from '../fixtures/answers'

const study = (deckId: string, cardId: string) => studyThrice(itemId(deckId, cardId), NOW)

describe('installDeck', () => {
  it('keeps progress on unchanged ids, retires removed cards and restores returning ones', async () => {
    const a = makeCard({ id: 'a' })
    const b = makeCard({ id: 'b', answers: ['Poland'] })
    await installDeck(makeDeck({ cards: [a, b] }), 'shipped', NOW)
    await study('test-deck', 'a')
    await study('test-deck', 'b')

    const c = makeCard({ id: 'c', answers: ['Spain'] })
    const summary = await installDeck(
      makeDeck({ version: 2, cards: [makeCard({ id: 'a', prompt: 'Reworded?' }), c] }),
      'shipped',
      NOW + 1,
    )
    expect(summary).toEqual({ added: 1, changed: 1, retired: 1, restored: 0 })
    const rows = new Map((await listProgress()).map((r) => [r.cardId, r]))
    expect(rows.get('a')!.retired).toBe(false)
    expect(rows.get('a')!.memory.reps).toBe(3)
    expect(rows.get('b')!.retired).toBe(true)
    // history kept: three answers each
    expect((await listReviews()).map((r) => r.itemId).sort()).toEqual([
      ...Array<string>(3).fill('test-deck/a'),
      ...Array<string>(3).fill('test-deck/b'),
    ])

    const back = await installDeck(makeDeck({ version: 3, cards: [a, b, c] }), 'shipped', NOW + 2)
    expect(back.restored).toBe(1)
    expect((await listProgress()).find((r) => r.cardId === 'b')!.retired).toBe(false)
  })

  it('resets progress of the cards asked to', async () => {
    await installDeck(makeDeck({ cards: [makeCard({ id: 'a' })] }), 'user', NOW)
    await study('test-deck', 'a')
    await installDeck(
      makeDeck({ cards: [makeCard({ id: 'a', answers: ['Italy'] })] }),
      'user',
      NOW + 1,
      ['a'],
    )
    expect(await listProgress()).toEqual([])
  })

  it('deletes a deck with its progress and history', async () => {
    await installDeck(makeDeck(), 'user', NOW)
    await study('test-deck', 'c1')
    await deleteDeck('test-deck')
    expect(await listDecks()).toEqual([])
    expect(await listProgress()).toEqual([])
    expect(await listReviews()).toEqual([])
  })
})

describe('shipped decks', () => {
  // What the dev server answers for a shipped deck's url (a build writes the same as a file).
  const fetchFile = async (url: string) => {
    const file = url.slice(url.lastIndexOf('/') + 1)
    const built = (await buildShippedDecks('decks')).find((d) => d.file === file)
    if (!built) throw new Error(`404 ${url}`)
    return built.json
  }

  it('lists every deck file with its id and version', () => {
    const shipped = shippedDecks()
    const files = readdirSync('decks').filter((f) => f.endsWith('.json') && !f.includes('schema'))
    expect(shipped).toHaveLength(files.length)
    for (const file of files) {
      const { id, version } = JSON.parse(readFileSync(`decks/${file}`, 'utf8'))
      expect(shipped).toContainEqual(expect.objectContaining({ id, version }))
    }
  })

  it('ships each deck as the validated deck, defaults filled in', async () => {
    for (const d of shippedDecks()) {
      const raw = readFileSync(`decks/${d.id}.json`, 'utf8')
      const parsed = parseDeckText(raw)
      expect(parsed.ok).toBe(true)
      expect(JSON.parse(await fetchFile(d.url))).toEqual(parsed.ok && parsed.value)
    }
  })

  it('installs them once, then only reads versions', async () => {
    const first = await syncShippedDecks(NOW, fetchFile)
    expect(first).toHaveLength(shippedDecks().length)
    let fetched = 0
    const again = await syncShippedDecks(NOW + 1, async (url) => {
      fetched++
      return fetchFile(url)
    })
    expect(again).toEqual([])
    expect(fetched).toBe(0)
    expect((await getDeck('bmd-europe-and-nato'))?.origin).toBe('shipped')
  })

  it('upgrades a deck whose version changed', async () => {
    await syncShippedDecks(NOW, fetchFile)
    const stored = (await getDeck('bmd-why-cooperate'))!
    await installDeck({ ...stored.deck, version: 0.5 as number }, 'shipped', NOW)
    expect(await syncShippedDecks(NOW + 1, fetchFile)).toEqual(['bmd-why-cooperate'])
  })

  // The content review reworded cards and bumped every deck's version: a student's progress on
  // those cards must survive the upgrade, because card ids did not change.
  it('upgrades the shipped decks in place, keeping progress on every card id still shipped', async () => {
    await syncShippedDecks(NOW, fetchFile)
    const studied = [
      ['bmd-europe-and-nato', 'eu-poland-single'],
      ['bmd-europe-and-nato', 'eu-timeline-ordering'],
      ['bmd-europe-and-nato', 'nato-altbmd-ready-numeric'],
      ['bmd-threat-and-us-systems', 'threat-country-count-numeric'],
      ['bmd-why-cooperate', 'src-author-single'],
    ] as const
    for (const [deckId] of studied) {
      const stored = (await getDeck(deckId))!
      // an older copy: previous version, other wording
      const older = {
        ...stored.deck,
        version: stored.deck.version - 1,
        cards: stored.deck.cards.map((c) => ({ ...c, explanation: 'Older wording.' })),
      }
      await installDeck(older, 'shipped', NOW)
    }
    for (const [deckId, cardId] of studied) await study(deckId, cardId)

    const upgraded = await syncShippedDecks(NOW + 1, fetchFile)
    expect(upgraded.sort()).toEqual([...new Set(studied.map(([d]) => d))].sort())
    const rows = await listProgress()
    for (const [deckId, cardId] of studied) {
      const row = rows.find((r) => r.deckId === deckId && r.cardId === cardId)
      expect(row?.retired, cardId).toBe(false)
      expect(row?.memory.reps, cardId).toBe(3)
    }
    expect((await getDeck('bmd-europe-and-nato'))!.deck.cards[0]!.explanation).not.toBe(
      'Older wording.',
    )
  })

  it('refuses a broken shipped file without touching what is installed', async () => {
    await syncShippedDecks(NOW, fetchFile)
    const before = await listDecks()
    const stored = (await getDeck('bmd-why-cooperate'))!
    await installDeck({ ...stored.deck, version: 0.5 as number }, 'shipped', NOW)
    await expect(
      syncShippedDecks(NOW + 1, async () => '{"id": "bmd-why-cooperate", "cards": ['),
    ).rejects.toThrow(/not the deck/)
    expect((await listDecks()).length).toBe(before.length)
    expect((await getDeck('bmd-why-cooperate'))?.deck.version).toBe(0.5)
  })

  it('refuses a file that holds another deck or version, installing none', async () => {
    const wrong = shippedDecks().find((d) => d.id !== 'bmd-why-cooperate')!
    await expect(
      syncShippedDecks(NOW, async (url) =>
        url === shippedDecks().find((d) => d.id === 'bmd-why-cooperate')!.url
          ? fetchFile(wrong.url)
          : fetchFile(url),
      ),
    ).rejects.toThrow(/bmd-why-cooperate/)
    expect(await listDecks()).toEqual([])
  })
})
