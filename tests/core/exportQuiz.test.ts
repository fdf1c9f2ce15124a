// A quiz as QTI 1.2 for Canvas: the questions as asked, the time limit, and the report of what
// QTI cannot hold or holds in another form.
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { parseDeck, type Deck } from '@/core/deck'
import { parse as parseGift } from 'gift-pegjs'
import {
  describeQuizExportPlan,
  exportQuizAs,
  exportQuizQti,
  planQuizExport,
} from '@/core/exportQuiz'
import { importAiken } from '@/core/importers/aiken'
import { generateQuiz, type QuizQuestion } from '@/core/quiz/generate'
import type { Question } from '@/core/questions'
import shipped from '../../decks/bmd-europe-and-nato.json'
import { makeQuizConfig } from '../fixtures/decks'

const base = { deckId: 'europe', cardId: 'c', paragraphs: [3] }
// a question without the fields every question shares (Omit over each member of the union)
type Body = Question extends infer Q
  ? Q extends Question
    ? Omit<Q, keyof typeof base>
    : never
  : never
const ask = (id: string, question: Body): QuizQuestion => ({
  id,
  form: 'single',
  itemIds: [],
  question: { ...base, ...question } as Question,
})

const QUIZ: QuizQuestion[] = [
  ask('q1', {
    form: 'single',
    prompt: 'Aegis Ashore site in Romania?',
    options: ['Redzikowo', 'Deveselu', 'Kürecik'],
    answer: 'Deveselu',
    explanation: 'Deveselu opened in 2016 <b>& not before</b>.',
  }),
  ask('q2', {
    form: 'multi',
    prompt: 'Which host Aegis Ashore?',
    options: ['Spain', 'Romania', 'Poland'],
    answers: ['Romania', 'Poland'],
  }),
  ask('q3', {
    form: 'truefalse',
    prompt: 'Where is the AN/TPY-2 radar?',
    proposed: 'Spain',
    answer: false,
    correctAnswer: 'Turkey',
  }),
  ask('q4', { form: 'typed', prompt: 'Radar in Turkey?', accepted: ['AN/TPY-2'], rejects: [] }),
  ask('q5', { form: 'numeric', prompt: 'Ships at Rota?', answer: { min: 4, max: 6 } }),
  ask('q6', {
    form: 'matching',
    prompt: 'Match each site to its country',
    pairs: [
      { left: 'Deveselu', right: 'Romania', cardId: 'a' },
      { left: 'Redzikowo', right: 'Poland', cardId: 'b' },
      { left: 'Kürecik', right: 'Turkey', cardId: 'c' },
    ],
    rights: ['Poland', 'Turkey', 'Romania', 'Spain'],
  }),
  ask('q7', {
    form: 'ordering',
    prompt: 'Order the phases',
    items: ['Phase 3', 'Phase 1', 'Phase 2'],
    answer: ['Phase 1', 'Phase 2', 'Phase 3'],
  }),
  ask('q8', {
    form: 'cloze',
    segments: [
      { kind: 'text', text: 'Sites in ' },
      { kind: 'blank', index: 1, answer: 'Romania', hidden: true },
      { kind: 'text', text: ' and ' },
      { kind: 'blank', index: 1, answer: 'Poland', hidden: true },
    ],
    blanks: ['Romania', 'Poland'],
    rejects: [],
  }),
  ask('q9', {
    form: 'cloze',
    segments: [
      { kind: 'text', text: 'Aegis Ashore sits in ' },
      { kind: 'blank', index: 1, answer: 'Romania', hidden: true },
      { kind: 'text', text: ' and ' },
      { kind: 'blank', index: 2, answer: 'Poland', hidden: false },
    ],
    blanks: ['Romania'],
    rejects: [],
  }),
  ask('q10', {
    form: 'map',
    prompt: 'Which country hosts Deveselu?',
    answers: ['ROU'],
    region: 'europe',
  }),
]

function assessmentOf(data: string | Uint8Array): Document {
  const zip = unzipSync(data as Uint8Array)
  const manifest = strFromU8(zip['imsmanifest.xml']!)
  const href = /href="([^"]+)"/.exec(manifest)![1]!
  const doc = new DOMParser().parseFromString(strFromU8(zip[href]!), 'application/xml')
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0)
  return doc
}

const field = (node: Element | Document, label: string) =>
  [...node.getElementsByTagName('qtimetadatafield')]
    .filter((f) => f.getElementsByTagName('fieldlabel')[0]!.textContent === label)
    .map((f) => f.getElementsByTagName('fieldentry')[0]!.textContent)

describe('exportQuizQti', () => {
  it('writes each question as the Canvas question type that holds it, in quiz order', () => {
    const file = exportQuizQti('Europe quiz', 'quiz-seed', QUIZ, makeQuizConfig())
    expect(file.fileName).toBe('quiz-seed.qti.zip')
    const doc = assessmentOf(file.data)
    expect(doc.getElementsByTagName('assessment')[0]!.getAttribute('title')).toBe('Europe quiz')
    expect(field(doc, 'question_type')).toEqual([
      'multiple_choice_question',
      'multiple_answers_question',
      'true_false_question',
      'short_answer_question',
      'numerical_question',
      'matching_question',
      'matching_question',
      'fill_in_multiple_blanks_question',
      'short_answer_question',
      'short_answer_question',
    ])
    const items = [...doc.getElementsByTagName('item')]
    // the single choice scores its right option, the one that reads "Deveselu"
    const right = items[0]!.querySelector('respcondition[continue="No"] varequal')!.textContent
    const label = items[0]!.querySelector(`response_label[ident="${right}"]`)!.textContent
    expect(label).toContain('Deveselu')
    // true or false: the statement and the proposal are asked, "False" is right
    expect(items[2]!.textContent).toContain('Proposed answer: Spain')
    const tf = items[2]!.querySelector('respcondition[continue="No"] varequal')!.textContent
    expect(items[2]!.querySelector(`response_label[ident="${tf}"]`)!.textContent).toContain('False')
    // explanations are general feedback, and text stays text (escaped, never markup)
    expect(items[0]!.getElementsByTagName('itemfeedback')[0]!.textContent).toContain(
      '&lt;b&gt;&amp; not before&lt;/b&gt;',
    )
    // the two-blank cloze names its blanks in the text, one response each
    expect(items[7]!.textContent).toContain('Sites in [blank1] and [blank2]')
    expect(
      [...items[7]!.querySelectorAll('response_lid')].map((r) => [
        r.getAttribute('ident'),
        r.querySelector('response_label')!.textContent,
      ]),
    ).toEqual([
      ['response_blank1', '<p>Romania</p>'],
      ['response_blank2', '<p>Poland</p>'],
    ])
    // the one-blank cloze shows the other blank filled in
    expect(items[8]!.textContent).toContain('Aegis Ashore sits in _____ and Poland')
    // the map question accepts the country's name
    expect(items[9]!.querySelector('varequal')!.textContent).toBe('Romania')
  })

  it('scores a matching question pair by pair, each right pair adding its share', () => {
    const doc = assessmentOf(exportQuizQti('Q', 'q', QUIZ, makeQuizConfig()).data)
    const matching = [...doc.getElementsByTagName('item')][5]!
    const responses = [...matching.getElementsByTagName('response_lid')]
    expect(responses.map((r) => r.getElementsByTagName('mattext')[0]!.textContent)).toEqual([
      '<p>Deveselu</p>',
      '<p>Redzikowo</p>',
      '<p>Kürecik</p>',
    ])
    const labelOf = (response: Element, ident: string) =>
      response.querySelector(`response_label[ident="${ident}"]`)!.textContent
    const conditions = [...matching.getElementsByTagName('respcondition')]
    expect(conditions).toHaveLength(3)
    conditions.forEach((c, i) => {
      const ident = c.getElementsByTagName('varequal')[0]!.textContent!
      expect(labelOf(responses[i]!, ident)).toContain(['Romania', 'Poland', 'Turkey'][i]!)
      expect(c.getElementsByTagName('setvar')[0]!.textContent).toBe('33.33')
    })
    // the distractor is offered too
    expect(responses[0]!.textContent).toContain('Spain')
  })

  it('reports before the export what QTI cannot hold and what it holds in another form', () => {
    const plan = planQuizExport(QUIZ, makeQuizConfig({ mode: 'practice' }))
    expect(plan.written).toBe(10)
    expect(plan.left).toEqual([])
    expect(describeQuizExportPlan(plan)).toEqual([
      '1 ordering question is written as matching: each item is matched to its place (1st, 2nd, …)',
      '1 fill-in-the-blank question is written as short answer, the blank shown as "_____"',
      '1 map question is written as short answer: the country is typed by name, not found on a map',
      'Canvas grades typed answers letter for letter (case aside); Intercept also forgives one typo, accents, punctuation and a leading “the”',
      'Practice mode shows each answer at once; Canvas shows them after the quiz is submitted',
    ])
  })

  it('says what to type when the prompt alone does not (a flashcard front asked for its back)', () => {
    const front = ask('q1', {
      form: 'typed',
      prompt: 'EPAA',
      accepted: ['European Phased Adaptive Approach'],
      rejects: [],
      hint: 'This is the front of a flashcard: type what its back says.',
    })
    const doc = assessmentOf(exportQuizQti('Q', 'q', [front], makeQuizConfig()).data)
    expect(doc.querySelector('item mattext')!.textContent).toBe(
      '<p>EPAA<br>This is the front of a flashcard: type what its back says.</p>',
    )
    const gift = exportQuizAs('gift', 'Q', 'q', [front], makeQuizConfig({ seed: 's' })).data
    expect(gift).toContain('EPAA\\nThis is the front of a flashcard\\: type what its back says.')
    // Aiken writes no typed question, so it says nothing of typed grading
    const aiken = describeQuizExportPlan(planQuizExport([front], makeQuizConfig(), 'aiken'))
    expect(aiken.join('\n')).not.toMatch(/letter for letter/)
  })

  it('gives Canvas the time limit in minutes, a per-question limit as their sum', () => {
    const total = exportQuizQti(
      'Q',
      'q',
      QUIZ,
      makeQuizConfig({ timing: { kind: 'total', limitMs: 600_000 } }),
    )
    expect(field(assessmentOf(total.data), 'qmd_timelimit')).toEqual(['10'])
    const each = exportQuizQti(
      'Q',
      'q',
      QUIZ,
      makeQuizConfig({ timing: { kind: 'per-question', limitMs: 30_000 } }),
    )
    // ten questions written × 30 s = 5 min
    expect(field(assessmentOf(each.data), 'qmd_timelimit')).toEqual(['5'])
    expect(describeQuizExportPlan(each.plan)).toContain(
      'Canvas has no time limit per question: the quiz gets 5 min in all (10 questions × 30 s)',
    )
    const none = exportQuizQti('Q', 'q', QUIZ, makeQuizConfig())
    expect(field(assessmentOf(none.data), 'qmd_timelimit')).toEqual([])
  })

  it('exports every question of a quiz generated from a shipped deck, or reports it', () => {
    const deck = parseDeck(shipped)
    if (!deck.ok) throw new Error('the shipped deck must parse')
    const config = makeQuizConfig({
      deckIds: [deck.value.id],
      count: 30,
      forms: ['typed', 'single', 'multi', 'ordering', 'truefalse', 'matching'],
    })
    const quiz = generateQuiz(config, [deck.value as Deck])
    expect(quiz.questions.length).toBeGreaterThan(10)
    const file = exportQuizQti('Europe', 'q', quiz.questions, config)
    const items = assessmentOf(file.data).getElementsByTagName('item')
    const left = file.plan.left.reduce((n, g) => n + g.count, 0)
    expect(items.length).toBe(file.plan.written)
    expect(file.plan.written + left).toBe(quiz.questions.length)
  })
})

describe('exportQuizAs gift', () => {
  const config = makeQuizConfig({ seed: 'k3x9', timing: { kind: 'total', limitMs: 600_000 } })

  it('writes every question GIFT holds so that the GIFT grammar reads it back, in quiz order', () => {
    const file = exportQuizAs('gift', 'Europe / NATO', 'quiz-k3x9', QUIZ, config)
    expect(file.fileName).toBe('quiz-k3x9.gift.txt')
    const text = file.data as string
    // the questions go to a category named for the quiz ("/" would start a subcategory)
    expect(text).toContain('$CATEGORY: Europe - NATO')
    const parsed = parseGift(text).filter((q) => q.type !== 'Category')
    expect(parsed.map((q) => [q.title, q.type])).toEqual([
      ['intercept-quiz-k3x9-q1', 'MC'],
      ['intercept-quiz-k3x9-q2', 'MC'],
      ['intercept-quiz-k3x9-q3', 'TF'],
      ['intercept-quiz-k3x9-q4', 'Short'],
      ['intercept-quiz-k3x9-q5', 'Numerical'],
      ['intercept-quiz-k3x9-q6', 'Matching'],
      ['intercept-quiz-k3x9-q7', 'Matching'],
      ['intercept-quiz-k3x9-q9', 'Short'],
      ['intercept-quiz-k3x9-q10', 'Short'],
    ])
    const byTitle = new Map(parsed.map((q) => [q.title, q]))
    const single = byTitle.get('intercept-quiz-k3x9-q1')
    if (single?.type !== 'MC') throw new Error('q1 is multiple choice')
    expect(single.choices.filter((c) => c.isCorrect).map((c) => c.text.text)).toEqual(['Deveselu'])
    // the explanation is general feedback, its markup as typed
    expect(single.globalFeedback?.text).toContain('<b>& not before</b>')
    const tf = byTitle.get('intercept-quiz-k3x9-q3')
    if (tf?.type !== 'TF') throw new Error('q3 is true or false')
    expect(tf.isTrue).toBe(false)
    expect(tf.stem.text).toContain('Proposed answer: Spain')
    // matching keeps its extra wrong answer as an answer matched to no question
    const matching = byTitle.get('intercept-quiz-k3x9-q6')
    if (matching?.type !== 'Matching') throw new Error('q6 is matching')
    expect(matching.matchPairs.map((p) => [p.subquestion.text, p.subanswer])).toEqual([
      ['Deveselu', 'Romania'],
      ['Redzikowo', 'Poland'],
      ['Kürecik', 'Turkey'],
      ['', 'Spain'],
    ])
    // the ordering is matched to places, the one-blank cloze a missing word with the other blank shown
    // the items keep the order the quiz shows them in: the right order would give the answer away
    expect(text).toContain('{=Phase 3 -> 3rd =Phase 1 -> 1st =Phase 2 -> 2nd}')
    expect(text).toContain('::intercept-quiz-k3x9-q9:: Aegis Ashore sits in {=Romania} and Poland')
  })

  it('reports the two-blank question, and what to set in Moodle, before the export', () => {
    const lines = describeQuizExportPlan(planQuizExport(QUIZ, config, 'gift'))
    expect(lines[0]).toBe(
      "1 fill-in-the-blank question can't be expressed in Moodle GIFT (a GIFT missing-word question has exactly one blank)",
    )
    expect(lines).toContain(
      '1 ordering question is written as matching: each item is matched to its place (1st, 2nd, …)',
    )
    expect(lines.at(-1)).toContain('Give the quiz its time limit of 10 min there.')
    expect(planQuizExport(QUIZ, config, 'gift').left[0]!.ids).toEqual(['q8'])
  })
})

describe('exportQuizAs aiken', () => {
  it('writes the multiple-choice questions, with true or false as a choice, and reports the rest', () => {
    const file = exportQuizAs('aiken', 'Q', 'quiz-x', QUIZ, makeQuizConfig({ mode: 'exam' }))
    expect(file.fileName).toBe('quiz-x.aiken.txt')
    const back = importAiken(file.data as string)
    if (!back.ok) throw new Error(JSON.stringify(back.issues))
    expect(
      back.deck.cards.map((c) => (c.type === 'single' ? [c.prompt, c.answer] : [c.type])),
    ).toEqual([
      ['Aegis Ashore site in Romania?', 'Deveselu'],
      ['Where is the AN/TPY-2 radar? Proposed answer: Spain', 'False'],
    ])
    const plan = file.plan
    expect(plan.written).toBe(2)
    expect(plan.left.map((g) => [g.form, g.count])).toEqual([
      ['multi', 1],
      ['typed', 1],
      ['numeric', 1],
      ['matching', 1],
      ['ordering', 1],
      ['cloze', 2],
      ['map', 1],
    ])
    const lines = describeQuizExportPlan(plan)
    expect(lines).toContain(
      "2 fill-in-the-blank questions can't be expressed in Moodle Aiken (Aiken has only multiple-choice questions)",
    )
    expect(lines).toContain('Aiken has no place for explanations: 1 question loses theirs')
    expect(lines.at(-1)).toContain('Exam rules')
  })

  it('writes a multiple-select question with one right answer as single choice', () => {
    const one = ask('q1', {
      form: 'multi',
      prompt: 'Which hosts the radar?',
      options: ['Spain', 'Turkey', 'Poland'],
      answers: ['Turkey'],
    })
    const file = exportQuizAs('aiken', 'Q', 'q', [one], makeQuizConfig())
    expect(file.data).toBe('Which hosts the radar?\nA) Spain\nB) Turkey\nC) Poland\nANSWER: B\n')
    expect(describeQuizExportPlan(file.plan)[0]).toBe(
      '1 multiple-select question is written as single choice (one right answer)',
    )
  })
})

describe('what no quiz export carries is said before it', () => {
  const pictured = ask('q1', {
    form: 'single',
    prompt: 'Which site is shown?',
    options: ['Deveselu', 'Rota'],
    answer: 'Deveselu',
    pictures: { prompt: [{ id: 'a'.repeat(64), alt: 'The Deveselu site' }] },
    rich: { prompt: '<b>Which</b> site is shown?' },
  })
  const hinted = ask('q2', {
    form: 'cloze',
    segments: [
      { kind: 'text', text: 'Ships at ' },
      { kind: 'blank', index: 1, answer: 'Rota', hint: 'a port', hidden: true },
      { kind: 'text', text: '.' },
    ],
    blanks: ['Rota'],
    rejects: [],
  })

  it('counts the questions that lose pictures and formatting, in each format', () => {
    for (const format of ['qti', 'gift', 'aiken'] as const) {
      const lines = describeQuizExportPlan(
        planQuizExport([pictured, hinted], makeQuizConfig(), format),
      )
      expect(lines.join('\n')).toMatch(
        /1 question shows pictures, which .+ files do not carry: it is written without them/,
      )
      expect(lines).toContain(
        '1 question has formatting (bold, italics, lists…), written as plain text',
      )
    }
  })

  it('writes a blank’s hint after it', () => {
    const qti = exportQuizQti('Q', 'q', [hinted], makeQuizConfig())
    expect(assessmentOf(qti.data).querySelector('item mattext')!.textContent).toBe(
      '<p>Ships at _____ (a port).</p>',
    )
    const gift = exportQuizAs('gift', 'Q', 'q', [hinted], makeQuizConfig({ seed: 's' }))
    expect(gift.data).toContain('::intercept-quiz-s-q2:: Ships at {=Rota} (a port).')
  })
})
