// A quiz (its settings and the very questions it asks) as QTI 1.2 for Canvas and other LMSs, with
// the report of what QTI cannot hold, given before the file is written (never a silent drop).
import { countryByCode } from './countries'
import {
  assessmentXml,
  choiceItem,
  matchingItem,
  numericItem,
  qtiPackage,
  shortItem,
  type QtiSource,
} from './exportQti'
import type { CardFate, ExportFile } from './exportFormats'
import { plural } from './plural'
import type { QuizConfig } from './quiz/config'
import type { QuizQuestion } from './quiz/generate'
import type { Question } from './questions'

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
  /** Questions written (kept or converted). */
  written: number
  converted: QuizExportGroup[]
  left: QuizExportGroup[]
  /** Quiz-wide notes: settings Canvas holds differently or not at all. */
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

/** A place as a matching answer (1st, 2nd, 3rd, 4th, 11th…), for an ordering asked as matching. */
function place(n: number): string {
  const tens = n % 100
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['st', 'nd', 'rd'][(n % 10) - 1] ?? 'th')
  return `${n}${suffix}`
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
      return { fate: { fate: 'kept' }, xml: shortItem(source, q.prompt, q.accepted) }
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
      if (asked.length !== 1)
        return {
          fate: { fate: 'left', why: 'only questions with one blank have a Canvas form' },
        }
      const prompt = q.segments
        .map((s) => (s.kind === 'text' ? s.text : s.hidden ? '_____' : s.answer))
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
    case 'ordering':
      // Canvas's classic quizzes have no ordering question: each item is matched to its place
      return {
        fate: {
          fate: 'converted',
          how: 'written as matching: each item is matched to its place (1st, 2nd, …)',
        },
        xml: matchingItem(
          source,
          q.prompt,
          q.answer.map((text, i) => ({ left: text, right: place(i + 1) })),
          q.answer.map((_t, i) => place(i + 1)),
        ),
      }
    case 'map': {
      const names = q.answers.flatMap((code) => {
        const country = countryByCode(code)
        return country ? [country.name, ...country.aliases] : [code]
      })
      return {
        fate: {
          fate: 'converted',
          how: 'written as short answer: the country is typed by name, not found on a map',
        },
        xml: shortItem(source, q.prompt, names),
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

/**
 * What exporting the quiz writes: each question's fate, Canvas's time limit (a per-question limit
 * becomes the sum of them, rounded up to whole minutes), and notes on what Canvas sets elsewhere.
 */
export function planQuizExport(
  questions: readonly QuizQuestion[],
  config: Pick<QuizConfig, 'timing' | 'mode'>,
): QuizExportPlan {
  const converted: QuizExportGroup[] = []
  const left: QuizExportGroup[] = []
  let written = 0
  for (const entry of questions) {
    const { fate } = qtiQuizQuestion(entry, entry.id)
    if (fate.fate === 'left') group(left, entry, fate.why)
    else {
      written++
      if (fate.fate === 'converted') group(converted, entry, fate.how)
    }
  }
  const notes: string[] = []
  let timeLimitMinutes: number | undefined
  const { timing } = config
  if (timing.kind === 'total') {
    timeLimitMinutes = Math.max(1, Math.ceil(timing.limitMs / 60_000))
    if (timeLimitMinutes * 60_000 !== timing.limitMs)
      notes.push(`Canvas counts time limits in minutes: the limit is ${timeLimitMinutes} min`)
  } else if (timing.kind === 'per-question') {
    timeLimitMinutes = Math.max(1, Math.ceil((timing.limitMs * written) / 60_000))
    notes.push(
      `Canvas has no time limit per question: the quiz gets ${timeLimitMinutes} min in all (${plural(written, 'question')} × ${Math.round(timing.limitMs / 1000)} s)`,
    )
  }
  notes.push(
    config.mode === 'exam'
      ? 'Exam rules (one attempt, no going back) are Canvas quiz settings: the file allows one attempt; set “Lock questions after answering” in Canvas'
      : 'Practice mode shows each answer at once; Canvas shows them after the quiz is submitted',
  )
  return {
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
 * The plan in sentences, left-out questions first: "2 fill-in-the-blank questions can't be
 * expressed in QTI 1.2 (Canvas) (only questions with one blank have a Canvas form)".
 */
export function describeQuizExportPlan(plan: QuizExportPlan): string[] {
  return [
    ...plan.left.map(
      (g) => `${questions(g.count, g.form)} can't be expressed in QTI 1.2 (Canvas) (${g.reason})`,
    ),
    ...plan.converted.map(
      (g) => `${questions(g.count, g.form)} ${g.count === 1 ? 'is' : 'are'} ${g.reason}`,
    ),
    ...plan.notes,
  ]
}

/** A quiz export ready to save. */
export type QuizExportFile = Omit<ExportFile, 'plan'> & { plan: QuizExportPlan }

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
  const plan = planQuizExport(quiz, config)
  const ident = `intercept-quiz-${config.seed.replace(/[^A-Za-z0-9_-]/g, '')}`
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
