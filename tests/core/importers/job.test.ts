import { describe, expect, it } from 'vitest'
import { ankiSeparator } from '@/core/importers/anki'
import { runImportJob, type ImportRequest } from '@/core/importers/job'

const run = (request: ImportRequest) => runImportJob(request, () => undefined)

describe('runImportJob, Anki text', () => {
  // Regression: the job read `#separator:` with a second parser and rewrote the text to apply the
  // user's choice; with a first line `tags:…` and no newline after it (lines ending in a bare CR),
  // the choice was dropped and the notes were read with a guessed separator.
  it('keeps the separator the user chose after a first tags line with no newline', async () => {
    const text = 'tags:europe\rRomania|Deveselu;phase 2\rPoland|Redzikowo;phase 3'
    const out = await run({ text, format: 'anki', ankiSeparator: 'pipe' })
    expect(out.anki).toEqual({ separator: 'pipe', fromHeader: false })
    if (!out.result.ok) throw new Error(JSON.stringify(out.result.issues))
    expect(out.result.deck.cards.map((c) => (c.type === 'basic' ? c.front : c.type))).toEqual([
      'Romania',
      'Poland',
    ])
  })

  it('reads the notes with the separator the user chose over the header, lines unshifted', async () => {
    const text = '#separator:Tab\n#html:false\nRomania|Deveselu\nPoland|Redzikowo|extra|more|too'
    const out = await run({ text, format: 'anki', ankiSeparator: 'pipe' })
    expect(out.anki).toEqual({ separator: 'pipe', fromHeader: false })
    if (!out.result.ok) throw new Error(JSON.stringify(out.result.issues))
    expect(
      out.result.deck.cards.map((c) => (c.type === 'basic' ? [c.front, c.back] : c.type)),
    ).toEqual([
      ['Romania', 'Deveselu'],
      ['Poland', 'Redzikowo'],
    ])
    // a warning names the note's own line of the file, as written
    const lines = out.result.warnings.flatMap((w) => (w.line === undefined ? [] : [w.line]))
    expect(lines.every((line) => line === 4)).toBe(true)
  })

  it('uses the header when the user chose nothing, and says so', async () => {
    const out = await run({ text: '#separator:semicolon\nRomania;Deveselu', format: 'anki' })
    expect(out.anki).toEqual({ separator: 'semicolon', fromHeader: true })
    expect(out.result.ok && out.result.deck.cards).toHaveLength(1)
  })

  it('agrees with the Anki reader on a header the old second parser read differently', async () => {
    // "#separator:" on a later line is a note's text to Anki's reader, not a header
    const text = 'Romania\tDeveselu\n#separator:pipe\nPoland\tRedzikowo'
    const out = await run({ text, format: 'anki' })
    expect(out.anki).toEqual({ separator: 'tab', fromHeader: false })
    expect(ankiSeparator(text)).toEqual({ separator: '\t', fromHeader: false })
  })
})
