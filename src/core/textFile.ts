// Telling a text export from a binary file before anything reads it as cards: a ZIP, a picture or
// a PDF decoded as UTF-8 becomes dozens of "cards" of replacement characters.

/** What `decodeTextFile` makes of a file's bytes. */
export type TextFileResult = { ok: true; text: string } | { ok: false; kind: string }

// How much of the start is looked at: a text export shows no binary bytes here, a binary file
// almost always does.
const SNIFF_BYTES = 64 * 1024

const SIGNATURES: { kind: string; bytes: number[] }[] = [
  { kind: 'a ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { kind: 'a PNG picture', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { kind: 'a JPEG picture', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'a GIF picture', bytes: [0x47, 0x49, 0x46, 0x38] },
  { kind: 'an SQLite database', bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20] },
  { kind: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { kind: 'an old Office document', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
]

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  prefix.every((b, i) => bytes[i] === b)

/**
 * The text of a file meant to be a text export, or what kind of binary file it is instead.
 * UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are read as text;
 * a file with a known binary signature, a NUL byte, or many control bytes near its start is not.
 * Bytes that are not valid UTF-8 but look like text are read as Windows-1252, which older
 * spreadsheet exports use.
 * @example decodeTextFile(new TextEncoder().encode('THAAD\tbattery')) // { ok: true, text: 'THAAD\tbattery' }
 */
export function decodeTextFile(bytes: Uint8Array): TextFileResult {
  if (startsWith(bytes, [0xff, 0xfe])) return { ok: true, text: decode('utf-16le', bytes, 2) }
  if (startsWith(bytes, [0xfe, 0xff])) return { ok: true, text: decode('utf-16be', bytes, 2) }
  for (const { kind, bytes: prefix } of SIGNATURES)
    if (startsWith(bytes, prefix)) return { ok: false, kind }
  const head = bytes.subarray(0, SNIFF_BYTES)
  let control = 0
  for (const b of head) {
    if (b === 0) return { ok: false, kind: 'a binary file' }
    // tab, line feed, form feed and carriage return are text; other C0 bytes are not
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) control++
  }
  if (control > head.length / 100) return { ok: false, kind: 'a binary file' }
  const skip = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0
  try {
    return {
      ok: true,
      text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(skip)),
    }
  } catch {
    return { ok: true, text: decode('windows-1252', bytes, 0) }
  }
}

function decode(encoding: string, bytes: Uint8Array, skip: number): string {
  return new TextDecoder(encoding).decode(bytes.subarray(skip))
}
