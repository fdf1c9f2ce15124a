import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import { createMemoryHistory, createRouter, RouterLink } from 'vue-router'
import HelpDialog from '@/components/HelpDialog.vue'
import DeckTile from '@/components/library/DeckTile.vue'
import MasteryBar from '@/components/library/MasteryBar.vue'
import SessionProgress from '@/components/study/SessionProgress.vue'
import type { DeckCounts } from '@/core/progress'
import { RouteName, routes } from '@/router'

enableAutoUnmount(afterEach)

describe('SessionProgress', () => {
  it('shows cards done out of the total as a progress bar', () => {
    const w = mount(SessionProgress, { props: { done: 3, total: 12 } })
    const bar = w.get('[role="progressbar"]')
    expect(bar.attributes('aria-label')).toBe('Session progress')
    expect(bar.attributes('aria-valuemax')).toBe('12')
    expect(bar.attributes('aria-valuenow')).toBe('3')
    expect(bar.attributes('aria-valuetext')).toBe('3 of 12 cards')
    expect(w.text()).toContain('3/12')
    expect(w.get('.fill').attributes('style')).toContain('width: 25%')
  })

  it('never reports more than the total as done', () => {
    const w = mount(SessionProgress, { props: { done: 5, total: 4 } })
    expect(w.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('4')
    expect(w.get('.fill').attributes('style')).toContain('width: 100%')
  })

  it('shows an empty bar for an empty session', () => {
    const w = mount(SessionProgress, { props: { done: 0, total: 0 } })
    expect(w.text()).toContain('0/0')
    expect(w.get('.fill').attributes('style')).toContain('width: 0%')
  })
})

describe('MasteryBar', () => {
  const counts = (over: Partial<DeckCounts>): DeckCounts => ({
    total: 20,
    new: 20,
    learning: 0,
    learned: 0,
    due: 0,
    mastery: 0,
    mastered: 0,
    ...over,
  })

  // regression: a first session read "0% mastered" beside "4 learned"
  it('counts learned cards as progress from the first session, with no discouraging zero', () => {
    const w = mount(MasteryBar, {
      props: { counts: counts({ new: 13, learning: 3, learned: 4 }), label: 'Progress in Europe' },
    })
    const meter = w.get('[role="meter"]')
    expect(meter.attributes('aria-label')).toBe('Progress in Europe')
    expect(meter.attributes('aria-valuenow')).toBe('20')
    expect(meter.attributes('aria-valuetext')).toBe('4 of 20 learned · 3 in learning')
    expect(w.get('.fill').attributes('style')).toContain('width: 20%')
    expect(w.text()).not.toMatch(/0% mastered|mastered/)
  })

  it('names mastered cards once there are some, darker within the learned part', () => {
    const w = mount(MasteryBar, {
      props: { counts: counts({ new: 10, learned: 10, mastered: 5, mastery: 0.25 }), label: 'x' },
    })
    expect(w.text()).toContain('10 of 20 learned · 5 mastered')
    expect(w.get('.fill').attributes('style')).toContain('width: 50%')
    expect(w.get('.fill-mastered').attributes('style')).toContain('width: 50%')
  })

  it('says a deck is not started yet', () => {
    expect(mount(MasteryBar, { props: { counts: counts({}), label: 'x' } }).text()).toBe(
      'Not started: 20 to learn',
    )
  })
})

describe('HelpDialog', () => {
  const SHORTCUTS = [
    { keys: ['Space', 'Enter'], action: 'Show the answer' },
    { keys: ['U'], action: 'Undo the last answer' },
  ]
  const proto = HTMLDialogElement.prototype as Partial<HTMLDialogElement>
  const hadShowModal = 'showModal' in proto

  beforeEach(() => {
    // jsdom has no modal dialogs; these stand in for the browser's
    if (!hadShowModal) {
      proto.showModal = function (this: HTMLDialogElement) {
        this.setAttribute('open', '')
      }
      proto.close = function (this: HTMLDialogElement) {
        this.removeAttribute('open')
        this.dispatchEvent(new Event('close'))
      }
    }
  })
  afterEach(() => {
    if (!hadShowModal) {
      delete proto.showModal
      delete proto.close
    }
  })

  it('lists each shortcut with its keys under the title', () => {
    const w = mount(HelpDialog, {
      props: { open: false, title: 'Keyboard shortcuts', shortcuts: SHORTCUTS },
    })
    const dialog = w.get('dialog')
    expect(dialog.attributes('aria-labelledby')).toBe(w.get('h2').attributes('id'))
    expect(w.get('h2').text()).toBe('Keyboard shortcuts')
    const rows = w.findAll('tr')
    expect(rows.map((r) => r.get('th').text())).toEqual(['Space or Enter', 'U'])
    expect(rows.map((r) => r.get('td').text())).toEqual(['Show the answer', 'Undo the last answer'])
    expect(rows[0]!.findAll('kbd').map((k) => k.text())).toEqual(['Space', 'Enter'])
  })

  it('opens as a modal when asked and closes again', async () => {
    const w = mount(HelpDialog, { props: { open: true, title: 'Help', shortcuts: SHORTCUTS } })
    const dialog = w.get('dialog').element as HTMLDialogElement
    expect(dialog.open).toBe(true)
    await w.setProps({ open: false })
    expect(dialog.open).toBe(false)
    await w.setProps({ open: true })
    expect(dialog.open).toBe(true)
  })

  it('tells its parent when the dialog closes or is dismissed with Escape', async () => {
    const w = mount(HelpDialog, { props: { open: true, title: 'Help', shortcuts: SHORTCUTS } })
    await w.get('dialog').trigger('cancel')
    await w.get('dialog').trigger('close')
    expect(w.emitted('close')).toHaveLength(2)
    expect(w.get('form').attributes('method')).toBe('dialog')
    expect(w.get('form button').text()).toBe('Close')
  })
})

describe('DeckTile', () => {
  const counts: DeckCounts = {
    total: 20,
    new: 12,
    learning: 2,
    learned: 6,
    due: 3,
    mastery: 0.25,
    mastered: 5,
  }

  async function mountTile(props: Partial<InstanceType<typeof DeckTile>['$props']> = {}) {
    const router = createRouter({ history: createMemoryHistory(), routes })
    await router.push('/')
    await flushPromises()
    // the links are the page's (as LibraryView gives them): the tile places them
    return mount(DeckTile, {
      props: {
        title: 'Europe and NATO',
        description: 'Sites, radars and ships.',
        counts,
        ...props,
      },
      slots: {
        title: () =>
          h(
            RouterLink,
            { to: { name: RouteName.deck, params: { id: 'eu' } } },
            () => 'Europe and NATO',
          ),
        actions: ({ due }: { due: boolean }) =>
          h(
            RouterLink,
            {
              to: { name: RouteName.study, params: { deckId: 'eu' } },
              class: ['btn', due ? 'btn-primary' : ''],
              'aria-label': 'Study Europe and NATO',
            },
            () => 'Study',
          ),
      },
      global: { plugins: [router] },
    })
  }

  it('links the title to the deck and shows its description', async () => {
    const w = await mountTile()
    const title = w.get('h3 a')
    expect(title.text()).toBe('Europe and NATO')
    expect(title.attributes('href')).toBe('/deck/eu')
    expect(w.text()).toContain('Sites, radars and ships.')
  })

  it('shows what is due, new and learned, and the mastery', async () => {
    const w = await mountTile()
    expect(w.findAll('.counts .badge').map((b) => b.text())).toEqual([
      '3 due',
      '12 new',
      '6 learned',
    ])
    expect(w.get('[role="meter"]').attributes('aria-label')).toBe('Progress in Europe and NATO')
    expect(w.get('[role="meter"]').attributes('aria-valuenow')).toBe('30')
  })

  it('offers a Study link that stands out while cards are due', async () => {
    const due = await mountTile()
    const study = due.get('a[aria-label="Study Europe and NATO"]')
    expect(study.attributes('href')).toBe('/study/eu')
    expect(study.classes()).toContain('btn-primary')
    const idle = await mountTile({ counts: { ...counts, due: 0 } })
    expect(idle.get('a[aria-label="Study Europe and NATO"]').classes()).not.toContain('btn-primary')
  })

  it('marks the learner’s own decks', async () => {
    expect((await mountTile()).text()).not.toContain('Yours')
    expect((await mountTile({ userDeck: true })).text()).toContain('Yours')
  })
})
