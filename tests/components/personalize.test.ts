import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import PersonalizeFit from '@/components/personalize/PersonalizeFit.vue'
import RetentionHelper from '@/components/personalize/RetentionHelper.vue'
import { verdict, type FitReport } from '@/core/personalize'
import type { SimulationResult } from '@/core/simulate'

const base = {
  usable: 150,
  needed: 250,
  status: { kind: 'idle' as const },
  progress: 0,
  personal: false,
  canRestorePrevious: false,
  refitSuggested: false,
}
const score = (logLoss: number, rmseBins: number) => ({ logLoss, rmseBins, reviews: 120 })

describe('PersonalizeFit', () => {
  it('says how many usable reviews there are and how many more are needed, with fitting off', () => {
    const w = mount(PersonalizeFit, { props: base })
    expect(w.get('[data-testid=usable]').text()).toMatch(
      /150 usable reviews.*Fitting needs 400: 250 more/s,
    )
    expect(w.get('[data-testid=fit]').attributes('disabled')).toBeDefined()
    expect(w.text()).toContain("In use: FSRS's default parameters")
  })

  it('shows progress and a cancel button while fitting', async () => {
    const w = mount(PersonalizeFit, {
      props: {
        ...base,
        needed: 0,
        status: { kind: 'running', phase: 'all', startedAt: 0 },
        progress: 0.5,
      },
    })
    expect(w.get('progress').attributes('value')).toBe('0.5')
    expect(w.text()).toContain('Fitting to your whole history…')
    await w.get('button').trigger('click')
    expect(w.emitted('cancel')).toHaveLength(1)
    expect(w.find('[data-testid=fit]').exists()).toBe(false)
  })

  it('shows the gain in words and numbers, and offers to adopt only a better fit', async () => {
    const report: FitReport = {
      usable: 600,
      current: null,
      defaults: score(0.4, 0.08),
      currentScore: score(0.4, 0.08),
      heldOutFit: score(0.38, 0.06),
      weights: [],
    }
    const better = mount(PersonalizeFit, {
      props: { ...base, needed: 0, status: { kind: 'done', report, verdict: verdict(report) } },
    })
    const text = better.get('[data-testid=verdict]').text()
    expect(text).toContain('predicts your recall 25% better than the default parameters')
    expect(text).toMatch(/Defaults\s*8\.0%\s*0\.400/)
    expect(text).toMatch(/Fitted to you\s*6\.0%\s*0\.380/)
    await better.get('[data-testid=adopt]').trigger('click')
    expect(better.emitted('adopt')).toHaveLength(1)

    const worseReport = { ...report, heldOutFit: score(0.41, 0.09) }
    const worse = mount(PersonalizeFit, {
      props: {
        ...base,
        needed: 0,
        status: { kind: 'done', report: worseReport, verdict: verdict(worseReport) },
      },
    })
    expect(worse.find('[data-testid=adopt]').exists()).toBe(false)
    expect(worse.text()).toContain('nothing changes')
  })

  it('offers defaults and the previous parameters when personal ones are in use', async () => {
    const w = mount(PersonalizeFit, {
      props: { ...base, needed: 0, personal: true, canRestorePrevious: true, refitSuggested: true },
    })
    expect(w.text()).toContain('Your history has grown since the last fit')
    await w
      .findAll('button')
      .find((b) => b.text() === 'Back to defaults')!
      .trigger('click')
    await w
      .findAll('button')
      .find((b) => b.text() === 'Restore previous parameters')!
      .trigger('click')
    expect(w.emitted('defaults')).toHaveLength(1)
    expect(w.emitted('restore')).toHaveLength(1)
  })
})

describe('RetentionHelper', () => {
  const results: SimulationResult[] = [0.7, 0.8, 0.9].map((retention, i) => ({
    retention,
    reviewsPerDay: 10 + i * 10,
    minutesPerDay: 2 + i * 2,
    remembered: 100 + i * 50,
    daily: [],
  }))

  it('charts the simulation and sets the retention picked', async () => {
    const w = mount(RetentionHelper, {
      props: { results, retention: 0.9, days: 180, running: false },
    })
    expect(w.findAll('figure')).toHaveLength(3)
    expect(w.get('[data-testid=retention-readout]').text()).toMatch(
      /At 90%: about 30\.0 reviews and 6\.0 minutes a day, and about 200 cards/,
    )
    expect(w.get('[data-testid=choose-retention]').attributes('disabled')).toBeDefined()
    await w.get('#retention-pick').setValue(0)
    expect(w.get('[data-testid=retention-readout]').text()).toContain('At 70%')
    await w.get('[data-testid=choose-retention]').trigger('click')
    expect(w.emitted('choose')).toEqual([[0.7]])
  })

  it('asks to run the simulation before there is one', async () => {
    const w = mount(RetentionHelper, {
      props: { results: [], retention: 0.9, days: 180, running: false },
    })
    expect(w.findAll('figure')).toHaveLength(0)
    await w.get('[data-testid=simulate]').trigger('click')
    expect(w.emitted('run')).toHaveLength(1)
  })
})
