import { describe, expect, it } from 'vitest'
import { DEFAULT_WEIGHTS } from '@/core/scheduler'
import { readSettings, schedulerSettings, settingsProblems } from '@/core/settings'

describe('personal FSRS parameters in the settings', () => {
  it('keeps 21 numbers, drops anything else, and hands them to the scheduler', () => {
    const weights = [...DEFAULT_WEIGHTS]
    expect(readSettings({ fsrsWeights: weights }).fsrsWeights).toEqual(weights)
    expect(schedulerSettings(readSettings({ fsrsWeights: weights })).weights).toEqual(weights)
    expect(readSettings({ fsrsWeights: [1, 2] }).fsrsWeights).toBeNull()
    expect(schedulerSettings(readSettings({})).weights).toBeUndefined()
    expect(settingsProblems({ fsrsWeights: ['a'] })).toEqual([
      'settings.fsrsWeights must be null or a list of 21 numbers (FSRS parameters)',
    ])
  })
})
