// @vitest-environment node
// The FSRS optimizer (fsrs-rs in WebAssembly) on a synthetic learner, through the same wrapper
// the app's worker uses, and the command line that runs it.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { evaluateWeights } from '@/core/fsrsMetrics'
import { personalFit, tooShortMessage, verdict, type FitPhase } from '@/core/personalize'
import { cardHistories, holdOutFrom, serializeRevlog, usableReviews } from '@/core/revlog'
import { DEFAULT_WEIGHTS } from '@/core/scheduler'
import { loadNodeFit } from '../../scripts/fsrsNode'
import { learnerRevlog, LEARNER_WEIGHTS } from '../fixtures/learner'

describe('personal fit with the FSRS optimizer', () => {
  it('beats the defaults on the newest reviews of a learner whose memory differs from them', async () => {
    const fit = await loadNodeFit()
    const log = learnerRevlog(4000)
    const phases: FitPhase[] = []
    const outcome = personalFit(log, 0, null, fit, (p) => phases.push(p))
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    const { report } = outcome
    expect(phases).toEqual(['older', 'measuring', 'all'])
    expect(report.weights).toHaveLength(21)
    expect(report.weights).not.toEqual(DEFAULT_WEIGHTS)
    // fitted on the older 80% only, scored on the newest 20% it never saw
    expect(report.heldOutFit.reviews).toBeGreaterThan(500)
    expect(report.heldOutFit.logLoss).toBeLessThan(report.defaults.logLoss)
    expect(report.heldOutFit.rmseBins).toBeLessThan(report.defaults.rmseBins)
    expect(verdict(report).better).toBe(true)
    // the learner's first memories are weaker than the defaults assume, and the fit finds it
    expect(report.weights[2]!).toBeLessThan(DEFAULT_WEIGHTS[2]!)
    expect(Math.abs(report.weights[2]! - LEARNER_WEIGHTS[2]!)).toBeLessThan(
      Math.abs(DEFAULT_WEIGHTS[2]! - LEARNER_WEIGHTS[2]!),
    )
  }, 120_000)

  it('refuses a history too short, with the message the learner sees', async () => {
    const fit = await loadNodeFit()
    let called = false
    const outcome = personalFit(learnerRevlog(300), 0, null, (...args) => {
      called = true
      return fit(...args)
    })
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.usable).toBeLessThan(400)
    expect(outcome.message).toBe(tooShortMessage(outcome.usable))
    expect(outcome.message).toMatch(/^Not enough history yet: \d+ of the 400 reviews needed/)
    expect(called).toBe(false)
  })
})

describe('npm run fsrs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fsrs-cli-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const log = learnerRevlog(2000, 'cli')
  const csv = join(dir, 'revlog.csv')
  writeFileSync(csv, serializeRevlog(log))
  const run = (...args: string[]) =>
    spawnSync('npx', ['tsx', 'scripts/fsrs.ts', ...args], { encoding: 'utf8', timeout: 60_000 })

  it('optimize prints the 21 fitted parameters as a JSON array, and evaluate scores them', () => {
    const optimized = run('optimize', csv, '--minute-offset', '0')
    expect(optimized.status).toBe(0)
    const weights = JSON.parse(optimized.stdout) as number[]
    expect(weights).toHaveLength(21)
    const file = join(dir, 'weights.json')
    writeFileSync(file, JSON.stringify(weights))
    const evaluated = run('evaluate', csv, '--weights', file, '--minute-offset', '0')
    expect(evaluated.status).toBe(0)
    const histories = cardHistories(log, 0)
    const m = evaluateWeights(histories, weights, holdOutFrom(usableReviews(histories)))
    expect(evaluated.stdout.trim()).toBe(
      `logloss=${m.logLoss.toFixed(4)} rmse_bins=${m.rmseBins.toFixed(4)} reviews=${m.reviews}`,
    )
    const defaults = run('evaluate', csv, '--minute-offset', '0')
    expect(defaults.stdout).toMatch(/^logloss=0\.\d{4} rmse_bins=0\.\d{4} reviews=\d+\n$/)
    expect(defaults.stdout).not.toBe(evaluated.stdout)
  }, 120_000)

  it('says where a broken file is wrong and exits 1', () => {
    const bad = join(dir, 'bad.csv')
    writeFileSync(bad, 'card_id,review_time,review_rating,review_state\n1,1736150000000,9,2\n')
    const result = run('evaluate', bad)
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/Line 2: review_rating must be 1 \(again\) to 4 \(easy\)/)
  }, 60_000)
})
