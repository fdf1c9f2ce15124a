// Where a card preview's distractors come from: the answers of every installed deck. Built once
// per list of decks (the editor hands every open preview the same list) rather than per preview.
import type { Deck } from '@/core/deck'
import type { AnswerPools } from '@/core/questions'
import { quizPools } from '@/core/quiz/generate'

const built = new WeakMap<readonly Deck[], AnswerPools>()

/** The answer pools of `decks`, remembered for as long as that list lives. */
export function poolsOf(decks: readonly Deck[]): AnswerPools {
  let pools = built.get(decks)
  if (!pools) built.set(decks, (pools = quizPools(decks)))
  return pools
}
