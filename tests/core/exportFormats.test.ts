import { strFromU8, unzipSync } from 'fflate'
import { parse as parseGift } from 'gift-pegjs'
import { describe, expect, it } from 'vitest'
import { parseDeck, type Card, type Deck } from '@/core/deck'
import { describeExportPlan, exportDeckAs, planExport } from '@/core/exportFormats'
import { exportGift } from '@/core/exportGift'
import { importGift } from '@/core/importers/gift'
import { importAiken } from '@/core/importers/aiken'
import { exportAiken } from '@/core/exportAiken'
import { makeDeck } from '../fixtures/decks'

const base = { kind: 'other' as const, paragraphs: [3], tags: ['radar'] }

// one card of every type, with the details each format has to carry
const EVERY_TYPE = makeDeck({
  cards: (
    [
      {
        id: 'b1',
        type: 'basic',
        front: 'EPAA',
        back: 'European Phased Adaptive Approach',
        reversible: false,
      },
      { id: 'z1', type: 'cloze', text: 'Aegis Ashore sits in {{c1::Romania}} and {{c2::Poland}}.' },
      {
        id: 't1',
        type: 'typed',
        prompt: 'Radar in Turkey?',
        answers: ['AN/TPY-2', 'X-band radar'],
      },
      {
        id: 's1',
        type: 'single',
        prompt: 'Aegis Ashore site in Romania?',
        answer: 'Deveselu',
        distractors: ['Redzikowo', 'Kürecik'],
        explanation: 'Deveselu opened in 2016: {it} #1 = first.',
      },
      {
        id: 'tf',
        type: 'single',
        prompt: 'THAAD is a naval system.',
        answer: 'False',
        distractors: ['True'],
      },
      {
        id: 'm1',
        type: 'multi',
        prompt: 'Which host Aegis Ashore?',
        answers: ['Romania', 'Poland'],
        distractors: ['Spain'],
      },
      { id: 'n1', type: 'numeric', prompt: 'Year Deveselu became operational?', answer: 2016 },
      { id: 'n2', type: 'numeric', prompt: 'Years of phase 3?', answer: { min: 2018, max: 2020 } },
      {
        id: 'o1',
        type: 'ordering',
        prompt: 'Order the phases',
        items: ['Phase 1', 'Phase 2', 'Phase 3'],
      },
      { id: 'o2', type: 'ordering', prompt: 'Order again', items: ['a', 'b'] },
      { id: 'o3', type: 'ordering', prompt: 'Order more', items: ['c', 'd'] },
      { id: 'p1', type: 'map', prompt: 'Where is Deveselu?', answers: ['ROU'], region: 'europe' },
    ] as const
  ).map((c) => JSON.parse(JSON.stringify({ ...base, ...c })) as Card),
})

describe('planExport', () => {
  it('says before the export what Aiken cannot hold', () => {
    const lines = describeExportPlan(planExport(EVERY_TYPE, 'aiken'))
    expect(lines).toContain(
      "3 ordering cards can't be expressed in Moodle Aiken (Aiken has only multiple-choice questions)",
    )
    expect(lines).toContain(
      "1 multiple-select card can't be expressed in Moodle Aiken (Aiken questions have exactly one right answer)",
    )
    expect(lines.some((l) => /explanations/.test(l))).toBe(true)
    expect(planExport(EVERY_TYPE, 'aiken').written).toBe(2)
  })

  it('lists GIFT’s conversions and omissions with the card ids', () => {
    const plan = planExport(EVERY_TYPE, 'gift')
    // Moodle's matching needs three items: the orderings of two are left out
    expect(plan.left.map((g) => [g.type, g.ids])).toEqual([['ordering', ['o2', 'o3']]])
    expect(plan.converted.map((g) => [g.type, g.ids])).toEqual([
      ['basic', ['b1']],
      ['cloze', ['z1']],
      ['ordering', ['o1']],
      ['map', ['p1']],
    ])
    expect(plan.written).toBe(10)
  })

  it('writes everything to a deck file', () => {
    const plan = planExport(EVERY_TYPE, 'deck')
    expect(plan.left).toEqual([])
    expect(plan.written).toBe(EVERY_TYPE.cards.length)
  })
})

describe('planExport: what no text format carries is said, never dropped silently', () => {
  const picture = { id: 'a'.repeat(64), alt: 'The Deveselu site' }
  const DECK = makeDeck({
    cards: [
      {
        ...base,
        id: 'p',
        type: 'single',
        prompt: 'Which site?',
        answer: 'Deveselu',
        distractors: ['Rota'],
        pictures: { prompt: [picture] },
      },
      {
        ...base,
        id: 'r',
        type: 'basic',
        front: 'EPAA',
        back: 'European Phased Adaptive Approach',
        reversible: true,
        rich: { prompt: '<b>EPAA</b>' },
      },
      {
        ...base,
        id: 'o',
        type: 'ordering',
        prompt: 'Order',
        items: ['a', 'b'],
        pictures: { prompt: [picture] },
      },
    ] as Card[],
  })

  it('says the written cards lose their pictures and formatting, in every export format', () => {
    // the two-item ordering is left out of GIFT and Aiken (and said so), and the flashcard out of
    // Aiken: what is left out is not counted again (both cards show the same picture)
    const expected = { gift: 1, aiken: 0, qti: 1, 'anki-text': 1 } as const
    for (const [format, formatted] of Object.entries(expected)) {
      const lines = describeExportPlan(planExport(DECK, format as keyof typeof expected))
      expect(lines).toContain(
        "This export leaves out the deck's 1 picture (only the deck file with its pictures, a .zip, carries them)",
      )
      expect(
        lines.includes('1 card has formatting (bold, italics, lists…), written as plain text'),
      ).toBe(formatted === 1)
    }
    expect(describeExportPlan(planExport(DECK, 'deck')).join('\n')).not.toMatch(/formatting/)
  })

  it('says once that Canvas and Moodle grade typed answers more strictly than Intercept', () => {
    const strict = (lms: string) =>
      `${lms} grades typed answers letter for letter (case aside); Intercept also forgives one typo, accents, punctuation and a leading “the”`
    expect(describeExportPlan(planExport(DECK, 'qti'))).toContain(strict('Canvas'))
    expect(describeExportPlan(planExport(DECK, 'gift'))).toContain(strict('Moodle'))
    expect(describeExportPlan(planExport(DECK, 'aiken')).join('\n')).not.toMatch(
      /letter for letter/,
    )
  })

  it('says a reversible flashcard is exported one way only, except to Anki, which asks both', () => {
    expect(describeExportPlan(planExport(DECK, 'gift'))).toContain(
      '1 flashcard is studied both ways here; Moodle GIFT gets the front-to-back question only',
    )
    expect(describeExportPlan(planExport(DECK, 'anki-text')).join('\n')).not.toMatch(/both ways/)
  })

  it('reads each conversion as a sentence, one card or several', () => {
    const two = makeDeck({
      cards: [
        { ...base, id: 'b1', type: 'basic', front: 'A', back: 'B', reversible: false },
        { ...base, id: 'b2', type: 'basic', front: 'C', back: 'D', reversible: false },
      ] as Card[],
    })
    expect(describeExportPlan(planExport(two, 'qti'))).toContain(
      '2 flashcards are written as short answer, the back being the answer',
    )
    expect(describeExportPlan(planExport({ ...two, cards: two.cards.slice(1) }, 'gift'))).toContain(
      '1 flashcard is written as short answer, the back being the answer',
    )
  })
})

describe('ordering and map cards in GIFT, QTI and Aiken', () => {
  const ORDER = ['Phase 1', 'Phase 2', 'Phase 3', 'Phase 4']
  const DECK = makeDeck({
    cards: [
      { ...base, id: 'o', type: 'ordering', prompt: 'Order the phases', items: ORDER },
      {
        ...base,
        id: 'm',
        type: 'map',
        prompt: 'Tap the country that hosts the Aegis Ashore site at Deveselu.',
        answers: ['ROU'],
        region: 'europe',
        distractors: ['POL', 'BGR'],
      },
    ] as Card[],
  })

  it('writes an ordering as matching to places, its items never listed in the right order', () => {
    const [item] = qtiItems(exportDeckAs(DECK, 'qti').data)
    expect(fieldOf(item!, 'question_type')).toBe('matching_question')
    const responses = [...item!.querySelectorAll('presentation > response_lid')]
    const lefts = responses.map((r) => r.querySelector(':scope > material mattext')!.textContent)
    expect(lefts.map((l) => l!.replace(/<\/?p>/g, ''))).not.toEqual(ORDER)
    expect([...lefts].sort()).toEqual(ORDER.map((o) => `<p>${o}</p>`))
    // each item's right answer is its place in the right order
    const conditions = [...item!.querySelectorAll('resprocessing > respcondition')]
    responses.forEach((r, i) => {
      const ident = conditions[i]!.querySelector('varequal')!.textContent
      const place = r.querySelector(`response_label[ident="${ident}"]`)!.textContent
      const item = lefts[i]!.replace(/<\/?p>/g, '')
      expect(place).toContain(['1st', '2nd', '3rd', '4th'][ORDER.indexOf(item)]!)
    })
    // the same order every time: the file is the same for the same deck
    expect(exportDeckAs(DECK, 'qti').data).toEqual(exportDeckAs(DECK, 'qti').data)
  })

  it('writes the ordering as a GIFT matching question that reads back with its places', () => {
    const [question] = parseGift(exportGift(DECK)).filter((q) => q.type === 'Matching')
    if (question?.type !== 'Matching') throw new Error('the ordering is a matching question')
    const pairs = question.matchPairs.map((p) => [p.subquestion.text, p.subanswer])
    expect(pairs.map(([left]) => left)).not.toEqual(ORDER)
    for (const [left, right] of pairs)
      expect(right).toBe(['1st', '2nd', '3rd', '4th'][ORDER.indexOf(left!)])
  })

  it('writes a map card as a short answer on the country’s names, asked by name', () => {
    const [, item] = qtiItems(exportDeckAs(DECK, 'qti').data)
    expect(item!.querySelector('mattext')!.textContent).toBe(
      '<p>Name the country that hosts the Aegis Ashore site at Deveselu.</p>',
    )
    expect([...item!.querySelectorAll('varequal')].map((v) => v.textContent)).toContain('Romania')
    expect(exportGift(DECK)).toContain(
      '::m:: Name the country that hosts the Aegis Ashore site at Deveselu. {=Romania',
    )
  })

  it('writes a map card with written wrong countries to Aiken as a choice of names', () => {
    const back = importAiken(exportAiken(DECK))
    if (!back.ok) throw new Error(JSON.stringify(back.issues))
    expect(back.deck.cards).toHaveLength(1)
    expect(back.deck.cards[0]).toMatchObject({
      type: 'single',
      prompt: 'Choose the country that hosts the Aegis Ashore site at Deveselu.',
      answer: 'Romania',
    })
    expect(describeExportPlan(planExport(DECK, 'aiken'))).toContain(
      '1 map card is written as a choice of country names',
    )
  })
})

describe('cloze hints in exports', () => {
  const HINTED = makeDeck({
    cards: [
      { ...base, id: 'h1', type: 'cloze', text: 'Ships at {{c1::Rota::a port}}.' },
      { ...base, id: 'h2', type: 'cloze', text: '{{c1::Rota::a port}} and {{c2::Deveselu}}.' },
    ] as Card[],
  })

  it('writes the hint after the blank, as the card shows it', () => {
    const [one, two] = qtiItems(exportDeckAs(HINTED, 'qti').data)
    expect(one!.querySelector('mattext')!.textContent).toBe('<p>Ships at _____ (a port).</p>')
    expect(two!.querySelector('mattext')!.textContent).toBe(
      '<p>[blank1] (a port) and [blank2].</p>',
    )
    const gift = exportGift(HINTED)
    expect(gift).toContain('::h1:: Ships at {=Rota} (a port).')
    expect(gift).toContain('::h2-c1:: {=Rota} (a port) and Deveselu.')
    // Moodle reads the hint as text after the blank, the answer unchanged
    const back = importGift(gift)
    if (!back.ok) throw new Error(JSON.stringify(back.issues))
    expect(back.deck.cards.find((c) => c.id === 'h2-c1')).toMatchObject({
      prompt: '_____ (a port) and Deveselu.',
      answers: ['Rota'],
    })
    expect(back.deck.cards.find((c) => c.id === 'h1')).toMatchObject({
      type: 'typed',
      prompt: 'Ships at _____ (a port).',
      answers: ['Rota'],
    })
  })
})

describe('exportGift', () => {
  it('writes every type GIFT holds so that it reads back', () => {
    const text = exportGift(EVERY_TYPE)
    expect(text).toContain('::tf:: THAAD is a naval system. {F}')
    expect(text).toContain('{~%50%Romania ~%50%Poland ~%-100%Spain}')
    expect(text).toContain('{#2018..2020}')
    expect(text).toContain('// [tag:radar]')
    const back = importGift(text)
    if (!back.ok) throw new Error(JSON.stringify(back.issues))
    const byId = new Map(back.deck.cards.map((c) => [c.id, c]))
    for (const id of ['t1', 's1', 'tf', 'm1', 'n1', 'n2']) {
      const { paragraphs: _p, kind: _k, ...original } = EVERY_TYPE.cards.find((c) => c.id === id)!
      expect(byId.get(id)).toMatchObject(original)
    }
    // one missing-word question per cloze blank, the other blank filled in
    expect(byId.get('z1-c1')).toMatchObject({
      type: 'typed',
      prompt: 'Aegis Ashore sits in _____ and Poland.',
      answers: ['Romania'],
    })
    expect(byId.get('z1-c2')).toMatchObject({ prompt: 'Aegis Ashore sits in Romania and _____.' })
  })

  it('writes text that looks like HTML as [plain], so Moodle shows the characters', () => {
    const deck = makeDeck({
      cards: [
        {
          ...base,
          id: 'h',
          type: 'single',
          prompt: 'Is <b> a tag?',
          answer: 'Yes',
          distractors: ['No'],
        } as Card,
      ],
    })
    expect(exportGift(deck)).toContain('::h:: [plain]Is <b> a tag? {=Yes ~No}')
  })
})

describe('exportAiken', () => {
  it('writes single-choice questions with the answer letter, one line each', () => {
    const text = exportAiken(EVERY_TYPE)
    const back = importAiken(text)
    if (!back.ok) throw new Error(JSON.stringify(back.issues))
    expect(
      back.deck.cards.map((c) => (c.type === 'single' ? [c.prompt, c.answer, c.distractors] : [])),
    ).toEqual([
      ['Aegis Ashore site in Romania?', 'Deveselu', ['Redzikowo', 'Kürecik']],
      ['THAAD is a naval system.', 'False', ['True']],
    ])
  })
})

/** The items of a QTI package, parsed back with the DOM's XML parser (which must accept it). */
function qtiItems(data: string | Uint8Array): Element[] {
  const zip = unzipSync(data as Uint8Array)
  const href = /href="([^"]+)"/.exec(strFromU8(zip['imsmanifest.xml']!))![1]!
  const doc = new DOMParser().parseFromString(strFromU8(zip[href]!), 'application/xml')
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0)
  return [...doc.getElementsByTagName('item')]
}

const fieldOf = (item: Element, label: string) =>
  [...item.getElementsByTagName('qtimetadatafield')]
    .find((f) => f.getElementsByTagName('fieldlabel')[0]!.textContent === label)
    ?.getElementsByTagName('fieldentry')[0]!.textContent

describe('exportDeckAs qti', () => {
  it('writes a QTI 1.2 package Canvas reads: a manifest and one item per expressible card', () => {
    const file = exportDeckAs(EVERY_TYPE, 'qti')
    expect(file.fileName).toBe('test-deck.qti.zip')
    const zip = unzipSync(file.data as Uint8Array)
    const manifest = strFromU8(zip['imsmanifest.xml']!)
    expect(manifest).toContain('type="imsqti_xmlv1p2"')
    const href = /href="([^"]+)"/.exec(manifest)![1]!
    const xml = strFromU8(zip[href]!)
    const types = [...xml.matchAll(/question_type<\/fieldlabel><fieldentry>([a-z_]+)</g)].map(
      (m) => m[1],
    )
    expect(types).toEqual([
      'short_answer_question',
      'fill_in_multiple_blanks_question',
      'short_answer_question',
      'multiple_choice_question',
      'true_false_question',
      'multiple_answers_question',
      'numerical_question',
      'numerical_question',
      'matching_question',
      'matching_question',
      'matching_question',
      'short_answer_question',
    ])
    // our text is text: escaped for HTML inside XML, never markup
    expect(xml).toContain('{it} #1 = first.')
    expect(xml).not.toMatch(/<script/)
    expect(file.plan.left).toEqual([])
    expect(describeExportPlan(file.plan)).toContain(
      '1 cloze card is written as fill in multiple blanks, every blank asked at once',
    )
  })

  it('writes a cloze card with several blanks as Canvas’s fill-in-multiple-blanks question', () => {
    const deck = makeDeck({
      cards: [
        {
          ...base,
          id: 'z2',
          type: 'cloze',
          text: 'Aegis Ashore sits in {{c1::Romania}} & {{c2::Poland}}; <b>{{c1::Deveselu}}</b> first.',
        } as Card,
      ],
    })
    const [item] = qtiItems(exportDeckAs(deck, 'qti').data)
    expect(fieldOf(item!, 'question_type')).toBe('fill_in_multiple_blanks_question')
    // the text names each blank [blankN], in reading order; markup in it stays text
    const text = item!.querySelector('presentation > material > mattext')!.textContent
    expect(text).toBe(
      '<p>Aegis Ashore sits in [blank1] &amp; [blank2]; &lt;b&gt;[blank3]&lt;/b&gt; first.</p>',
    )
    // one response per blank, named response_<blank id>, offering that blank's answer
    const responses = [...item!.querySelectorAll('presentation > response_lid')]
    expect(responses.map((r) => r.getAttribute('ident'))).toEqual([
      'response_blank1',
      'response_blank2',
      'response_blank3',
    ])
    expect(
      responses.map((r) => r.querySelector(':scope > material > mattext')!.textContent),
    ).toEqual(['blank1', 'blank2', 'blank3'])
    const answers = responses.map((r) => r.querySelector('response_label mattext')!.textContent)
    expect(answers).toEqual(['<p>Romania</p>', '<p>Poland</p>', '<p>Deveselu</p>'])
    // each blank right adds a third of the score, naming that blank's right label
    const conditions = [...item!.querySelectorAll('resprocessing > respcondition')].filter((c) =>
      c.querySelector('setvar'),
    )
    expect(conditions).toHaveLength(3)
    conditions.forEach((c, i) => {
      const equal = c.querySelector('varequal')!
      expect(equal.getAttribute('respident')).toBe(`response_blank${i + 1}`)
      expect(
        responses[i]!.querySelector(`response_label[ident="${equal.textContent}"]`),
      ).not.toBeNull()
      expect(c.querySelector('setvar')!.getAttribute('action')).toBe('Add')
      expect(c.querySelector('setvar')!.textContent).toBe('33.33')
    })
  })

  it('keeps a cloze card with one blank a short-answer question with the blank as _____', () => {
    const deck = makeDeck({
      cards: [{ ...base, id: 'z3', type: 'cloze', text: 'SM-3s at {{c1::Deveselu}}.' } as Card],
    })
    const [item] = qtiItems(exportDeckAs(deck, 'qti').data)
    expect(fieldOf(item!, 'question_type')).toBe('short_answer_question')
    expect(item!.querySelector('mattext')!.textContent).toBe('<p>SM-3s at _____.</p>')
    expect(item!.querySelector('varequal')!.textContent).toBe('Deveselu')
  })

  it('gives the same bytes for the same deck', () => {
    const a = exportDeckAs(EVERY_TYPE, 'qti').data
    const b = exportDeckAs(EVERY_TYPE, 'qti').data
    expect(a).toEqual(b)
  })
})

it('the test deck is a valid deck', () => {
  expect(parseDeck(EVERY_TYPE as Deck).ok).toBe(true)
})
