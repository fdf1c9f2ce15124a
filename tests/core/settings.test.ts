import { describe, expect, it } from 'vitest'
import { DEFAULT_WEIGHTS } from '@/core/scheduler'
import {
  DEFAULT_SETTINGS,
  readSettings,
  schedulerSettings,
  settingsFormProblems,
  settingsProblems,
} from '@/core/settings'
import { formatSteps, parseSteps, validSteps } from '@/core/schedulerDefaults'

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

describe('settingsFormProblems', () => {
  it('finds nothing wrong with the defaults', () => {
    expect(settingsFormProblems(DEFAULT_SETTINGS)).toEqual({})
  })

  it('calls an emptied number box empty instead of taking the default', () => {
    const problems = settingsFormProblems({ ...DEFAULT_SETTINGS, newPerDay: '' })
    expect(problems).toEqual({
      newPerDay: 'New cards per day is empty: enter a whole number from 0 to 9999.',
    })
  })

  it('names the rule a number out of range breaks', () => {
    const problems = settingsFormProblems({ ...DEFAULT_SETTINGS, maximumIntervalDays: 0 })
    expect(problems.maximumIntervalDays).toBe(
      'Maximum interval must be a whole number of days from 1 to 36500.',
    )
  })

  it('shows what learning steps look like when they are wrong', () => {
    const problems = settingsFormProblems({ ...DEFAULT_SETTINGS, learningSteps: ['ten'] })
    expect(problems.learningSteps).toContain('“1m 10m”')
  })
})

describe('learning steps as text', () => {
  it('reads steps split by spaces or commas and writes them back with spaces', () => {
    expect(parseSteps(' 1m, 10m\t1h ')).toEqual(['1m', '10m', '1h'])
    expect(parseSteps('')).toEqual([])
    expect(formatSteps(parseSteps('1m,10m'))).toBe('1m 10m')
  })

  it('leaves judging a step to validSteps', () => {
    const steps = parseSteps('1m ten')
    expect(steps).toEqual(['1m', 'ten'])
    expect(validSteps(steps)).toBe(false)
  })
})
