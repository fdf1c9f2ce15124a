import { describe, expect, it } from 'vitest'
import { describeError, errorParts, isNetworkFailure } from '@/core/errors'

describe('describeError', () => {
  it('names the likely cause by the kind of error', () => {
    expect(describeError(new DOMException('internal', 'QuotaExceededError'))).toMatch(
      /no storage space left/,
    )
    expect(describeError(new DOMException('internal', 'VersionError'))).toMatch(/another tab/)
    expect(describeError(new TypeError('Failed to fetch'))).toMatch(/network could not be reached/)
  })

  it('never repeats the error’s own message', () => {
    const secret = "Failed to execute 'put' on 'IDBObjectStore': key path x.y"
    for (const error of [
      new Error(secret),
      new DOMException(secret, 'QuotaExceededError'),
      new TypeError(secret),
      secret,
      { message: secret },
      null,
    ])
      expect(describeError(error)).not.toContain('IDBObjectStore')
    expect(describeError(new Error(secret))).toMatch(/browser console/)
  })
})

describe('isNetworkFailure', () => {
  it('tells a request that never left from other failures', () => {
    expect(isNetworkFailure(new TypeError('Failed to fetch'))).toBe(true)
    expect(isNetworkFailure(new TypeError('NetworkError when attempting to fetch resource.'))).toBe(
      true,
    )
    expect(isNetworkFailure(new TypeError('x is undefined'))).toBe(false)
    expect(isNetworkFailure(new Error('404 Not Found'))).toBe(false)
  })
})

describe('errorParts', () => {
  it('keeps the kind of an error posted as plain data, so it is described the same', () => {
    const full = new DOMException('disk full', 'QuotaExceededError')
    const posted = structuredClone(errorParts(full))
    expect(posted).toEqual({ name: 'QuotaExceededError', message: 'disk full' })
    expect(describeError(posted)).toBe(describeError(full))
    expect(errorParts('plain words')).toEqual({ name: '', message: 'plain words' })
  })
})
