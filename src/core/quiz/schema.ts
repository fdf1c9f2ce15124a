// Schemas for questions, sessions and results coming back from storage or a backup file.
import * as v from 'valibot'
import type { Question, Response } from '../questions'
import { RECALLS } from '../recall'
import { QUIZ_FORMS, QUIZ_LIMITS, type QuizConfig, QuizConfigSchema } from './config'
import type { QuizQuestion } from './generate'
import type { QuizResult } from './result'
import type { QuizSession } from './session'

const Finite = v.pipe(v.number(), v.finite())
const Count = v.pipe(v.number(), v.integer(), v.minValue(0))
const Epoch = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15))
const Duration = v.pipe(Finite, v.minValue(0))
const Str = (max = 5_000) => v.pipe(v.string(), v.maxLength(max))
const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(200))
const List = <T extends v.GenericSchema>(item: T, max: number) =>
  v.pipe(v.array(item), v.maxLength(max), v.readonly())
const Texts = (max = 200) => List(Str(), max)

const questionBase = {
  deckId: Id,
  cardId: Id,
  explanation: v.optional(Str()),
  paragraphs: List(Count, 1_000),
  // kept as the card had them (validated with the deck); a stored session only carries them along
  pictures: v.optional(v.record(v.string(), List(v.object({ id: Id, alt: Str() }), 4))),
  rich: v.optional(v.record(v.string(), Str(10_000))),
}

const ClozeSegmentSchema = v.variant('kind', [
  v.object({ kind: v.literal('text'), text: Str() }),
  v.object({
    kind: v.literal('blank'),
    index: Count,
    answer: Str(),
    hint: v.optional(Str()),
    hidden: v.boolean(),
  }),
])

/** Validates a question (as stored in a session or result). */
export const QuestionSchema = v.variant('form', [
  v.object({ ...questionBase, form: v.literal('self'), front: Str(), back: Str() }),
  v.object({
    ...questionBase,
    form: v.literal('typed'),
    prompt: Str(),
    accepted: Texts(),
    rejects: Texts(10_000),
    hint: v.optional(Str()),
  }),
  v.object({
    ...questionBase,
    form: v.literal('cloze'),
    segments: List(ClozeSegmentSchema, 1_000),
    blanks: Texts(),
    rejects: Texts(10_000),
  }),
  v.object({
    ...questionBase,
    form: v.literal('single'),
    prompt: Str(),
    options: Texts(),
    answer: Str(),
  }),
  v.object({
    ...questionBase,
    form: v.literal('multi'),
    prompt: Str(),
    options: Texts(),
    answers: Texts(),
  }),
  v.object({
    ...questionBase,
    form: v.literal('ordering'),
    prompt: Str(),
    items: Texts(),
    answer: Texts(),
  }),
  v.object({
    ...questionBase,
    form: v.literal('numeric'),
    prompt: Str(),
    answer: v.union([Finite, v.object({ min: Finite, max: Finite })]),
    unit: v.optional(Str()),
  }),
  v.object({
    ...questionBase,
    form: v.literal('map'),
    prompt: Str(),
    answers: Texts(),
    region: Str(),
  }),
  v.object({
    ...questionBase,
    form: v.literal('truefalse'),
    prompt: Str(),
    proposed: Str(),
    answer: v.boolean(),
    correctAnswer: Str(),
  }),
  v.object({
    ...questionBase,
    form: v.literal('matching'),
    prompt: Str(),
    pairs: List(v.object({ left: Str(), right: Str(), cardId: Id }), 200),
    rights: Texts(),
  }),
])

/** Validates a response (as stored in a session or result). */
export const ResponseSchema = v.variant('form', [
  v.object({ form: v.literal('self'), recall: v.picklist(RECALLS) }),
  v.object({ form: v.literal('typed'), text: Str() }),
  v.object({ form: v.literal('cloze'), texts: Texts() }),
  v.object({ form: v.literal('single'), choice: v.nullable(Str()) }),
  v.object({ form: v.literal('multi'), choices: Texts() }),
  v.object({ form: v.literal('ordering'), order: Texts() }),
  v.object({ form: v.literal('numeric'), text: Str() }),
  v.object({ form: v.literal('map'), code: v.nullable(Str(10)) }),
  v.object({ form: v.literal('truefalse'), value: v.nullable(v.boolean()) }),
  v.object({ form: v.literal('matching'), matches: v.pipe(v.record(Str(), Str()), v.readonly()) }),
])

/** Validates a quiz question (form, items and the question itself). */
export const QuizQuestionSchema = v.object({
  id: Id,
  form: v.picklist(QUIZ_FORMS),
  itemId: v.optional(Id),
  itemIds: List(Id, 200),
  question: QuestionSchema,
})

const GradedSchema = v.object({
  correct: v.boolean(),
  score: v.pipe(Finite, v.minValue(0), v.maxValue(1)),
  typo: v.optional(v.boolean()),
})

const QuizEndSchema = v.picklist(['user', 'time'])
const QUESTIONS_MAX = QUIZ_LIMITS.count

/** Validates a stored session; the per-question lists must match the questions and `current` be one of them. */
export const QuizSessionSchema = v.pipe(
  v.object({
    id: Id,
    config: QuizConfigSchema,
    questions: v.pipe(List(QuizQuestionSchema, QUESTIONS_MAX), v.minLength(1)),
    answers: List(v.nullable(ResponseSchema), QUESTIONS_MAX),
    elapsedMs: List(Duration, QUESTIONS_MAX),
    answeredMs: v.optional(List(v.nullable(Duration), QUESTIONS_MAX)),
    shownAt: List(v.nullable(Epoch), QUESTIONS_MAX),
    timedOut: List(v.boolean(), QUESTIONS_MAX),
    startedAt: Epoch,
    current: Count,
    currentSince: v.nullable(Epoch),
    pausedAt: v.optional(Epoch),
    pausedMs: Duration,
    submittedAt: v.optional(Epoch),
    endedBy: v.optional(QuizEndSchema),
  }),
  v.check((s) => {
    const n = s.questions.length
    return (
      s.answers.length === n &&
      s.elapsedMs.length === n &&
      (s.answeredMs === undefined || s.answeredMs.length === n) &&
      s.shownAt.length === n &&
      s.timedOut.length === n &&
      s.current < n
    )
  }, 'the session lists do not match its questions'),
)

/** Validates a stored quiz result. */
export const QuizResultSchema = v.object({
  id: Id,
  configKey: v.pipe(v.string(), v.maxLength(20_000)),
  config: QuizConfigSchema,
  startedAt: Epoch,
  finishedAt: Epoch,
  durationMs: Duration,
  endedBy: QuizEndSchema,
  total: Count,
  correct: Count,
  score: v.pipe(Finite, v.minValue(0), v.maxValue(1)),
  questions: List(
    v.object({
      question: QuizQuestionSchema,
      response: v.nullable(ResponseSchema),
      graded: GradedSchema,
      elapsedMs: Duration,
      answeredMs: v.optional(Duration),
      timedOut: v.boolean(),
      seen: v.boolean(),
    }),
    QUESTIONS_MAX,
  ),
})

// Type-level check that the schemas and the types agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _configAgrees: Same<v.InferOutput<typeof QuizConfigSchema>, QuizConfig> = true
const _questionAgrees: Same<v.InferOutput<typeof QuestionSchema>, Question> = true
const _responseAgrees: Same<v.InferOutput<typeof ResponseSchema>, Response> = true
const _quizQuestionAgrees: Same<v.InferOutput<typeof QuizQuestionSchema>, QuizQuestion> = true
const _sessionAgrees: Same<v.InferOutput<typeof QuizSessionSchema>, QuizSession> = true
const _resultAgrees: Same<v.InferOutput<typeof QuizResultSchema>, QuizResult> = true
void [
  _configAgrees,
  _questionAgrees,
  _responseAgrees,
  _quizQuestionAgrees,
  _sessionAgrees,
  _resultAgrees,
]
