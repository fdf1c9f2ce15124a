// @vitest-environment node
// Two or three devices of one learner study, undo, hand in quizzes, reset their progress, delete
// a deck, edit a deck (some edits resetting a card) and change settings in random interleavings,
// some of them offline, and sync through the real sync server on loopback. After a full sync every
// device holds the union of the reviews and quiz results (none lost, none twice; undone, reset and
// deleted ones gone), the same card resets, every picture their decks show, the same card states, each the replay of that union
// after its card's latest reset, the same settings, and every deck version.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Recall } from '@/core/grading'
import { pictureIdsOf } from '@/core/pictures'
import type { StoredDeck } from '@/core/records'
import { replayMemory } from '@/core/reviewLog'
import { readSettings } from '@/core/settings'
import { startSyncServerProcess, type SyncServerProcess } from '../syncServer'
import { NOW, makeCard, makeDeck } from '../fixtures/decks'
import { makePicture } from '../fixtures/pictures'
import { Device, signUpAndIn } from './devices'

let server: SyncServerProcess

beforeAll(async () => {
  server = await startSyncServerProcess()
}, 60_000)

afterAll(async () => {
  await server?.stop()
  server?.remove()
})

const ITEMS = ['d1/a', 'd1/b', 'd2/c']
const PICTURES = [makePicture([200, 40, 40]), makePicture([20, 90, 200], 40)]
type Step =
  | { kind: 'answer'; device: number; item: number; recall: Recall; gapMs: number }
  | { kind: 'undo'; device: number }
  | { kind: 'deck'; device: number; title: string; picture: number }
  | { kind: 'settings'; device: number; newPerDay: number }
  | { kind: 'quiz'; device: number; item: number; recall: Recall; gapMs: number }
  | { kind: 'reset'; device: number }
  | { kind: 'resetCard'; device: number; item: number }
  | { kind: 'deleteDeck'; device: number }
  | { kind: 'sync'; device: number }

const stepArb = (devices: number): fc.Arbitrary<Step> =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('answer' as const),
        device: fc.nat(devices - 1),
        item: fc.nat(ITEMS.length - 1),
        recall: fc.constantFrom<Recall>('again', 'hard', 'good', 'easy'),
        gapMs: fc.integer({ min: 1_000, max: 3 * 86_400_000 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('undo' as const), device: fc.nat(devices - 1) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('deck' as const),
        device: fc.nat(devices - 1),
        title: fc.constantFrom('Alpha', 'Beta', 'Gamma', 'Delta'),
        // which picture the deck's card shows (none: -1)
        picture: fc.integer({ min: -1, max: PICTURES.length - 1 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('settings' as const),
        device: fc.nat(devices - 1),
        newPerDay: fc.integer({ min: 1, max: 50 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('quiz' as const),
        device: fc.nat(devices - 1),
        item: fc.nat(ITEMS.length - 1),
        recall: fc.constantFrom<Recall>('again', 'good'),
        gapMs: fc.integer({ min: 1_000, max: 86_400_000 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('reset' as const), device: fc.nat(devices - 1) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('resetCard' as const),
        device: fc.nat(devices - 1),
        item: fc.nat(ITEMS.length - 1),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('deleteDeck' as const),
        device: fc.nat(devices - 1),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('sync' as const), device: fc.nat(devices - 1) }),
    },
  )

const scenarioArb = fc.integer({ min: 2, max: 3 }).chain((devices) =>
  fc.record({
    devices: fc.constant(devices),
    steps: fc.array(stepArb(devices), { minLength: 1, maxLength: 25 }),
  }),
)

let run = 0

describe('sync between devices (property)', () => {
  it('leaves every device with the union of the reviews and the same state', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ devices: count, steps }) => {
        const user = `learner${++run}`
        const cookie = await signUpAndIn(server.url, user, 'pw')
        const devices = Array.from(
          { length: count },
          (_, i) => new Device(String.fromCharCode(97 + i), server.url, user, cookie),
        )
        try {
          const answered = new Set<string>()
          const resets = new Set<string>()
          const undone = new Set<string>()
          const quizzes = new Set<string>()
          const resetQuizzes = new Set<string>()
          const last: (string | undefined)[] = []
          // deck edits each device made since it last synced: none may be dropped
          const unsynced: (string | undefined)[] = []
          let at = NOW
          for (const step of steps) {
            const device = devices[step.device]!
            if (step.kind === 'answer') {
              at += step.gapMs
              const id = device.answer(ITEMS[step.item]!, step.recall, at)
              answered.add(id)
              last[step.device] = id
            } else if (step.kind === 'quiz') {
              at += step.gapMs
              const resultId = `quiz-${device.name}-${quizzes.size}`
              const id = device.finishQuiz(resultId, ITEMS[step.item]!, step.recall, at)
              quizzes.add(resultId)
              answered.add(id)
              last[step.device] = undefined
            } else if (step.kind === 'reset') {
              // what this device holds is deleted everywhere; what it has not seen yet stays
              for (const id of device.quiz.keys()) resetQuizzes.add(id)
              for (const id of device.reset()) undone.add(id)
              last[step.device] = undefined
            } else if (step.kind === 'resetCard') {
              // a deck edit changed the card's answer and started it over (the editor's reset)
              at += 1
              const [deckId, cardId] = ITEMS[step.item]!.split('/') as [string, string]
              device.resetCard(deckId, cardId, at)
              resets.add(`${deckId}/${cardId}@${at}`)
              last[step.device] = undefined
            } else if (step.kind === 'deleteDeck') {
              // the deck of d2/c, with the reviews this device holds of it
              for (const id of device.deleteDeck('d2')) undone.add(id)
              last[step.device] = undefined
            } else if (step.kind === 'undo') {
              const id = last[step.device]
              if (id && device.undo(id)) undone.add(id)
              last[step.device] = undefined
            } else if (step.kind === 'deck') {
              const picture = PICTURES[step.picture]
              const card = makeCard(
                picture ? { pictures: { prompt: [{ id: picture.id, alt: 'A map' }] } } : {},
              )
              const deck: StoredDeck = {
                id: 'mine',
                origin: 'user',
                deck: makeDeck({ id: 'mine', title: step.title, cards: [card] }),
                installedAt: NOW,
                updatedAt: at,
              }
              device.saveDeck(deck, picture ? [picture] : [])
              unsynced[step.device] = step.title
            } else if (step.kind === 'settings') {
              at += 1
              device.saveSettings(readSettings({ ...device.settings, newPerDay: step.newPerDay }))
            } else {
              await device.engine.syncOnce()
              unsynced[step.device] = undefined
            }
          }
          // everyone online: two rounds bring every device every other device's changes
          for (let round = 0; round < 2; round++) for (const d of devices) await d.engine.syncOnce()

          const expected = [...answered].filter((id) => !undone.has(id)).sort()
          const first = devices[0]!
          for (const d of devices) {
            expect([...d.reviews.keys()].sort()).toEqual(expected)
            expect(d.outbox).toEqual([])
            // every card's latest reset, whichever device made it
            const latest = new Map<string, number>()
            for (const entry of resets) {
              const [key, at] = entry.split('@') as [string, string]
              latest.set(key, Math.max(latest.get(key) ?? 0, Number(at)))
            }
            expect(new Map([...d.resets].map(([key, r]) => [key, r.at]))).toEqual(latest)
            for (const itemId of ITEMS) {
              const log = [...d.reviews.values()].filter(
                (r) => r.itemId === itemId && r.at > (latest.get(itemId) ?? -1),
              )
              expect(d.progress.get(itemId)?.memory).toEqual(
                replayMemory(itemId, log, d.scheduler()),
              )
              expect(d.progress.get(itemId)?.memory).toEqual(first.progress.get(itemId)?.memory)
            }
            expect(d.settings).toEqual(first.settings)
            expect([...d.quiz.keys()].sort()).toEqual(
              [...quizzes].filter((id) => !resetQuizzes.has(id)).sort(),
            )
            const titles = (decks: Map<string, StoredDeck>) =>
              [...decks.values()].map((x) => `${x.id}:${x.deck.title}`).sort()
            expect(titles(d.decks)).toEqual(titles(first.decks))
            // every picture its decks show, with the bytes it was made with
            for (const id of pictureIdsOf([...d.decks.values()].flatMap((x) => x.deck.cards)))
              expect(d.pictures.get(id)).toEqual(PICTURES.find((p) => p.id === id))
          }
          // a deck edited apart on several devices: one version keeps the deck, the others are copies
          const kept = [...first.decks.values()].map((x) =>
            x.deck.title.replace(' (other version)', ''),
          )
          const pending = unsynced.filter((title): title is string => title !== undefined)
          expect(kept).toEqual(expect.arrayContaining(pending))
          expect(pending.length === 0 || first.decks.has('mine')).toBe(true)
        } finally {
          for (const d of devices) await d.close()
        }
      }),
      { numRuns: 30 },
    )
  }, 300_000)
})
