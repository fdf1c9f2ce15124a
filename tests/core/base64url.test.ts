import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromBase64Url, toBase64Url } from '@/core/base64url'

describe('base64url', () => {
  it('writes what Node writes, and reads it back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = toBase64Url(bytes)
        expect(text).toBe(Buffer.from(bytes).toString('base64url'))
        expect(fromBase64Url(text)).toEqual(bytes)
      }),
    )
  })

  it('uses "-" and "_" and no padding', () => {
    expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8')
    expect(toBase64Url(new Uint8Array([0]))).toBe('AA')
    expect(toBase64Url(new Uint8Array())).toBe('')
  })

  it('refuses any character outside the alphabet instead of reading it as zero', () => {
    for (const text of ['AB*A', 'AB+A', 'AB/A', 'AA==', 'AB A', 'ABé'])
      expect(fromBase64Url(text), text).toBeUndefined()
  })

  it('refuses a length no bytes can have', () => {
    expect(fromBase64Url('A')).toBeUndefined()
    expect(fromBase64Url('AAAAA')).toBeUndefined()
    expect(fromBase64Url('')).toEqual(new Uint8Array())
  })
})
