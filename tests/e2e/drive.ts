// Answering whatever card is showing, the way a learner would, with the keyboard where possible.
import type { Page } from 'playwright-core'

/** Presses Tab until the focused element matches `selector` (keyboard-only navigation). */
export async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${selector}`)
}

/** The form of the card on screen, or null when no card shows. */
export async function currentForm(page: Page): Promise<string | null> {
  const card = page.locator('article.question')
  if (!(await card.count())) return null
  return card.getAttribute('data-form')
}

/**
 * Answers the card on screen (right or wrong, it does not matter which) and goes on.
 * Returns the form answered.
 */
export async function answerCard(page: Page, { keyboardOnly = false } = {}): Promise<string> {
  const form = await submitAnswer(page, { keyboardOnly })
  if (form === 'self') return form
  await page.locator('[data-continue]').waitFor()
  await page.keyboard.press('Enter')
  return form
}

/** Gives an answer to the card on screen without waiting for what follows. */
export async function submitAnswer(page: Page, { keyboardOnly = false } = {}): Promise<string> {
  await page.locator('article.question').waitFor()
  const form = (await currentForm(page))!
  switch (form) {
    case 'self':
      await page.keyboard.press('Space')
      await page.getByRole('group', { name: 'How well did you remember?' }).waitFor()
      await page.keyboard.press('3')
      // the rating commits, then the next card replaces this one
      await page
        .getByRole('group', { name: 'How well did you remember?' })
        .waitFor({ state: 'detached' })
      return form
    case 'single':
    case 'truefalse':
      await page.keyboard.press('1')
      break
    case 'multi':
      await page.keyboard.press('1')
      await page.keyboard.press('Enter')
      break
    case 'typed':
    case 'numeric':
    case 'cloze': {
      const field = page.locator('article.question input').first()
      if (keyboardOnly) await page.keyboard.type(form === 'numeric' ? '2015' : 'Romania')
      else await field.fill(form === 'numeric' ? '2015' : 'Romania')
      await page.keyboard.press('Enter')
      break
    }
    case 'ordering':
      if (keyboardOnly) {
        await tabTo(page, '[data-order-item]')
        await page.keyboard.press('Alt+ArrowDown')
        await tabTo(page, 'button[type=submit]')
        await page.keyboard.press('Enter')
      } else await page.getByRole('button', { name: 'Submit order' }).click()
      break
    case 'map': {
      if (keyboardOnly) await tabTo(page, '[role=combobox]')
      else await page.getByRole('combobox').focus()
      await page.keyboard.type('Romania')
      await page.keyboard.press('ArrowDown')
      await page.keyboard.press('Enter')
      if (keyboardOnly) await tabTo(page, 'button:not([disabled])[type=submit], button.submit')
      else await page.getByRole('button', { name: /submit/i }).focus()
      await page.keyboard.press('Enter')
      break
    }
    default:
      throw new Error(`no driver for ${form}`)
  }
  return form
}

/** Reads the Library's Today line. */
export async function todayText(page: Page): Promise<string> {
  return (await page.locator('.summary').textContent()) ?? ''
}
