import { describe, expect, it } from 'vitest'
import { decodeTextFile } from '@/core/textFile'

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)),
  )

describe('decodeTextFile', () => {
  it('reads UTF-8 text, with or without a byte-order mark', () => {
    expect(decodeTextFile(bytes('Déveselu\tRomania\n'))).toEqual({
      ok: true,
      text: 'Déveselu\tRomania\n',
    })
    expect(decodeTextFile(bytes([0xef, 0xbb, 0xbf], 'SM-3\tinterceptor'))).toEqual({
      ok: true,
      text: 'SM-3\tinterceptor',
    })
  })

  it('reads UTF-16 text that starts with a byte-order mark', () => {
    expect(decodeTextFile(bytes([0xff, 0xfe, 0x41, 0, 0x09, 0, 0x42, 0]))).toEqual({
      ok: true,
      text: 'A\tB',
    })
  })

  it('reads older Windows-1252 exports instead of showing replacement characters', () => {
    expect(decodeTextFile(bytes('caf', [0xe9], '\tcoffee'))).toEqual({
      ok: true,
      text: 'café\tcoffee',
    })
  })

  it('names a ZIP archive, a picture and a PDF instead of reading them as text', () => {
    expect(decodeTextFile(bytes([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]))).toEqual({
      ok: false,
      kind: 'a ZIP archive',
    })
    expect(decodeTextFile(bytes([0x89], 'PNG\r\n', [0x1a, 0x0a]))).toEqual({
      ok: false,
      kind: 'a PNG picture',
    })
    expect(decodeTextFile(bytes('%PDF-1.7\n'))).toEqual({ ok: false, kind: 'a PDF document' })
  })

  it('refuses any file with NUL or many control bytes', () => {
    expect(decodeTextFile(bytes('term\tdef', [0], 'x'))).toEqual({
      ok: false,
      kind: 'a binary file',
    })
    const noisy = Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? 0x01 : 0x61))
    expect(decodeTextFile(bytes(noisy))).toEqual({ ok: false, kind: 'a binary file' })
  })
})
