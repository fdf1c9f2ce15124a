// Timed quizzes in the built app: the clock, a reload mid-quiz, and a shared link.
import { afterEach, describe, expect, it } from 'vitest'
import type { QuizConfig } from '@/core/quiz/config'
import { quizLink, TIME_RUNS_OUT } from '../fixtures/quizScenarios'
import { BASE, openProfile, type Profile } from './browser'

const profiles: Profile[] = []
afterEach(async () => {
  for (const p of profiles.splice(0)) {
    expect(p.foreign).toEqual([])
    await p.close()
  }
})

async function open(): Promise<Profile> {
  const p = await openProfile()
  profiles.push(p)
  return p
}

const link = (config: Partial<QuizConfig>) => quizLink(BASE, config)

async function startShared(p: Profile, url: string) {
  await p.page.goto(url)
  await p.page.getByTestId('start-shared').click()
  await p.page.waitForURL(/\/quiz\/sit\//)
  await p.page.locator('article.question').waitFor()
}

/** Reads seconds left from the timer ("1:05" → 65). */
async function secondsLeft(p: Profile): Promise<number> {
  const text = (await p.page.getByTestId('timer').textContent()) ?? ''
  const [m, s] = text.split(':').map(Number)
  return (m ?? 0) * 60 + (s ?? 0)
}

async function prompts(p: Profile, n: number): Promise<string[]> {
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    await p.page.getByRole('heading', { name: `Question ${i + 1} of ${n}` }).waitFor()
    const question = p.page.locator('article.question')
    out.push(await question.innerText())
    if (i < n - 1) await p.page.locator('[data-next]').click()
  }
  return out
}

describe('timed quiz', () => {
  // Regression: "Start quiz" on the form failed silently (the settings could not be stored).
  it('starts from the quiz form', async () => {
    const { page } = await open()
    await page.goto(`${BASE}/quiz`)
    await page.getByLabel('Number of questions').fill('3')
    await page.getByRole('button', { name: 'Start quiz' }).click()
    await page.waitForURL(/\/quiz\/sit\//)
    await page.locator('article.question').waitFor()
    await expect(page.locator('article.question').count()).resolves.toBe(1)
  })

  it('submits itself when the time runs out, unanswered questions wrong', async () => {
    const s = TIME_RUNS_OUT
    const p = await open()
    await startShared(p, link(s.config))
    await p.page.keyboard.press(s.answerKey) // one answer, then let the clock run
    await p.page.waitForURL(/\/quiz\/result\//, { timeout: s.waitMs })
    await p.page.getByText(s.notice).waitFor()
    const rows = await p.page.locator('.times tbody tr').count()
    expect(rows).toBe(s.questions)
    await expect(p.page.locator('.times').getByText(s.unansweredText).count()).resolves.toBe(
      s.unanswered,
    )
  })

  it('resumes after a reload with the right time left and the answers given', async () => {
    const p = await open()
    await startShared(p, link({ timing: { kind: 'total', limitMs: 120_000 } }))
    await p.page.keyboard.press('2')
    await expect(p.page.locator('[aria-pressed=true]').count()).resolves.toBe(1)
    const chosen = await p.page.locator('[aria-pressed=true] .label').textContent()
    await p.page.waitForTimeout(2_500)
    const before = await secondsLeft(p)
    await p.page.reload()
    await p.page.locator('article.question').waitFor()
    const after = await secondsLeft(p)
    // the clock kept running through the reload: it neither restarted nor jumped
    expect(after).toBeLessThanOrEqual(before)
    expect(after).toBeGreaterThanOrEqual(before - 4)
    expect(after).toBeLessThan(120)
    await expect(p.page.locator('[aria-pressed=true] .label').textContent()).resolves.toBe(chosen)
  })
})

describe('shared quiz link', () => {
  it('gives the same questions in a fresh profile', async () => {
    const url = link({ count: 5, forms: ['single', 'truefalse', 'typed'], seed: 'shared-seed-1' })
    const a = await open()
    await startShared(a, url)
    const first = await prompts(a, 5)
    const b = await open()
    await startShared(b, url)
    const second = await prompts(b, 5)
    expect(second).toEqual(first)
    expect(new Set(first).size).toBe(5)
  })

  it('explains a damaged link', async () => {
    const p = await open()
    await p.page.goto(`${BASE}/quiz/join?c=not-a-real-code`)
    await p.page.getByText('This quiz link is damaged.').waitFor()
    await expect(p.page.getByTestId('start-shared').count()).resolves.toBe(0)
  })
})
