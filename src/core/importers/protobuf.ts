// Anki 23.10+ keeps a few small protobuf messages (a note type's config, the media map). Reading
// the handful of fields we need takes a wire-format walk, not a schema compiler and its runtime.

/**
 * The fields of one protobuf message in order: varints as numbers, length-delimited fields as
 * byte views (a nested message, a string or bytes: the caller knows which); fixed 32/64-bit fields
 * are skipped. Throws on a truncated message or an unknown wire type.
 * @example [...protoFields(new Uint8Array([8, 1]))] // [[1, 1]]
 */
export function* protoFields(bytes: Uint8Array): Generator<[number, number | Uint8Array]> {
  let i = 0
  const varint = (): number => {
    let result = 0
    let shift = 0
    for (;;) {
      if (i >= bytes.length) throw new Error('truncated protobuf')
      const b = bytes[i++]!
      result += (b & 0x7f) * 2 ** shift
      if (b < 0x80) return result
      shift += 7
      if (shift > 63) throw new Error('bad protobuf varint')
    }
  }
  while (i < bytes.length) {
    const key = varint()
    const wire = key & 7
    const field = Math.floor(key / 8)
    if (wire === 0) yield [field, varint()]
    else if (wire === 2) {
      const length = varint()
      if (i + length > bytes.length) throw new Error('truncated protobuf')
      yield [field, bytes.subarray(i, i + length)]
      i += length
    } else if (wire === 5) i += 4
    else if (wire === 1) i += 8
    else throw new Error('unknown protobuf wire type')
  }
}
