// The timed sitting of a quiz. Pure: the caller passes `nowMs` (epoch ms); nothing here reads a clock.
import type { Response } from '../questions'
import { hashString } from '../random'
import { configKey, type QuizConfig } from './config'
import type { Quiz, QuizQuestion } from './generate'

/** How a sitting ended: submitted by the learner, or by the clock. */
export type QuizEnd = 'user' | 'time'

/**
 * A quiz being sat, as stored: plain data, times in epoch ms. Remaining time is always worked out
 * from these and the wall clock, so it stays right across hidden tabs and reloads.
 */
export interface QuizSession {
  id: string
  config: QuizConfig
  questions: readonly QuizQuestion[]
  /** One per question; null until answered. */
  answers: readonly (Response | null)[]
  /** Time each question has been on screen and open (not yet answered in practice, not timed out). */
  elapsedMs: readonly number[]
  /**
   * Time spent on each question when its answer was given (in exam mode, the last answer given);
   * null while unanswered. An answer is rated on this, not on when the question was left or timed
   * out. Absent in sessions saved before it was kept.
   */
  answeredMs?: readonly (number | null)[]
  /** When each question was first shown; null if never. */
  shownAt: readonly (number | null)[]
  /** Questions whose own time limit ran out. */
  timedOut: readonly boolean[]
  startedAt: number
  /** Index of the question on screen. */
  current: number
  /** Since when the current question's time has been running; null while it is closed or paused. */
  currentSince: number | null
  /** Set while a practice quiz is paused. */
  pausedAt?: number
  /** Total time spent paused: not counted against a whole-quiz limit. */
  pausedMs: number
  submittedAt?: number
  endedBy?: QuizEnd
}

/** Why an action on a session was refused. */
export type QuizRefusal =
  | 'submitted'
  | 'paused'
  | 'out-of-range'
  | 'not-current'
  | 'wrong-form'
  | 'timed-out'
  | 'locked'
  | 'no-going-back'
  | 'no-pausing'

/** The outcome of an action: the session after it (deadlines applied either way) and whether it was done. */
export type QuizStep =
  { ok: true; session: QuizSession } | { ok: false; session: QuizSession; reason: QuizRefusal }

/**
 * Starts sitting `quiz` at `nowMs`: the first question is shown and the clock runs.
 * `id` keys the session and, later, its result.
 */
export function startSession(
  config: QuizConfig,
  quiz: Pick<Quiz, 'questions'>,
  nowMs: number,
  id?: string,
): QuizSession {
  const n = quiz.questions.length
  if (n === 0) throw new RangeError('a quiz needs at least one question')
  return {
    id:
      id ??
      `${nowMs.toString(36)}-${hashString(`${config.seed}\u0000${configKey(config)}`).toString(36)}`,
    config,
    questions: quiz.questions,
    answers: Array.from({ length: n }, () => null),
    elapsedMs: Array.from({ length: n }, () => 0),
    answeredMs: Array.from({ length: n }, () => null),
    shownAt: Array.from({ length: n }, (_, i) => (i === 0 ? nowMs : null)),
    timedOut: Array.from({ length: n }, () => false),
    startedAt: nowMs,
    current: 0,
    currentSince: nowMs,
    pausedMs: 0,
  }
}

/** A question still takes answers and time: not timed out, and in practice not yet answered. */
function isOpen(s: QuizSession, index: number): boolean {
  return !s.timedOut[index] && !(s.config.mode === 'practice' && s.answers[index] != null)
}

/** Time on the quiz clock: since the start, less pauses, frozen once submitted. */
export function quizClockMs(s: QuizSession, nowMs: number): number {
  const end = s.submittedAt ?? s.pausedAt ?? nowMs
  return Math.max(0, end - s.startedAt - s.pausedMs)
}

/** Time spent on a question so far. */
function spentMs(s: QuizSession, index: number, nowMs: number): number {
  const running = index === s.current && s.currentSince !== null && s.submittedAt === undefined
  return (s.elapsedMs[index] ?? 0) + (running ? Math.max(0, nowMs - s.currentSince!) : 0)
}

/** The session with the current question's running time added to its elapsed time, clock stopped. */
function stopClock(s: QuizSession, atMs: number): QuizSession {
  if (s.currentSince === null) return s
  const elapsedMs = s.elapsedMs.slice()
  elapsedMs[s.current] = spentMs(s, s.current, atMs)
  return { ...s, elapsedMs, currentSince: null }
}

function showAt(s: QuizSession, index: number, atMs: number): QuizSession {
  const shownAt = s.shownAt.slice()
  shownAt[index] ??= atMs
  const next = { ...s, current: index, shownAt }
  return { ...next, currentSince: isOpen(next, index) ? atMs : null }
}

/**
 * When the running clock reaches zero (epoch ms): the whole-quiz deadline, or the current
 * question's. Null with no time limit, while paused, once submitted, or while the current question
 * is closed.
 */
export function deadlineOf(session: QuizSession): number | null {
  const { timing } = session.config
  if (timing.kind === 'none' || session.submittedAt !== undefined || session.pausedAt !== undefined)
    return null
  if (timing.kind === 'total') return session.startedAt + session.pausedMs + timing.limitMs
  if (session.currentSince === null) return null
  return session.currentSince + timing.limitMs - (session.elapsedMs[session.current] ?? 0)
}

/**
 * Milliseconds left at `nowMs`: of the whole quiz, or of the current question for per-question
 * limits (frozen once it is answered in practice or timed out). Never negative; null when untimed.
 */
export function remainingFor(session: QuizSession, nowMs: number): number | null {
  const { timing } = session.config
  if (timing.kind === 'none') return null
  const used =
    timing.kind === 'total' ? quizClockMs(session, nowMs) : spentMs(session, session.current, nowMs)
  return Math.max(0, timing.limitMs - used)
}

/** True when a limit has run out at `nowMs` and `enforceTime` has something to do. */
export function isExpired(session: QuizSession, nowMs: number): boolean {
  const deadline = deadlineOf(session)
  return deadline !== null && nowMs >= deadline
}

/**
 * The current question's own time is up: it is marked timed out and, unanswered, counts wrong.
 * In exam mode the quiz moves on to the next question (its clock starting at the deadline, not
 * `nowMs`, so time keeps its wall-clock meaning) or, after the last, submits itself. In practice
 * mode the question stays on screen, locked, with its answer revealed, until the learner moves on.
 * Returns the session unchanged if the question's time is not up.
 */
export function expireQuestion(session: QuizSession, nowMs: number): QuizSession {
  const { timing } = session.config
  const deadline = deadlineOf(session)
  if (timing.kind !== 'per-question' || deadline === null || nowMs < deadline) return session
  const timedOut = session.timedOut.slice()
  timedOut[session.current] = true
  const elapsedMs = session.elapsedMs.slice()
  elapsedMs[session.current] = timing.limitMs
  const closed: QuizSession = { ...session, timedOut, elapsedMs, currentSince: null }
  if (session.config.mode === 'practice') return closed
  const next = session.current + 1
  return next < session.questions.length
    ? showAt(closed, next, deadline)
    : close(closed, deadline, 'time')
}

/**
 * Applies every deadline passed by `nowMs`: past the whole-quiz limit the quiz submits itself as
 * of its deadline; per-question limits expire one question after another (a long-hidden tab
 * catches up on all it missed). Every action below calls it first.
 */
export function enforceTime(session: QuizSession, nowMs: number): QuizSession {
  let s = session
  while (isExpired(s, nowMs)) {
    const deadline = deadlineOf(s)!
    s =
      s.config.timing.kind === 'total'
        ? close(stopClock(s, deadline), deadline, 'time')
        : expireQuestion(s, nowMs)
  }
  return s
}

function close(s: QuizSession, atMs: number, endedBy: QuizEnd): QuizSession {
  const stopped = stopClock(s, atMs)
  return { ...stopped, submittedAt: atMs, endedBy }
}

function refuse(session: QuizSession, reason: QuizRefusal): QuizStep {
  return { ok: false, session, reason }
}

function gate(session: QuizSession, index: number): QuizRefusal | undefined {
  if (session.submittedAt !== undefined) return 'submitted'
  if (session.pausedAt !== undefined) return 'paused'
  if (!Number.isInteger(index) || index < 0 || index >= session.questions.length)
    return 'out-of-range'
  return undefined
}

/**
 * Records the answer to the question on screen. In exam mode it may be changed until the learner
 * moves on; in practice mode the first answer is final (feedback follows) and the question's
 * clock stops. Refused for another question, a response of another form, a timed-out question,
 * or after the deadline (which `enforceTime` applies first).
 */
export function answer(
  session: QuizSession,
  index: number,
  response: Response,
  nowMs: number,
): QuizStep {
  const s = enforceTime(session, nowMs)
  const refusal = gate(s, index)
  if (refusal) return refuse(s, refusal)
  if (index !== s.current) return refuse(s, 'not-current')
  if (response.form !== s.questions[index]!.question.form) return refuse(s, 'wrong-form')
  if (s.timedOut[index]) return refuse(s, 'timed-out')
  if (s.config.mode === 'practice' && s.answers[index] != null) return refuse(s, 'locked')
  const answers = s.answers.slice()
  answers[index] = response
  // the time to answer, kept apart from the time on screen: an exam question stays open (and its
  // clock runs) until the learner moves on or its time is up
  const answeredMs = s.answeredMs?.slice() ?? Array.from(s.answers, () => null)
  answeredMs[index] = spentMs(s, index, nowMs)
  const recorded = { ...s, answers, answeredMs }
  return { ok: true, session: s.config.mode === 'practice' ? stopClock(recorded, nowMs) : recorded }
}

/**
 * Shows question `index`. Exam mode refuses going back (skipping ahead is allowed; a skipped
 * question stays unanswered). The question left behind stops its clock; the one shown resumes its
 * own if it is still open.
 */
export function moveTo(session: QuizSession, index: number, nowMs: number): QuizStep {
  const s = enforceTime(session, nowMs)
  const refusal = gate(s, index)
  if (refusal) return refuse(s, refusal)
  if (index === s.current) return { ok: true, session: s }
  if (s.config.mode === 'exam' && index < s.current) return refuse(s, 'no-going-back')
  return { ok: true, session: showAt(stopClock(s, nowMs), index, nowMs) }
}

/** Pauses a practice quiz: every clock stops. Exam mode refuses. */
export function pause(session: QuizSession, nowMs: number): QuizStep {
  const s = enforceTime(session, nowMs)
  if (s.config.mode === 'exam') return refuse(s, 'no-pausing')
  const refusal = gate(s, s.current)
  if (refusal === 'paused') return { ok: true, session: s }
  if (refusal) return refuse(s, refusal)
  return { ok: true, session: { ...stopClock(s, nowMs), pausedAt: nowMs } }
}

/** Resumes a paused quiz; the pause does not count against any limit. */
export function resume(session: QuizSession, nowMs: number): QuizSession {
  if (session.pausedAt === undefined || session.submittedAt !== undefined) return session
  const { pausedAt, ...rest } = session
  const s: QuizSession = { ...rest, pausedMs: session.pausedMs + Math.max(0, nowMs - pausedAt) }
  return { ...s, currentSince: isOpen(s, s.current) ? nowMs : null }
}

/**
 * Ends the sitting. Deadlines passed are applied first, so a quiz submitted after its whole-quiz
 * limit (a reload long after) ends at the deadline, by the clock. Submitting twice changes nothing.
 */
export function submit(session: QuizSession, nowMs: number): QuizSession {
  let s = enforceTime(session, nowMs)
  if (s.submittedAt !== undefined) return s
  s = resume(s, nowMs)
  return close(s, nowMs, 'user')
}

/** Whether the right answer to question `index` may be shown: in practice once answered or timed out; in exam only at the end. */
export function isRevealed(session: QuizSession, index: number): boolean {
  if (session.submittedAt !== undefined) return true
  return (
    session.config.mode === 'practice' &&
    (session.answers[index] != null || session.timedOut[index] === true)
  )
}

/** A spoken time warning. */
export type Announcement = 'one-minute' | 'ten-seconds'

const ANNOUNCE_AT: readonly [Announcement, number][] = [
  ['ten-seconds', 10_000],
  ['one-minute', 60_000],
]

/**
 * Which warning to announce to screen readers between two readings of the remaining time: the
 * one whose threshold was just crossed going down. Each fires once per countdown because only a
 * crossing counts; when both were crossed at once (a tab woke up late) only the more urgent is
 * said; nothing on the first reading (`previousRemainingMs` null), when time went up (a new
 * question), or at zero (submission is announced instead).
 * @example announcementsDue(61_000, 59_000) === 'one-minute'
 */
export function announcementsDue(
  previousRemainingMs: number | null,
  remainingMs: number | null,
): Announcement | null {
  if (previousRemainingMs === null || remainingMs === null || remainingMs <= 0) return null
  for (const [name, at] of ANNOUNCE_AT)
    if (previousRemainingMs > at && remainingMs <= at) return name
  return null
}
