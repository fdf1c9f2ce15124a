// Mounts a route page as the app does: a real router over the app's routes, a real Pinia, and
// the IndexedDB of tests/setup.ts. Storage work takes several macrotasks, hence `until`.
import { flushPromises, mount, type DOMWrapper, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { expect } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router'
import { routes } from '@/router'

export interface Mounted {
  wrapper: VueWrapper
  router: Router
  pinia: Pinia
}

/** A Pinia for the page; make it before mounting to set up the stores the page will share. */
export function freshPinia(): Pinia {
  const pinia = createPinia()
  setActivePinia(pinia)
  return pinia
}

/** Opens `path` in a fresh app shell (a RouterView), attached to the document so focus works. */
export async function mountRoute(path: string, pinia: Pinia = freshPinia()): Promise<Mounted> {
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  await router.isReady()
  const Shell = defineComponent(() => () => h('main', h(RouterView)))
  const wrapper = mount(Shell, { global: { plugins: [router, pinia] }, attachTo: document.body })
  return { wrapper, router, pinia }
}

/** Waits, a macrotask at a time, until `check` holds (IndexedDB answers in macrotasks). */
export async function until(check: () => boolean, what: string): Promise<void> {
  // at least 500 turns, and at least 10 s: on a loaded machine 500 turns pass before IndexedDB
  // and a quiz's generation are done
  const deadline = Date.now() + 10_000
  for (let i = 0; i < 500 || Date.now() < deadline; i++) {
    if (check()) return
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** Waits until `text` shows on the page. */
export function untilText(wrapper: VueWrapper, text: string): Promise<void> {
  return until(() => wrapper.text().includes(text), `"${text}"`)
}

/** The button whose visible text or accessible name contains `name`. */
export function button(wrapper: VueWrapper, name: string): DOMWrapper<HTMLButtonElement> {
  const found = wrapper
    .findAll('button')
    .filter((b) => b.text().includes(name) || (b.attributes('aria-label') ?? '').includes(name))
  expect(found, `one button named "${name}"`).toHaveLength(1)
  return found[0]!
}
