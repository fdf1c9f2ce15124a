import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import QuickEntry from '@/components/editor/QuickEntry.vue'
import type { Card } from '@/core/deck'

afterEach(() => {
  vi.useRealTimers()
})

const status = (w: ReturnType<typeof mount>) => w.get('[data-testid="quick-status"]').text()

describe('QuickEntry', () => {
  // regression: every keystroke re-parsed the whole paste, up to 5 MB
  it('parses a long paste once typing pauses, and at once when adding', async () => {
    vi.useFakeTimers()
    const w = mount(QuickEntry)
    const long = Array.from({ length: 2000 }, (_, i) => `Term ${i}\tDefinition ${i}`).join('\n')
    await w.get('textarea').setValue(long)
    expect(status(w)).toBe('0 cards read.')
    await vi.advanceTimersByTimeAsync(100)
    await w.get('textarea').setValue(`${long}\nLast\tone`)
    await vi.advanceTimersByTimeAsync(100)
    expect(status(w)).toBe('0 cards read.')
    await vi.advanceTimersByTimeAsync(100)
    expect(status(w)).toBe('2,001 cards read.')

    await w.get('textarea').setValue(`${long}\nOne\tmore`)
    await w.get('[data-testid="quick-accept"]').trigger('click')
    const [cards] = w.emitted<[Card[]]>('accept')![0]!
    expect(cards.at(-1)).toMatchObject({ front: 'One', back: 'more' })
  })

  it('removes every line of a card whose cell spans several lines', async () => {
    const w = mount(QuickEntry)
    await w.get('textarea').setValue('Aegis Ashore\t"Deveselu,\nRedzikowo"\nSM-3\tinterceptor')
    expect(status(w)).toBe('2 cards read.')
    await w.get('button[aria-label="Remove line 1"]').trigger('click')
    expect((w.get('textarea').element as HTMLTextAreaElement).value).toBe('SM-3\tinterceptor')
    expect(status(w)).toBe('1 card read.')
  })
})
