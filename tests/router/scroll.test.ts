import { describe, expect, it } from 'vitest'
import { START_LOCATION, type RouteLocationNormalized } from 'vue-router'
import { router } from '@/router'

const scroll = router.options.scrollBehavior!

describe('router scrolling', () => {
  it('leaves the first page alone (no forced layout), goes to the top on later moves', async () => {
    // resolved locations carry everything scrollBehavior reads (matched, path)
    const deck = router.resolve('/deck/x') as RouteLocationNormalized
    const library = router.resolve('/') as RouteLocationNormalized
    expect(await scroll(deck, START_LOCATION, null)).toBe(false)
    expect(await scroll(deck, library, null)).toEqual({ top: 0 })
    // back and forward return where the learner was
    expect(await scroll(deck, library, { left: 0, top: 480 })).toEqual({ left: 0, top: 480 })
  })
})
