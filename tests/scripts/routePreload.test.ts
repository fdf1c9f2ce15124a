import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lazyRoutes, pathPattern } from '../../scripts/vite-route-preload'
import { routes } from '@/router'

const routerSource = readFileSync(join(import.meta.dirname, '../../src/router/index.ts'), 'utf8')

describe('route preload table', () => {
  it('finds every lazy route of the router, in order', () => {
    const lazy = routes.filter((r) => typeof r.component === 'function')
    expect(lazyRoutes(routerSource).map((r) => r.path)).toEqual(lazy.map((r) => r.path))
    expect(lazyRoutes(routerSource)).toContainEqual({
      path: '/deck/:id',
      view: 'src/views/DeckView.vue',
    })
  })

  it('matches addresses as the router does', () => {
    const matches = (path: string, address: string) => new RegExp(pathPattern(path)!).test(address)
    expect(matches('/deck/:id', '/deck/bmd-europe-and-nato')).toBe(true)
    expect(matches('/deck/:id', '/deck')).toBe(false)
    expect(matches('/study/:deckId?', '/study')).toBe(true)
    expect(matches('/study/:deckId?', '/study/x/')).toBe(true)
    expect(matches('/study/:deckId?', '/study/x/y')).toBe(false)
    expect(matches('/quiz', '/quiz/join')).toBe(false)
    expect(matches('/quiz/sit/:id', '/quiz/sit/abc')).toBe(true)
  })

  it('leaves out the catch-all, which would preload on every address', () => {
    expect(pathPattern('/:pathMatch(.*)*')).toBeNull()
  })
})
