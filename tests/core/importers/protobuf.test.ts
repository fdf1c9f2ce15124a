import { describe, expect, it } from 'vitest'
import { protoFields } from '@/core/importers/protobuf'

describe('protoFields', () => {
  it('reads varints, multi-byte varints and length-delimited fields in order, skipping fixed ones', () => {
    // field 1 varint 150 (0x96 0x01), field 2 bytes "hi", field 3 fixed32, field 255 varint 7
    const bytes = new Uint8Array([8, 0x96, 0x01, 18, 2, 104, 105, 29, 1, 2, 3, 4, 0xf8, 0x0f, 7])
    const fields = [...protoFields(bytes)]
    expect(fields.map(([f]) => f)).toEqual([1, 2, 255])
    expect(fields[0]![1]).toBe(150)
    expect(new TextDecoder().decode(fields[1]![1] as Uint8Array)).toBe('hi')
    expect(fields[2]![1]).toBe(7)
  })

  it('refuses a truncated message and an unknown wire type', () => {
    expect(() => [...protoFields(new Uint8Array([18, 5, 1]))]).toThrow('truncated protobuf')
    expect(() => [...protoFields(new Uint8Array([8]))]).toThrow('truncated protobuf')
    expect(() => [...protoFields(new Uint8Array([11]))]).toThrow('unknown protobuf wire type')
  })
})
