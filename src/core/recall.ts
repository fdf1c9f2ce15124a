// The four answers a learner can give, in its own file so the stored shapes (records, quiz
// schema) can list them without pulling grading's rules into the first load.

/** The four FSRS ratings in our vocabulary. */
export type Recall = 'again' | 'hard' | 'good' | 'easy'

/** Every recall, worst first (FSRS's order: 1 again … 4 easy). */
export const RECALLS = ['again', 'hard', 'good', 'easy'] as const satisfies readonly Recall[]
