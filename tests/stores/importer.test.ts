import fc from 'fast-check'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { watch } from 'vue'
import { parseDeck, type Deck } from '@/core/deck'
import { exportAnkiTsv, exportDeckFile } from '@/core/exporters'
import { itemId } from '@/core/items'
import { encodeDeckLink } from '@/core/share'
import { getDeck, installDeck, listDecks } from '@/storage/decks'
import { listProgress } from '@/storage/progress'
import { useImporterStore } from '@/stores/importer'
import { useLibraryStore } from '@/stores/library'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import { studyThrice } from '../fixtures/answers'

const study = (deckId: string, cardId: string) => studyThrice(itemId(deckId, cardId), NOW)

function valid(deck: Deck): Deck {
  const parsed = parseDeck(deck)
  if (!parsed.ok) throw new Error('fixture deck is invalid')
  return parsed.value
}

const MINE = valid(
  makeDeck({
    id: 'mine',
    title: 'Mine',
    cards: [makeCard({ id: 'a' }), makeCard({ id: 'b', answers: ['Poland'] })],
  }),
)
const QUIZLET =
  'THAAD\tTerminal High Altitude Area Defense\nSM-3\tStandard Missile 3\nPAC-3\tPatriot Advanced Capability 3\n'

/** Everything an import could touch, to compare before and after. */
async function stored() {
  return { decks: await listDecks(), progress: await listProgress() }
}

beforeEach(() => {
  setActivePinia(createPinia())
})

describe('importer store', () => {
  it('reads Quizlet text, reports its phases, and installs it only on confirm', async () => {
    const importer = useImporterStore()
    const phases: string[] = []
    watch(
      () => importer.phase,
      (p) => p && phases.push(p.phase),
      { flush: 'sync' },
    )
    await importer.readText(QUIZLET, { title: 'Systems' })
    expect(phases).toEqual(['reading', 'checking', 'ready'])
    expect(importer.status).toBe('ready')
    expect(importer.output).toMatchObject({
      detected: 'quizlet',
      format: 'quizlet',
      quizlet: { termSeparator: '\t', cardSeparator: '\n' },
    })
    expect(importer.plan).toMatchObject({
      mode: 'new',
      deck: { id: 'systems', title: 'Systems' },
      diff: { added: ['thaad', 'sm-3', 'pac-3'] },
    })
    expect(await listDecks()).toEqual([])

    expect(await importer.confirm(NOW)).toBe(true)
    expect(importer.status).toBe('done')
    expect(importer.installedId).toBe('systems')
    expect((await getDeck('systems'))!.deck.cards).toHaveLength(3)
    expect(useLibraryStore().deckById('systems')).toBeDefined()
  })

  it('reads the text again with the separators the user chose', async () => {
    const importer = useImporterStore()
    await importer.readText('THAAD - a battery; SM-3 - an interceptor', { format: 'quizlet' })
    await importer.correct({ termSeparator: ' - ', cardSeparator: ';' })
    expect(importer.plan?.deck.cards.map((c) => (c.type === 'basic' ? c.back : ''))).toEqual([
      'a battery',
      'an interceptor',
    ])
  })

  it('lets the user pick the Anki separator', async () => {
    const importer = useImporterStore()
    await importer.readText('#html:false\nfront;back,with comma\nsecond;answer\n', {
      format: 'anki',
      ankiSeparator: 'semicolon',
    })
    expect(importer.status).toBe('ready')
    expect(importer.output?.anki).toEqual({ separator: 'semicolon', fromHeader: false })
    expect(importer.plan?.deck.cards).toHaveLength(2)
  })

  it('imports an Anki export of a deck', async () => {
    const importer = useImporterStore()
    await importer.readText(exportAnkiTsv(MINE), { fileName: 'mine.txt' })
    expect(importer.output?.format).toBe('anki')
    expect(importer.plan?.deck.cards).toHaveLength(2)
  })

  it('refuses bad input with a located message and changes nothing', async () => {
    await installDeck(MINE, 'user', NOW)
    const before = await stored()
    const importer = useImporterStore()
    await importer.readText(
      '{\n  "id": "mine",\n  "title": "Mine",\n  "cards": [\n    { "id": "a", "type": "typed", "prompt": "?", "answers": [] }\n  ]\n}',
      { fileName: 'mine.json' },
    )
    expect(importer.status).toBe('failed')
    expect(importer.issues[0]).toMatchObject({
      field: 'answers',
      message: expect.stringContaining('at least 1'),
    })
    await importer.readText('{ "id": "mine", "title": ', { fileName: 'mine.json' })
    expect(importer.issues[0]).toMatchObject({ line: 1, column: expect.any(Number) })
    expect(await importer.confirm(NOW)).toBe(false)
    expect(await stored()).toEqual(before)
  })

  it('shows what an update changes and keeps progress by card id', async () => {
    await installDeck(MINE, 'user', NOW)
    await study('mine', 'a')
    const next = { ...MINE, cards: [MINE.cards[0]!, makeCard({ id: 'c', answers: ['Spain'] })] }
    const importer = useImporterStore()
    await importer.readText(exportDeckFile(next))
    expect(importer.plan).toMatchObject({
      mode: 'update',
      existing: { id: 'mine' },
      diff: { added: ['c'], removed: ['b'], changed: [], unchanged: 1 },
    })
    await importer.confirm(NOW + 1)
    expect((await getDeck('mine'))!.deck.cards.map((c) => c.id)).toEqual(['a', 'c'])
    expect((await listProgress())[0]).toMatchObject({ cardId: 'a', memory: { reps: 3 } })
  })

  // regression: both pastes got the id "imported-from-quizlet", so the second replaced the first
  it('adds a second, unrelated text import as a new deck instead of replacing the first', async () => {
    const importer = useImporterStore()
    await importer.readText(QUIZLET)
    await importer.confirm(NOW)
    const first = importer.installedId!
    await importer.readText(
      'Aegis Ashore\tRomania and Poland\nEPAA\tEuropean Phased Adaptive Approach',
    )
    expect(importer.plan).toMatchObject({ mode: 'new', deck: { title: 'Imported from Quizlet' } })
    expect(importer.plan!.deck.id).not.toBe(first)
    expect(importer.plan!.existing).toBeUndefined()
    await importer.confirm(NOW + 1)
    expect((await getDeck(first))!.deck.cards).toHaveLength(3)
    expect(await listDecks()).toHaveLength(2)
  })

  it('offers to update when a text import has the cards of the installed deck (Anki GUIDs)', async () => {
    await installDeck(MINE, 'user', NOW)
    const importer = useImporterStore()
    const tsv = exportAnkiTsv({ ...MINE, cards: [...MINE.cards, makeCard({ id: 'c' })] })
    await importer.readText(tsv, { fileName: 'mine.txt' })
    expect(importer.plan).toMatchObject({
      mode: 'update',
      existing: { id: 'mine' },
      diff: { added: ['c'], removed: [] },
    })
  })

  it('imports as a separate deck when asked, and never over a shipped deck', async () => {
    await installDeck(MINE, 'shipped', NOW)
    const importer = useImporterStore()
    await importer.readText(exportDeckFile(MINE))
    expect(importer.plan).toMatchObject({ mode: 'copy', existing: { origin: 'shipped' } })
    await importer.confirm(NOW)
    expect((await listDecks()).map((d) => [d.id, d.origin]).sort()).toEqual([
      ['mine', 'shipped'],
      ['mine-2', 'user'],
    ])
  })

  it('opens a deck link and a link shared from another app', async () => {
    const link = encodeDeckLink(MINE, 'https://intercept.example/')
    if (!link.ok) throw new Error('deck too large for a link')
    const importer = useImporterStore()
    await importer.readLink(link.url)
    expect(importer.plan).toMatchObject({ mode: 'new', deck: { id: 'mine' } })
    await importer.readShared({ title: 'Mine', text: `Study this: ${link.url}` })
    expect(importer.kind).toBe('link')
    await importer.readLink(link.url.slice(0, -20))
    expect(importer.status).toBe('failed')
    expect(importer.issues[0]!.message).toMatch(/cut off|damaged/)
  })

  it('installs all or nothing: a failed write leaves the stored deck and progress untouched', async () => {
    await installDeck(MINE, 'user', NOW)
    await study('mine', 'b')
    const before = await stored()
    const importer = useImporterStore()
    await importer.readText(exportDeckFile({ ...MINE, cards: [MINE.cards[0]!] }))
    expect(importer.plan?.diff.removed).toEqual(['b'])
    // the transaction fails as it would on a full disk: after the progress of "b" was retired
    // and the deck written, before it commits
    const put = IDBObjectStore.prototype.put
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      const request = put.apply(this, args)
      if (this.name === 'decks') request.addEventListener('success', () => this.transaction.abort())
      return request
    })
    try {
      expect(await importer.confirm(NOW + 1)).toBe(false)
    } finally {
      spy.mockRestore()
    }
    expect(importer.issues[0]!.message).toMatch(/^nothing was imported/)
    expect(await stored()).toEqual(before)
  })

  it('never changes stored data unless an import is valid and confirmed', async () => {
    await installDeck(MINE, 'user', NOW)
    await study('mine', 'a')
    const seeds = [exportDeckFile(MINE), QUIZLET, exportAnkiTsv(MINE)]
    const mutated = fc
      .tuple(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(), fc.nat(6), fc.string({ maxLength: 4 })), { maxLength: 4 }),
      )
      .map(([text, edits]) =>
        edits.reduce((t, [at, cut, insert]) => {
          const i = at % (t.length + 1)
          return t.slice(0, i) + insert + t.slice(i + cut)
        }, text),
      )
    const importer = useImporterStore()
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(mutated, fc.string({ maxLength: 200 })),
        fc.boolean(),
        async (text, confirm) => {
          importer.reset()
          const before = await stored()
          await importer.readText(text)
          const ready = importer.status === 'ready'
          const confirmed = confirm && (await importer.confirm(NOW))
          const after = await stored()
          const id = importer.plan?.deck.id
          const others = (s: typeof before) => s.decks.filter((d) => d.id !== id)
          expect(confirmed).toBe(confirm && ready)
          // the imported deck is exactly the previewed one, or as it was; every other deck as it was
          expect(after.decks.find((d) => d.id === id)?.deck).toEqual(
            confirmed ? importer.plan?.deck : before.decks.find((d) => d.id === id)?.deck,
          )
          expect(others(after)).toEqual(others(before))
          // progress changes (cards retired by an update) only with a confirmed import
          expect(confirmed ? before.progress : after.progress).toEqual(before.progress)
        },
      ),
      { numRuns: 40 },
    )
  })
})
