import { enableAutoUnmount, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { computed, defineComponent, h } from 'vue'
import QuizTimer from '@/components/quiz/QuizTimer.vue'
import { useNow } from '@/composables/useNow'
import { NOW } from '../fixtures/decks'

enableAutoUnmount(afterEach)
afterEach(() => {
  vi.useRealTimers()
})

describe('QuizTimer', () => {
  it('shows minutes and seconds left, rounding up to the next whole second', () => {
    const w = mount(QuizTimer, { props: { remainingMs: 125_000 } })
    expect(w.get('[role="timer"]').text()).toBe('2:05')
    expect(
      mount(QuizTimer, { props: { remainingMs: 59_001 } })
        .get('[role="timer"]')
        .text(),
    ).toBe('1:00')
    expect(
      mount(QuizTimer, { props: { remainingMs: 0 } })
        .get('[role="timer"]')
        .text(),
    ).toBe('0:00')
    expect(
      mount(QuizTimer, { props: { remainingMs: 61 * 60_000 } })
        .get('[role="timer"]')
        .text(),
    ).toBe('61:00')
  })

  it('names what the limit is for', () => {
    const quiz = mount(QuizTimer, { props: { remainingMs: 90_000 } })
    expect(quiz.text()).toContain('Time left')
    expect(quiz.get('[role="timer"]').attributes('aria-label')).toBe('Time left: 1:30')
    const question = mount(QuizTimer, { props: { remainingMs: 9_000, scope: 'Question' } })
    expect(question.get('[role="timer"]').attributes('aria-label')).toBe('Question left: 0:09')
  })

  it('turns urgent in the last minute', () => {
    expect(
      mount(QuizTimer, { props: { remainingMs: 60_001 } })
        .get('.timer')
        .classes(),
    ).not.toContain('urgent')
    expect(
      mount(QuizTimer, { props: { remainingMs: 60_000 } })
        .get('.timer')
        .classes(),
    ).toContain('urgent')
    expect(
      mount(QuizTimer, { props: { remainingMs: 5_000 } })
        .get('.timer')
        .classes(),
    ).toContain('urgent')
  })

  it('draws the bar as the share of the limit left', () => {
    const w = mount(QuizTimer, { props: { remainingMs: 30_000, limitMs: 120_000 } })
    expect(w.get('.fill').attributes('style')).toContain('scaleX(0.25)')
  })

  it('shows no clock for an untimed quiz but keeps the live region', () => {
    const w = mount(QuizTimer, { props: { remainingMs: null, announcement: '' } })
    expect(w.find('[role="timer"]').exists()).toBe(false)
    expect(w.find('[aria-live="assertive"]').exists()).toBe(true)
  })

  it('says the announcement in an assertive live region, not every second', async () => {
    const w = mount(QuizTimer, { props: { remainingMs: 61_000, announcement: '' } })
    const live = w.get('[aria-live="assertive"]')
    expect(live.attributes('aria-atomic')).toBe('true')
    expect(live.text()).toBe('')
    await w.setProps({ remainingMs: 60_000, announcement: 'One minute left.' })
    expect(live.text()).toBe('One minute left.')
    // the timer itself is not a live region: it would speak every tick
    expect(w.get('[role="timer"]').attributes('aria-live')).toBeUndefined()
  })

  it('counts down from a wall clock read through useNow', async () => {
    vi.useFakeTimers()
    let clock = NOW
    const deadline = NOW + 65_000
    const Countdown = defineComponent(() => {
      const now = useNow({ now: () => clock, tickMs: 1000 })
      const remainingMs = computed(() => Math.max(0, deadline - now.value))
      return () => h(QuizTimer, { remainingMs: remainingMs.value })
    })
    const w = mount(Countdown)
    expect(w.get('[role="timer"]').text()).toBe('1:05')
    // the tab slept: ticks do not count, the clock jumped
    clock = NOW + 50_000
    await vi.advanceTimersByTimeAsync(1000)
    expect(w.get('[role="timer"]').text()).toBe('0:15')
    expect(w.get('.timer').classes()).toContain('urgent')
    clock = deadline + 3_000
    await vi.advanceTimersByTimeAsync(1000)
    expect(w.get('[role="timer"]').text()).toBe('0:00')
  })
})
