import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router'
import CardPreview from '@/components/editor/CardPreview.vue'
import ImportPreview from '@/components/editor/ImportPreview.vue'
import QuickEntry from '@/components/editor/QuickEntry.vue'
import { touchShows } from '@/components/editor/useShownIssues'
import type { Card } from '@/core/deck'
import { planImport } from '@/core/deckDiff'
import { getDeck, listDecks } from '@/storage/decks'
import DeckEditView from '@/views/DeckEditView.vue'
import ImportView from '@/views/ImportView.vue'
import { makeDeck } from '../fixtures/decks'

const Stub = defineComponent({ render: () => h('p', 'stub') })

let wrapper: VueWrapper | undefined
let pinia: Pinia
beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  // the library would fetch the shipped decks: the tests run offline, with only their own decks
  vi.stubGlobal('fetch', () => Promise.reject(new Error('offline in tests')))
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  vi.unstubAllGlobals()
})

async function mountAt(path: string): Promise<{ wrapper: VueWrapper; router: Router }> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'library', component: Stub },
      { path: '/deck/:id', name: 'deck', component: Stub },
      { path: '/study/:deckId?', name: 'study', component: Stub },
      { path: '/edit/:id?', name: 'edit', component: DeckEditView, props: true },
      { path: '/import', name: 'import', component: ImportView },
    ],
  })
  await router.push(path)
  await router.isReady()
  wrapper = mount(RouterView, { global: { plugins: [router, pinia] }, attachTo: document.body })
  await vi.waitFor(() => expect(wrapper!.find('h1').exists()).toBe(true))
  await flushPromises()
  return { wrapper, router }
}

async function addCard(w: VueWrapper, type: string): Promise<string> {
  await w.get('#new-card-type').setValue(type)
  await w.get('[data-testid="add-card"]').trigger('click')
  await flushPromises()
  const rows = w.findAll('[data-card-index]')
  return `[data-card-index="${rows.length - 1}"]`
}

describe('DeckEditView', () => {
  it('creates a deck with three card types through the form', async () => {
    const { wrapper: w, router } = await mountAt('/edit')
    expect(w.get('h1').text()).toBe('New deck')
    await w.get('.deck-form [data-field="title"]').setValue('Gulf systems')

    const basic = await addCard(w, 'basic')
    await w.get(`${basic} [data-field="front"]`).setValue('THAAD')
    await w.get(`${basic} [data-field="back"]`).setValue('Terminal High Altitude Area Defense')

    const typed = await addCard(w, 'typed')
    await w.get(`${typed} [data-field="prompt"]`).setValue('Which country hosts Aegis Ashore?')
    await w.get(`${typed} [data-field="answers[0]"]`).setValue('Romania')

    const cloze = await addCard(w, 'cloze')
    await w
      .get(`${cloze} [data-field="text"]`)
      .setValue('SM-3 stands for {{c1::Standard Missile 3}}')

    expect(w.find('[data-testid="problem-count"]').exists()).toBe(false)
    await w.get('[data-testid="save-deck"]').trigger('click')
    await vi.waitFor(async () => expect(await getDeck('gulf-systems')).toBeDefined())
    const stored = (await getDeck('gulf-systems'))!
    expect(stored.origin).toBe('user')
    expect(stored.deck.cards.map((c) => c.type)).toEqual(['basic', 'typed', 'cloze'])
    expect(stored.deck.cards[1]).toMatchObject({
      prompt: 'Which country hosts Aegis Ashore?',
      answers: ['Romania'],
    })
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/edit/gulf-systems'))
  })

  // was: a new card showed "must not be empty" at once, and Save stayed disabled; now its
  // messages wait for the field to be left after an edit, or for a save attempt
  it('shows an inline message for a prompt left empty, and clears it once filled', async () => {
    const { wrapper: w } = await mountAt('/edit')
    await w.get('.deck-form [data-field="title"]').setValue('Checks')
    const row = await addCard(w, 'typed')
    expect(w.get(row).text()).not.toContain('must not be empty')
    expect(w.find('[data-testid="problem-count"]').exists()).toBe(false)

    const prompt = w.get(`${row} [data-field="prompt"]`)
    await prompt.setValue('W')
    await prompt.setValue('')
    await prompt.trigger('focusout')
    expect(w.get(row).text()).toContain('Question must not be empty')
    expect(prompt.attributes('aria-invalid')).toBe('true')
    expect(w.get('[data-testid="problem-count"]').text()).toBe('1 problem')
    expect(w.get('[data-testid="save-deck"]').attributes('disabled')).toBeUndefined()

    await prompt.setValue('Where is Aegis Ashore?')
    await w.get(`${row} [data-field="answers[0]"]`).setValue('Romania')
    expect(w.get(row).text()).not.toContain('must not be empty')
    expect(w.find('[data-testid="problem-count"]').exists()).toBe(false)
  })

  it('undoes an added card with Ctrl+Z', async () => {
    const { wrapper: w } = await mountAt('/edit')
    await addCard(w, 'numeric')
    expect(w.findAll('[data-card-index]')).toHaveLength(1)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true }))
    await flushPromises()
    expect(w.findAll('[data-card-index]')).toHaveLength(0)
  })

  it('adds the cards of a quick list', async () => {
    const { wrapper: w } = await mountAt('/edit')
    // the quick entry (and the importers it brings) mounts when its panel is opened
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(w.find('[data-testid="quick-text"]').exists()).toBe(false)
    const panel = w.get<HTMLDetailsElement>('[data-testid="quick-toggle"]')
    panel.element.open = true
    await panel.trigger('toggle')
    await vi.waitFor(() => expect(w.find('[data-testid="quick-text"]').exists()).toBe(true))
    await w.get('[data-testid="quick-text"]').setValue('THAAD — a battery\nSM-3 — an interceptor')
    await w.get('[data-testid="quick-accept"]').trigger('click')
    expect(w.findAll('[data-card-index]')).toHaveLength(2)
    expect(w.get('[data-card-index="1"]').text()).toContain('SM-3 → an interceptor')
  })
})

describe('QuickEntry', () => {
  it('parses pasted lines into cards and lists the lines it could not read', async () => {
    const w = mount(QuickEntry, { props: { takenIds: ['thaad'] } })
    await w
      .get('textarea')
      .setValue(
        'THAAD — Terminal High Altitude Area Defense\nno separator here\nSM-3\tStandard Missile 3\n{{c1::Aegis}} Ashore is in Romania',
      )
    expect(w.get('[data-testid="quick-status"]').text()).toBe('3 cards read, 1 line to check.')
    expect(w.text()).toContain('line 2: no separator found')
    const rows = w.findAll('tbody tr')
    expect(rows.map((r) => r.find('td').text())).toEqual(['1', '3', '4'])
    await w.get('[data-testid="quick-accept"]').trigger('click')
    const [cards] = w.emitted<[Card[]]>('accept')![0]!
    expect(cards.map((c) => [c.id, c.type])).toEqual([
      ['thaad-2', 'basic'],
      ['sm-3', 'basic'],
      ['aegis-ashore-is-in-romania', 'cloze'],
    ])
    expect((w.get('textarea').element as HTMLTextAreaElement).value).toBe('')
  })
})

describe('CardPreview', () => {
  const typed: Card = {
    id: 'where',
    type: 'typed',
    kind: 'country',
    prompt: 'Where is Aegis Ashore?',
    answers: ['Romania'],
    paragraphs: [3],
    tags: [],
    explanation: 'Deveselu base.',
  }

  it('renders the card as a student sees it and grades an answer', async () => {
    const w = mount(CardPreview, { props: { card: typed, deckId: 'd' } })
    expect(w.get('h3.prompt').text()).toBe('Where is Aegis Ashore?')
    await w.get('[data-testid="typed-input"]').setValue('romania')
    await w.get('form.typed').trigger('submit')
    expect(w.text()).toContain('Right')
    expect(w.text()).toContain('Deveselu base.')
    expect(w.text()).toContain('paragraph 3')
  })

  it('shows a flashcard front first and its back on request, and a quiz form too', async () => {
    const basic: Card = {
      id: 'b',
      type: 'basic',
      kind: 'other',
      front: 'THAAD',
      back: 'Terminal High Altitude Area Defense',
      reversible: true,
      paragraphs: [],
      tags: [],
    }
    const w = mount(CardPreview, { props: { card: basic, deckId: 'd' } })
    expect(w.get('h3.prompt').text()).toBe('THAAD')
    expect(w.find('[data-testid="card-back"]').exists()).toBe(false)
    await w.get('button.btn-primary').trigger('click')
    expect(w.get('[data-testid="card-back"]').text()).toBe('Terminal High Altitude Area Defense')
    await w
      .findAll('button')
      .find((b) => b.text() === 'Back to front')!
      .trigger('click')
    expect(w.get('h3.prompt').text()).toBe('Terminal High Altitude Area Defense')

    await w.setProps({ card: typed })
    await w
      .findAll('button')
      .find((b) => b.text() === 'As a quiz question')!
      .trigger('click')
    expect(
      w.get('[data-testid="card-preview"] article.question').attributes('data-form'),
    ).toBeTruthy()
  })

  // regression: a card with an empty field showed only "Fix the problems above…"
  it('previews a card still being written with placeholders for its empty fields', async () => {
    const w = mount(CardPreview, {
      props: { card: { ...typed, prompt: '', answers: [''] }, deckId: 'd' },
    })
    expect(w.find('[data-testid="preview-invalid"]').exists()).toBe(false)
    expect(w.get('[data-testid="preview-placeholders"]').text()).toContain('“Question”')
    expect(w.get('h3.prompt').text()).toBe('Question')
    await w.setProps({ card: { ...typed, prompt: 'Where is Aegis Ashore?', answers: [''] } })
    expect(w.get('h3.prompt').text()).toBe('Where is Aegis Ashore?')
    await w.setProps({ card: typed })
    expect(w.find('[data-testid="preview-placeholders"]').exists()).toBe(false)
  })

  it('fills an empty flashcard with “Question” and “Answer”', async () => {
    const empty: Card = {
      id: 'b',
      type: 'basic',
      kind: 'other',
      front: '',
      back: '',
      reversible: false,
      paragraphs: [],
      tags: [],
    }
    const w = mount(CardPreview, { props: { card: empty, deckId: 'd' } })
    expect(w.get('h3.prompt').text()).toBe('Question')
    await w.get('button.btn-primary').trigger('click')
    expect(w.get('[data-testid="card-back"]').text()).toBe('Answer')
  })

  it('says why a card that placeholders cannot complete has no preview', () => {
    const numeric: Card = {
      id: 'n',
      type: 'numeric',
      kind: 'number',
      prompt: 'How many SM-3 launchers?',
      answer: Number.NaN,
      paragraphs: [],
      tags: [],
    }
    const w = mount(CardPreview, { props: { card: numeric, deckId: 'd' } })
    expect(w.get('[data-testid="preview-invalid"]').text()).toMatch(/can be asked: Answer must be/)
    expect(w.find('[data-testid="card-preview"]').exists()).toBe(false)
  })
})

describe('ImportView', () => {
  it('previews pasted text, shows what it adds, and imports it on confirm', async () => {
    const { wrapper: w } = await mountAt('/import')
    await w
      .get('[data-testid="import-text"]')
      .setValue(
        'THAAD\tTerminal High Altitude Area Defense\nSM-3\tStandard Missile 3\n<img src=x onerror=alert(1)>\tan image tag',
      )
    await w.get('[data-testid="read-pasted"]').trigger('click')
    await vi.waitFor(() => expect(w.find('[data-testid="import-preview"]').exists()).toBe(true))
    expect(w.get('[data-testid="import-effect"]').text()).toContain('adds a new deck with 3 cards')
    // untrusted content is text: no element was made from it
    expect(w.find('img').exists()).toBe(false)
    expect(w.get('[data-testid="import-progress"]').text()).toContain('Ready: 3 cards checked.')
    expect(await listDecks()).toEqual([])
    await w.get('[data-testid="confirm-import"]').trigger('click')
    await vi.waitFor(() => expect(w.find('[data-testid="import-done"]').exists()).toBe(true))
    expect((await listDecks())[0]!.deck.cards).toHaveLength(3)
  })

  it('explains a refused import and changes nothing', async () => {
    const { wrapper: w } = await mountAt('/import')
    await w
      .get('[data-testid="import-text"]')
      .setValue('{ "id": "x", "title": "T", "cards": [ { "id": "a", "type": "basic" } ] }')
    await w.get('[data-testid="read-pasted"]').trigger('click')
    await vi.waitFor(() => expect(w.find('[data-testid="import-failed"]').exists()).toBe(true))
    expect(w.get('[data-testid="import-failed"]').text()).toContain(
      'Nothing on this device was changed',
    )
    expect(w.get('[data-testid="import-failed"]').text()).toContain('front')
    expect(await listDecks()).toEqual([])
  })
})

describe('ImportPreview', () => {
  it('says what an update adds, changes and removes', () => {
    const old = makeDeck({
      id: 'd',
      title: 'Mine',
      cards: [
        {
          id: 'a',
          type: 'basic',
          kind: 'other',
          front: 'A',
          back: 'B',
          reversible: false,
          paragraphs: [],
          tags: [],
        },
      ],
    })
    const next = makeDeck({
      id: 'd',
      title: 'Mine',
      cards: [
        {
          id: 'b',
          type: 'basic',
          kind: 'other',
          front: 'C',
          back: 'D',
          reversible: false,
          paragraphs: [],
          tags: [],
        },
      ],
    })
    const w = mount(ImportPreview, {
      props: { plan: planImport(next, [{ id: 'd', origin: 'user', deck: old }]) },
    })
    const effect = w.get('[data-testid="import-effect"]').text()
    expect(effect).toContain('updates your deck “Mine”')
    expect(effect).toContain('adds 1 card')
    expect(effect).toContain('removes 1 card')
    expect(w.text()).toContain('C → D')
  })
})

describe('touchShows', () => {
  it('shows the problems of the touched field, its parts and its list', () => {
    expect(touchShows('prompt', 'prompt')).toBe(true)
    expect(touchShows('answers[1]', 'answers[1]')).toBe(true)
    expect(touchShows('answers[1]', 'answers')).toBe(true)
    expect(touchShows('event', 'event.year')).toBe(true)
    expect(touchShows('distractors[0]', 'choices[2]')).toBe(true)
    expect(touchShows('answers[0]', 'answers[1]')).toBe(false)
    expect(touchShows('front', 'back')).toBe(false)
    expect(touchShows('front', undefined)).toBe(false)
  })
})
