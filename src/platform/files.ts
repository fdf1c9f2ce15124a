// Files in and out of the browser: saving text or bytes as a download (a Blob URL, revoked after
// use; no network) and reading a chosen file as text. Plain DOM, no Vue: views and components
// call it when the user asks.
import { decodeTextFile } from '@/core/textFile'

/** Offers `text` as a download named `name`. */
export function downloadText(name: string, text: string, type = 'application/json'): void {
  downloadFile(name, text, type)
}

/** Offers text or bytes (a zip) as a download named `name`. */
export function downloadFile(name: string, data: string | Uint8Array, type: string): void {
  // slice() gives the bytes their own ArrayBuffer, which is what a Blob part must be
  const url = URL.createObjectURL(
    new Blob([typeof data === 'string' ? data : data.slice()], { type }),
  )
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * Reads a chosen file as text, refusing files larger than `maxBytes` and binary files (a ZIP, a
 * picture…), which would otherwise be read as text of replacement characters. `expected` names
 * what the file should have been, for the message.
 */
export async function readFileText(
  file: File,
  maxBytes: number,
  expected = 'a text export',
): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  if (file.size > maxBytes)
    return {
      ok: false,
      error: `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${Math.round(maxBytes / 1024 / 1024)} MB.`,
    }
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await file.arrayBuffer())
  } catch {
    return { ok: false, error: 'The file could not be read.' }
  }
  const decoded = decodeTextFile(bytes)
  if (!decoded.ok)
    return {
      ok: false,
      error: `${file.name || 'The file'} is ${decoded.kind}, not ${expected}.`,
    }
  return { ok: true, text: decoded.text }
}
