// A quiz (its settings and the very questions it asks) for an LMS: QTI 1.2 for Canvas and others,
// or Moodle's GIFT and Aiken, with the report of what the format cannot hold, given before the
// file is written (never a silent drop).
import {
  assessmentXml,
  blanksItem,
  choiceItem,
  matchingItem,
  numericItem,
  qtiPackage,
  shortItem,
  type QtiSource,
} from './exportQti'
import { EXPORT_FORMAT_NAMES, mediaNotes, type CardFate, type ExportFile } from './exportFormats'
import { giftHeader } from './exportGift'
import {
  countryAnswers,
  MAP_AS_SHORT_ANSWER,
  ORDERING_AS_MATCHING,
  orderingAsMatching,
  typedGradingNote,
  typedMapPrompt,
  typedPrompt,
} from './exportCommon'
import { aikenQuizQuestion, giftQuizQuestion } from './exportQuizMoodle'
import { blankHint } from './cloze'
import { plural, agree } from './plural'
import type { QuizConfig } from './quiz/config'
import type { QuizQuestion } from './quiz/generate'
import type { Question } from './questions'

/** Formats a quiz exports to. */
export const QUIZ_EXPORT_FORMATS = ['qti', 'gift', 'aiken'] as const
export type QuizExportFormat = (typeof QUIZ_EXPORT_FORMATS)[number]

/** One line of the report: how many questions of a form share a fate. */
export interface QuizExportGroup {
  form: Question['form']
  count: number
  /** For converted questions: how they are written (after "is"/"are"); for left-out ones: why. */
  reason: string
  /** The questions (`q1`, `q2`…), in quiz order. */
  ids: string[]
}

/** What a quiz export will write, known before it is written. */
export interface QuizExportPlan {
  format: QuizExportFormat
  /** Questions written (kept or converted). */
  written: number
  converted: QuizExportGroup[]
  left: QuizExportGroup[]
  /** Quiz-wide notes: settings the format holds differently or not at all. */
  notes: string[]
  /** Canvas's time limit for the whole quiz, in minutes (none when absent). */
  timeLimitMinutes?: number
}

const FORM_NAMES: Record<Question['form'], [string, string]> = {
  self: ['flashcard question', 'flashcard questions'],
  typed: ['typed-answer question', 'typed-answer questions'],
  cloze: ['fill-in-the-blank question', 'fill-in-the-blank questions'],
  single: ['single-choice question', 'single-choice questions'],
  multi: ['multiple-select question', 'multiple-select questions'],
  ordering: ['ordering question', 'ordering questions'],
  numeric: ['number question', 'number questions'],
  map: ['map question', 'map questions'],
  truefalse: ['true-or-false question', 'true-or-false questions'],
  matching: ['matching question', 'matching questions'],
}

/** A Canvas item for one quiz question, or why there is none. */
export function qtiQuizQuestion(
  entry: QuizQuestion,
  ident: string,
): { fate: CardFate; xml?: string } {
  const q = entry.question
  const source: QtiSource = {
    id: ident,
    ...(q.explanation ? { explanation: q.explanation } : {}),
  }
  switch (q.form) {
    case 'single':
      return {
        fate: { fate: 'kept' },
        xml: choiceItem(source, 'multiple_choice_question', q.prompt, q.options, [
          q.options.indexOf(q.answer),
        ]),
      }
    case 'multi':
      return {
        fate: { fate: 'kept' },
        xml: choiceItem(
          source,
          'multiple_answers_question',
          q.prompt,
          q.options,
          q.options.flatMap((o, i) => (q.answers.includes(o) ? [i] : [])),
        ),
      }
    case 'truefalse':
      return {
        fate: { fate: 'kept' },
        xml: choiceItem(
          source,
          'true_false_question',
          `${q.prompt}\nProposed answer: ${q.proposed}`,
          ['True', 'False'],
          [q.answer ? 0 : 1],
        ),
      }
    case 'typed':
      return { fate: { fate: 'kept' }, xml: shortItem(source, typedPrompt(q), q.accepted) }
    case 'self':
      return {
        fate: { fate: 'converted', how: 'written as short answer, the back being the answer' },
        xml: shortItem(source, q.front, [q.back]),
      }
    case 'numeric': {
      const prompt = q.unit ? `${q.prompt} (in ${q.unit})` : q.prompt
      return {
        fate: q.unit
          ? { fate: 'converted', how: 'written with the unit after the question' }
          : { fate: 'kept' },
        xml: numericItem(source, prompt, q.answer),
      }
    }
    case 'cloze': {
      const asked = q.segments.filter((s) => s.kind === 'blank' && s.hidden)
      if (asked.length > 1) return { fate: { fate: 'kept' }, xml: blanksItem(source, q.segments) }
      if (asked.length !== 1) return { fate: { fate: 'left', why: 'they have no blank' } }
      const prompt = q.segments
        .map((s) => (s.kind === 'text' ? s.text : s.hidden ? `_____${blankHint(s)}` : s.answer))
        .join('')
      return {
        fate: { fate: 'converted', how: 'written as short answer, the blank shown as "_____"' },
        xml: shortItem(source, prompt, q.blanks),
      }
    }
    case 'matching':
      return {
        fate: { fate: 'kept' },
        xml: matchingItem(source, q.prompt, q.pairs, q.rights),
      }
    case 'ordering': {
      // Canvas's classic quizzes have no ordering question: each item, in the order the quiz
      // shows them, is matched to its place
      const { pairs, places } = orderingAsMatching(q.items, q.answer)
      return {
        fate: { fate: 'converted', how: ORDERING_AS_MATCHING },
        xml: matchingItem(source, q.prompt, pairs, places),
      }
    }
    case 'map': {
      return {
        fate: { fate: 'converted', how: MAP_AS_SHORT_ANSWER },
        xml: shortItem(source, typedMapPrompt(q.prompt), countryAnswers(q.answers)),
      }
    }
  }
}

function group(list: QuizExportGroup[], entry: QuizQuestion, reason: string) {
  const form = entry.question.form
  const found = list.find((g) => g.form === form && g.reason === reason)
  if (found) {
    found.count++
    found.ids.push(entry.id)
  } else list.push({ form, count: 1, reason, ids: [entry.id] })
}

// question forms an LMS asks as a typed short answer
const TYPED_FORMS: ReadonlySet<Question['form']> = new Set(['typed', 'self', 'cloze', 'map'])

/** What a quiz question becomes in `format`. */
export function quizQuestionFate(entry: QuizQuestion, format: QuizExportFormat): CardFate {
  switch (format) {
    case 'qti':
      return qtiQuizQuestion(entry, entry.id).fate
    case 'gift':
      return giftQuizQuestion(entry, entry.id).fate
    case 'aiken':
      return aikenQuizQuestion(entry).fate
  }
}

function minutes(limitMs: number): number {
  return Math.max(1, Math.ceil(limitMs / 60_000))
}

// Canvas's quiz takes its time limit from the file; a GIFT or Aiken file fills Moodle's question
// bank, so the quiz around the questions is set in Moodle
function settingsNotes(
  format: QuizExportFormat,
  config: Pick<QuizConfig, 'timing' | 'mode'>,
  written: number,
): { notes: string[]; timeLimitMinutes?: number } {
  const { timing } = config
  const each = timing.kind === 'per-question' ? Math.round(timing.limitMs / 1000) : 0
  const limit =
    timing.kind === 'total'
      ? minutes(timing.limitMs)
      : timing.kind === 'per-question'
        ? minutes(timing.limitMs * written)
        : undefined
  if (format !== 'qti') {
    const name = EXPORT_FORMAT_NAMES[format]
    const time =
      limit === undefined
        ? ''
        : timing.kind === 'per-question'
          ? ` Moodle has no time limit per question: give the quiz ${limit} min in all (${plural(written, 'question')} × ${each} s).`
          : ` Give the quiz its time limit of ${limit} min there.`
    const rules =
      config.mode === 'exam'
        ? ' Exam rules (one attempt, no going back) are Moodle quiz settings: 1 attempt, navigation “Sequential”.'
        : ' Practice mode is Moodle’s “Immediate feedback” question behaviour.'
    return {
      notes: [
        `A ${name} file fills Moodle’s question bank, not a quiz: add the questions to a quiz in Moodle.${time}${rules}`,
      ],
    }
  }
  const notes: string[] = []
  if (limit !== undefined && timing.kind === 'total' && limit * 60_000 !== timing.limitMs)
    notes.push(`Canvas counts time limits in minutes: the limit is ${limit} min`)
  if (limit !== undefined && timing.kind === 'per-question')
    notes.push(
      `Canvas has no time limit per question: the quiz gets ${limit} min in all (${plural(written, 'question')} × ${each} s)`,
    )
  notes.push(
    config.mode === 'exam'
      ? 'Exam rules (one attempt, no going back) are Canvas quiz settings: the file allows one attempt; set “Lock questions after answering” in Canvas'
      : 'Practice mode shows each answer at once; Canvas shows them after the quiz is submitted',
  )
  return { notes, ...(limit !== undefined ? { timeLimitMinutes: limit } : {}) }
}

/**
 * What exporting the quiz in `format` writes: each question's fate, and notes on the settings
 * the format holds elsewhere. QTI carries Canvas's time limit (a per-question limit becomes the
 * sum of them, rounded up to whole minutes); GIFT and Aiken hold questions only, so the notes say
 * what to set in Moodle. Aiken also loses explanations, and says how many.
 */
export function planQuizExport(
  questions: readonly QuizQuestion[],
  config: Pick<QuizConfig, 'timing' | 'mode'>,
  format: QuizExportFormat = 'qti',
): QuizExportPlan {
  const converted: QuizExportGroup[] = []
  const left: QuizExportGroup[] = []
  let written = 0
  let explained = 0
  for (const entry of questions) {
    const fate = quizQuestionFate(entry, format)
    if (fate.fate === 'left') group(left, entry, fate.why)
    else {
      written++
      if (entry.question.explanation) explained++
      if (fate.fate === 'converted') group(converted, entry, fate.how)
    }
  }
  const { notes, timeLimitMinutes } = settingsNotes(format, config, written)
  const kept = questions.filter((e) => quizQuestionFate(e, format).fate !== 'left')
  const typed = kept.filter((e) => TYPED_FORMS.has(e.question.form)).length
  const grading =
    format === 'aiken' ? undefined : typedGradingNote(typed, format === 'qti' ? 'Canvas' : 'Moodle')
  if (grading) notes.unshift(grading)
  notes.unshift(
    ...mediaNotes(
      kept.map((e) => e.question),
      EXPORT_FORMAT_NAMES[format],
      'question',
    ),
  )
  if (format === 'aiken' && explained)
    notes.unshift(
      `Aiken has no place for explanations: ${plural(explained, 'question loses', 'questions lose')} theirs`,
    )
  return {
    format,
    written,
    converted,
    left,
    notes,
    ...(timeLimitMinutes ? { timeLimitMinutes } : {}),
  }
}

function questions(n: number, form: Question['form']): string {
  const [one, many] = FORM_NAMES[form]
  return plural(n, one, many)
}

/**
 * The plan in sentences, left-out questions first: "2 ordering questions can't be expressed in
 * Moodle Aiken (Aiken has only multiple-choice questions)".
 */
export function describeQuizExportPlan(plan: QuizExportPlan): string[] {
  const name = EXPORT_FORMAT_NAMES[plan.format]
  return [
    ...plan.left.map(
      (g) => `${questions(g.count, g.form)} can't be expressed in ${name} (${g.reason})`,
    ),
    ...plan.converted.map(
      (g) => `${questions(g.count, g.form)} ${agree(g.count, 'is', 'are')} ${g.reason}`,
    ),
    ...plan.notes,
  ]
}

/** A quiz export ready to save. */
export type QuizExportFile = Omit<ExportFile, 'plan'> & { plan: QuizExportPlan }

function quizIdent(config: Pick<QuizConfig, 'seed'>): string {
  return `intercept-quiz-${config.seed.replace(/[^A-Za-z0-9_-]/g, '')}`
}

/**
 * The quiz as a QTI 1.2 content package (zip) as Canvas imports it ("QTI .zip file"): one
 * assessment titled `title`, its questions in the quiz's order, one point each, explanations as
 * general feedback, and the time limit of `planQuizExport`. `fileBase` names the file.
 */
export function exportQuizQti(
  title: string,
  fileBase: string,
  quiz: readonly QuizQuestion[],
  config: Pick<QuizConfig, 'timing' | 'mode' | 'seed'>,
): QuizExportFile {
  const plan = planQuizExport(quiz, config, 'qti')
  const ident = quizIdent(config)
  const items = quiz.flatMap((entry) => qtiQuizQuestion(entry, `${ident}-${entry.id}`).xml ?? [])
  const assessment = assessmentXml(
    title,
    ident,
    items,
    plan.timeLimitMinutes ? { timeLimitMinutes: plan.timeLimitMinutes } : {},
  )
  return {
    plan,
    fileName: `${fileBase}.qti.zip`,
    mime: 'application/zip',
    data: qtiPackage(ident, assessment),
  }
}

// Moodle files a GIFT import under $CATEGORY; a "/" there would start a subcategory
function giftCategory(title: string): string {
  return `$CATEGORY: ${title.replace(/\s+/g, ' ').replace(/[/\\]/g, '-').trim()}`
}

/**
 * The quiz in `format`: QTI as `exportQuizQti`; GIFT as a file whose questions, in the quiz's
 * order, go to a question-bank category named `title` (each named `<quiz>-q1`…, see
 * `giftQuizQuestion`); Aiken as its multiple-choice questions (see `aikenQuizQuestion`).
 * `planQuizExport` says beforehand what each leaves out.
 */
export function exportQuizAs(
  format: QuizExportFormat,
  title: string,
  fileBase: string,
  quiz: readonly QuizQuestion[],
  config: Pick<QuizConfig, 'timing' | 'mode' | 'seed'>,
): QuizExportFile {
  switch (format) {
    case 'qti':
      return exportQuizQti(title, fileBase, quiz, config)
    case 'gift': {
      const ident = quizIdent(config)
      const out = [giftHeader(title), '', giftCategory(title), '']
      for (const entry of quiz) {
        const text = giftQuizQuestion(entry, `${ident}-${entry.id}`).text
        if (text) out.push(text, '')
      }
      return {
        plan: planQuizExport(quiz, config, 'gift'),
        fileName: `${fileBase}.gift.txt`,
        mime: 'text/plain',
        data: out.join('\n'),
      }
    }
    case 'aiken':
      return {
        plan: planQuizExport(quiz, config, 'aiken'),
        fileName: `${fileBase}.aiken.txt`,
        mime: 'text/plain',
        data: quiz.flatMap((entry) => aikenQuizQuestion(entry).lines ?? []).join('\n'),
      }
  }
}
