// Answering whatever card is showing in WebKit, the way a learner would: keys where the app has
// shortcuts, taps (WebDriver clicks) and typing elsewhere, a drag for an ordering question and a
// tap on the world map for a map question.
import { Key } from 'webdriverio'
import type { Browser } from './browser'

/**
 * Taps (clicks) an element once it is enabled, after scrolling it to the middle of the screen, as
 * a finger scrolls before it taps: WebDriver alone scrolls it to the bottom edge, under the sticky
 * action bar. (A WebDriver click on a disabled button silently does nothing.)
 */
export async function tap(browser: Browser, selector: string): Promise<void> {
  const el = await browser.$(selector)
  await el.waitForEnabled()
  await browser.execute(
    (e: HTMLElement) => e.scrollIntoView({ block: 'center' }),
    el as unknown as HTMLElement,
  )
  await el.click()
}

/** The form of the card on screen (waits for one). */
export async function currentForm(browser: Browser): Promise<string> {
  const card = browser.$('article.question')
  await card.waitForExist()
  return (await card.getAttribute('data-form')) ?? ''
}

/** The prompt of the card on screen. */
export async function currentPrompt(browser: Browser): Promise<string> {
  return browser.execute(
    () => document.querySelector('article.question .prompt')?.textContent?.trim() ?? '',
  )
}

/** Waits until the study screen has moved focus into the card (it then takes keys). */
async function cardReady(browser: Browser): Promise<void> {
  await browser.waitUntil(() =>
    browser.execute(
      () =>
        !!document.activeElement?.closest('main') &&
        document.activeElement.matches('[data-focus-first], input, article.question .prompt'),
    ),
  )
}

/** Drags an ordering item's grip down by one row with the mouse (Pointer Events in WebKit). */
async function dragFirstItemDown(browser: Browser): Promise<void> {
  const grips = await browser.$$('[data-order-item]')
  const first = await grips[0]!.getLocation()
  const second = await grips[1]!.getLocation()
  const size = await grips[0]!.getSize()
  const x = Math.round(first.x + size.width / 2)
  const y = Math.round(first.y + size.height / 2)
  await browser.performActions([
    {
      type: 'pointer',
      id: 'mouse',
      parameters: { pointerType: 'mouse' },
      actions: [
        { type: 'pointerMove', duration: 0, x, y },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerMove', duration: 150, x, y: Math.round(y + (second.y - first.y) / 2) },
        { type: 'pointerMove', duration: 150, x, y: Math.round(y + (second.y - first.y) * 1.2) },
        { type: 'pointerUp', button: 0 },
      ],
    },
  ])
  await browser.releaseActions()
}

/**
 * Gives an answer to the card on screen and returns its form. `right` answers are not needed:
 * the tests care that every form takes an answer and stores it, not the score.
 */
export async function submitAnswer(browser: Browser, { study = true } = {}): Promise<string> {
  const form = await currentForm(browser)
  // the study screen moves focus into the card; a quiz question takes its keys anywhere
  if (study) await cardReady(browser)
  switch (form) {
    case 'self':
      await browser.keys(Key.Space)
      await browser.$('[data-testid="rate-good"]').waitForExist()
      await browser.keys('3')
      // the rating commits, then the next card replaces this one
      await browser.$('[data-testid="rate-good"]').waitForExist({ reverse: true })
      return form
    case 'single':
    case 'truefalse':
      await browser.keys('1')
      break
    case 'multi':
      await tap(browser, '[data-testid="multi-1"]')
      await browser.keys(Key.Enter)
      break
    case 'typed':
    case 'numeric':
    case 'cloze': {
      const fields = await browser.$$('article.question input:not([readonly])')
      for (const field of fields) await field.setValue(form === 'numeric' ? '2015' : 'Romania')
      await browser.keys(Key.Enter)
      break
    }
    case 'ordering': {
      const before = await browser.execute(() =>
        [...document.querySelectorAll('[data-order-item] .label')].map((e) => e.textContent),
      )
      await dragFirstItemDown(browser)
      const after = await browser.execute(() =>
        [...document.querySelectorAll('[data-order-item] .label')].map((e) => e.textContent),
      )
      if (after[1] !== before[0])
        throw new Error(`the drag did not move the item: ${after.join(' | ')}`)
      await tap(browser, 'article.question form.ordering button[type=submit]')
      break
    }
    case 'map': {
      // a tap on the map picks a country (any will do), then Submit. The tap goes to a point of
      // the largest country shape that is really on top there, as a finger would.
      await browser.$('svg [data-code]').waitForExist()
      const point = await browser.execute(() => {
        const shapes = [...document.querySelectorAll<SVGGraphicsElement>('svg [data-code]')]
        const area = (e: Element) => {
          const r = e.getBoundingClientRect()
          return r.width * r.height
        }
        shapes.sort((a, b) => area(b) - area(a))
        for (const shape of shapes) {
          shape.scrollIntoView({ block: 'center' })
          const r = shape.getBoundingClientRect()
          for (const [fx, fy] of [
            [0.5, 0.5],
            [0.4, 0.6],
            [0.6, 0.4],
            [0.3, 0.3],
            [0.7, 0.7],
          ]) {
            const x = Math.round(r.left + r.width * fx!)
            const y = Math.round(r.top + r.height * fy!)
            if (document.elementFromPoint(x, y)?.closest('[data-code]') === shape)
              return { x, y, code: shape.getAttribute('data-code') }
          }
        }
        return null
      })
      if (!point) throw new Error('no country on the map can be tapped')
      await browser.performActions([
        {
          type: 'pointer',
          id: 'finger',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', duration: 0, x: point.x, y: point.y, origin: 'viewport' },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ])
      await browser.releaseActions()
      await tap(browser, '.answer-map__submit:not([disabled])')
      break
    }
    case 'matching': {
      // native selects, chosen with the keyboard (a click opens the GTK pop-up menu, which
      // WebDriver cannot reach): focus each one and step to its first option
      const count = await browser.execute(
        () => document.querySelectorAll('article.question select').length,
      )
      for (let i = 0; i < count; i++) {
        await browser.execute(
          (n) =>
            document.querySelectorAll<HTMLSelectElement>('article.question select')[n]?.focus(),
          i,
        )
        await browser.keys(Key.ArrowDown)
      }
      const chosen = await browser.execute(() =>
        [...document.querySelectorAll<HTMLSelectElement>('article.question select')].map(
          (s) => s.value,
        ),
      )
      if (chosen.some((v) => !v))
        throw new Error(`a matching pair was left open: ${chosen.join(' | ')}`)
      await tap(browser, 'article.question form.matching button[type=submit]')
      break
    }
    default:
      throw new Error(`no driver for ${form}`)
  }
  return form
}

/** Answers the card on screen and goes on to the next; returns the form answered. */
export async function answerCard(browser: Browser): Promise<string> {
  const form = await submitAnswer(browser)
  if (form === 'self') return form
  try {
    await browser.$('[data-continue]').waitForExist()
  } catch (error) {
    // say what the screen shows instead of the verdict
    const screen = await browser.execute(() => document.querySelector('main')?.innerText ?? '')
    throw new Error(
      `no verdict after a ${form} answer; the screen shows: ${screen.slice(0, 600)}`,
      {
        cause: error,
      },
    )
  }
  // the verdict shows and focus moves to Continue, which Enter presses
  await browser.waitUntil(() =>
    browser.execute(() => document.activeElement?.hasAttribute('data-continue') ?? false),
  )
  await browser.keys(Key.Enter)
  await browser.$('[data-continue]').waitForExist({ reverse: true })
  return form
}
