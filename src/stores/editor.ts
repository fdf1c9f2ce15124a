// The deck editor: a working copy of one deck, checked by core on every change, with undo, a
// draft kept on the device as the user types, and save/delete through storage.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, isProxy, ref, shallowRef, toRaw } from 'vue'
import type { Card, CardType, Deck } from '@/core/deck'
import { changedAnswerIds } from '@/core/deckDiff'
import {
  convertCard,
  createDeckValidator,
  deckForSave,
  draftKey,
  duplicateCardAt,
  duplicateDeck,
  emptyCard,
  emptyDeck,
  insertCards,
  moveCard as moveCardIn,
  removeCardAt,
  replaceCard,
  type Draft,
  type EditTarget,
} from '@/core/deckEdit'
import { newCardId, newDeckId } from '@/core/ids'
import { pictureIdsOf, type PictureBlob } from '@/core/pictures'
import type { StoredDeck } from '@/core/records'
import { deleteDeck, getDeck, installDeck, listDecks, type InstallSummary } from '@/storage/decks'
import { deleteDraft, getDraft, saveDraft } from '@/storage/drafts'
import { getPicture, getPictures } from '@/storage/pictures'
import { useLibraryStore } from './library'

/** How long typing must pause before the draft is written. */
export const DRAFT_DELAY_MS = 600
/** Edits to the same field within this time are one undo step. */
const COALESCE_MS = 1200
const MAX_UNDO = 100

interface Snapshot {
  deck: Deck
  resetIds: readonly string[]
}

/** The result of `save`: the deck's id and what changed, or how many problems block it. */
export type SaveOutcome =
  { ok: true; id: string; summary: InstallSummary } | { ok: false; problems: number }

// IndexedDB cannot clone Vue proxies: strip any that a component let slip into the working copy
function plain<T>(value: T): T {
  const raw = isProxy(value) ? toRaw(value) : value
  if (Array.isArray(raw)) return raw.map(plain) as T
  if (raw && typeof raw === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(raw)) out[key] = plain(item)
    return out as T
  }
  return raw
}

export const useEditorStore = defineStore('editor', () => {
  const library = useLibraryStore()
  /** The working copy; replaced (never mutated) on every edit, so undo keeps old ones as they were. */
  const deck = shallowRef<Deck | null>(null)
  /** The installed deck being edited in place; undefined for a new deck or a copy. */
  const base = shallowRef<StoredDeck | undefined>(undefined)
  /** The deck a copy was made from (a shipped deck, or one duplicated). */
  const copiedFrom = shallowRef<
    { id: string; title: string; origin: 'shipped' | 'user' } | undefined
  >(undefined)
  /** The deck asked for is not installed. */
  const missing = ref(false)
  const loading = ref(false)
  const target = shallowRef<EditTarget | null>(null)
  const key = ref('')
  const resetIds = shallowRef<readonly string[]>([])
  const past = shallowRef<Snapshot[]>([])
  const future = shallowRef<Snapshot[]>([])
  /** A draft found on opening, waiting for the user to restore or discard it. */
  const pendingDraft = shallowRef<Draft | null>(null)
  /** When the draft was last written (epoch ms), for "Draft saved". */
  const draftSavedAt = ref<number | null>(null)
  /** The working copy as last loaded or saved: anything else is unsaved. */
  const saved = shallowRef<Deck | null>(null)
  const saving = ref(false)
  /** The ids of the installed decks when the session opened (or last saved). */
  const installedIds = shallowRef<readonly string[]>([])

  /**
   * The bytes of pictures added in this session (and of pictures a save stopped naming, so an
   * undo after the save can bring them back): written with the draft and the deck that name them.
   */
  const sessionPictures = new Map<string, PictureBlob>()

  let validator = createDeckValidator()
  let timer: ReturnType<typeof setTimeout> | undefined
  let lastKey: string | undefined
  let lastAt = 0
  let opened: Promise<void> | undefined

  const validation = computed(() => (deck.value ? validator(deck.value) : null))
  const problemCount = computed(() => validation.value?.total ?? 0)
  const canSave = computed(() => !!validation.value?.value && !saving.value)
  const dirty = computed(() => deck.value !== saved.value || resetIds.value.length > 0)
  /** Cards whose answer differs from the installed deck: they may have their progress reset. */
  const changedAnswers = computed(
    () => new Set(deck.value ? changedAnswerIds(base.value?.deck, deck.value) : []),
  )
  const canUndo = computed(() => past.value.length > 0)
  const canRedo = computed(() => future.value.length > 0)
  const isCopy = computed(() => !!copiedFrom.value)

  /** The id `save` gives a new deck or a copy: one from its title that no installed deck has. */
  function idForNew(title: string, taken: Iterable<string>): string {
    return newDeckId(taken, title)
  }
  /**
   * The valid working copy as it is exported or shared, or null while it has problems. An
   * installed deck keeps its id; a new deck or a copy gets the id `save` would give it now (not
   * its placeholder, and never the id of another installed deck), so a link made before saving
   * names the deck the sender will have.
   */
  const exportable = computed<Deck | null>(() => {
    const valid = validation.value?.value
    if (!valid) return null
    if (base.value) return valid
    const taken = new Set([...installedIds.value, ...library.decks.map((d) => d.id)])
    return { ...valid, id: idForNew(valid.title, taken) }
  })

  function clearTimer() {
    clearTimeout(timer)
    timer = undefined
  }

  function loadCopy(stored: StoredDeck, taken: string[], title: string) {
    copiedFrom.value = { id: stored.id, title: stored.deck.title, origin: stored.origin }
    base.value = undefined
    return duplicateDeck(stored.deck, taken, title)
  }

  /**
   * Opens an editing session: deck `id` (a shipped deck is never edited in place: the user gets
   * their own copy), a copy of deck `from`, or a new deck. A stored draft for the session is put
   * in `pendingDraft`. Opening the session already open does nothing.
   */
  async function open(t: EditTarget): Promise<void> {
    if (opened && target.value && draftKey(target.value) === draftKey(t)) return opened
    await flushDraft()
    opened = (async () => {
      loading.value = true
      clearTimer()
      target.value = t
      missing.value = false
      copiedFrom.value = undefined
      base.value = undefined
      pendingDraft.value = null
      draftSavedAt.value = null
      // on a first visit the shipped decks are still being installed: wait for them
      await library.load()
      const installed = await listDecks()
      const taken = installed.map((d) => d.id)
      installedIds.value = taken
      const wanted = t.id ?? t.from
      const stored = wanted ? installed.find((d) => d.id === wanted) : undefined
      let working: Deck
      let sessionKey = draftKey(t)
      if (wanted && !stored) {
        missing.value = true
        working = emptyDeck(newDeckId(taken, 'my-deck'))
      } else if (stored && (t.from || stored.origin === 'shipped')) {
        sessionKey = draftKey({ from: stored.id })
        working = loadCopy(
          stored,
          taken,
          t.from ? `${stored.deck.title} (copy)` : `${stored.deck.title} (my copy)`,
        )
      } else if (stored) {
        base.value = stored
        working = stored.deck
      } else working = emptyDeck(newDeckId(taken, 'my-deck'))
      validator = createDeckValidator()
      sessionPictures.clear()
      key.value = sessionKey
      deck.value = working
      saved.value = working
      resetIds.value = []
      past.value = []
      future.value = []
      lastKey = undefined
      const draft = missing.value ? undefined : await getDraft(sessionKey)
      if (draft) pendingDraft.value = draft
      loading.value = false
    })()
    return opened
  }

  /**
   * Replaces the working copy with `next`. Edits with the same `coalesce` key in quick succession
   * (typing in one field) make one undo step.
   */
  function update(next: Deck, coalesce?: string): void {
    const current = deck.value
    if (!current || next === current) return
    const now = Date.now()
    if (!(coalesce && coalesce === lastKey && now - lastAt < COALESCE_MS && past.value.length))
      past.value = [
        ...past.value.slice(-(MAX_UNDO - 1)),
        { deck: current, resetIds: resetIds.value },
      ]
    lastKey = coalesce
    lastAt = now
    future.value = []
    deck.value = next
    scheduleDraft()
  }

  const edit = (fn: (d: Deck) => Deck, coalesce?: string) => {
    if (deck.value) update(fn(deck.value), coalesce)
  }

  /** Changes deck fields (title, description, tags, source…). */
  function updateMeta(patch: Partial<Omit<Deck, 'cards'>>, field = 'meta'): void {
    edit((d) => ({ ...d, ...patch }), `meta:${field}`)
  }
  function updateCard(index: number, card: Card, field = 'card'): void {
    edit((d) => replaceCard(d, index, card), `card:${index}:${field}`)
  }
  /** Adds an empty card of `type` at the end (or at `at`); returns its position. */
  function addCard(type: CardType, at?: number): number {
    const d = deck.value
    if (!d) return -1
    const position = at ?? d.cards.length
    update(
      insertCards(
        d,
        [
          emptyCard(
            type,
            newCardId(
              d.cards.map((c) => c.id),
              type,
            ),
          ),
        ],
        position,
      ),
    )
    return position
  }
  /** Adds finished cards (from quick entry or a source) at the end. */
  function addCards(cards: readonly Card[]): void {
    edit((d) => insertCards(d, cards))
  }
  function removeCard(index: number): void {
    edit((d) => removeCardAt(d, index))
  }
  function moveCard(from: number, to: number): void {
    edit((d) => moveCardIn(d, from, to))
  }
  function duplicateCard(index: number): void {
    edit((d) => duplicateCardAt(d, index))
  }
  function changeType(index: number, type: CardType): void {
    edit((d) => {
      const card = d.cards[index]
      return card ? replaceCard(d, index, convertCard(card, type)) : d
    })
  }

  /**
   * Keeps the bytes of a picture a card is about to name (checked by core `readPicture`), until
   * the draft or the deck that names it is written.
   */
  function keepPicture(picture: PictureBlob): void {
    sessionPictures.set(picture.id, picture)
  }

  /** A picture's bytes: one added in this session, else the one stored on this device. */
  async function loadPicture(id: string): Promise<PictureBlob | undefined> {
    return sessionPictures.get(id) ?? getPicture(id)
  }

  /** Asks (or stops asking) for a card's progress to start over on save. */
  function setReset(cardId: string, on: boolean): void {
    const current = resetIds.value.filter((id) => id !== cardId)
    const next = on ? [...current, cardId] : current
    if (!deck.value) return
    past.value = [
      ...past.value.slice(-(MAX_UNDO - 1)),
      { deck: deck.value, resetIds: resetIds.value },
    ]
    future.value = []
    lastKey = undefined
    resetIds.value = next
    scheduleDraft()
  }

  function undo(): void {
    const previous = past.value[past.value.length - 1]
    if (!previous || !deck.value) return
    past.value = past.value.slice(0, -1)
    future.value = [...future.value, { deck: deck.value, resetIds: resetIds.value }]
    deck.value = previous.deck
    resetIds.value = previous.resetIds
    lastKey = undefined
    scheduleDraft()
  }

  function redo(): void {
    const next = future.value[future.value.length - 1]
    if (!next || !deck.value) return
    future.value = future.value.slice(0, -1)
    past.value = [...past.value, { deck: deck.value, resetIds: resetIds.value }]
    deck.value = next.deck
    resetIds.value = next.resetIds
    lastKey = undefined
    scheduleDraft()
  }

  function scheduleDraft(): void {
    clearTimer()
    timer = setTimeout(() => void flushDraft(), DRAFT_DELAY_MS)
  }

  /**
   * Writes the draft now if typing left one waiting for `DRAFT_DELAY_MS`; otherwise does
   * nothing. For the moments the page may go away (hidden, closed): the IndexedDB write is
   * issued in the same task, before the browser can freeze or unload the page.
   */
  function flushPendingDraft(nowMs = Date.now()): Promise<void> {
    return timer === undefined ? Promise.resolve() : flushDraft(nowMs)
  }

  /**
   * Writes the draft now (the debounce does it `DRAFT_DELAY_MS` after typing stops). With no
   * unsaved change the draft is removed instead. A draft awaiting restore is never overwritten.
   */
  async function flushDraft(nowMs = Date.now()): Promise<void> {
    clearTimer()
    const d = deck.value
    if (!d || !key.value || pendingDraft.value || missing.value) return
    if (!dirty.value) {
      await deleteDraft(key.value)
      draftSavedAt.value = null
      return
    }
    await saveDraft(
      plain({ id: key.value, updatedAt: nowMs, deck: d, resetCardIds: [...resetIds.value] }),
      [...sessionPictures.values()],
    )
    draftSavedAt.value = nowMs
  }

  /** Puts the pending draft in place of the working copy (one undo step brings the old one back). */
  function restoreDraft(): void {
    const draft = pendingDraft.value
    if (!draft || !deck.value) return
    pendingDraft.value = null
    past.value = [...past.value, { deck: deck.value, resetIds: resetIds.value }]
    future.value = []
    deck.value = draft.deck
    resetIds.value = draft.resetCardIds
    draftSavedAt.value = draft.updatedAt
    lastKey = undefined
  }

  /** Forgets the pending draft. */
  async function discardDraft(): Promise<void> {
    if (!pendingDraft.value) return
    pendingDraft.value = null
    await deleteDraft(key.value)
  }

  /**
   * Saves the working copy as the user's deck: refused while it has problems. Card ids are kept,
   * so progress is kept, except for the cards marked for reset (among those whose answer
   * changed). A new deck or a copy gets a new deck id from its title. The draft is removed.
   */
  async function save(nowMs = Date.now()): Promise<SaveOutcome> {
    const valid = validation.value?.value
    if (!valid || !deck.value) return { ok: false, problems: Math.max(1, problemCount.value) }
    saving.value = true
    try {
      const oldKey = key.value
      let next = valid
      if (!base.value) {
        installedIds.value = (await listDecks()).map((d) => d.id)
        next = { ...valid, id: idForNew(valid.title, installedIds.value) }
      }
      next = plain(deckForSave(next, base.value?.deck))
      const reset = resetIds.value.filter((id) => changedAnswers.value.has(id))
      // the pictures this save stops naming may go from the device: keep their bytes for undo
      const kept = pictureIdsOf(next.cards)
      const dropped = [...pictureIdsOf(base.value?.deck.cards ?? [])].filter(
        (id) => !kept.has(id) && !sessionPictures.has(id),
      )
      if (dropped.length)
        for (const picture of await getPictures(dropped)) sessionPictures.set(picture.id, picture)
      const summary = await installDeck(next, 'user', nowMs, reset, undefined, [
        ...sessionPictures.values(),
      ])
      clearTimer()
      await deleteDraft(oldKey)
      base.value = await getDeck(next.id)
      copiedFrom.value = undefined
      target.value = { id: next.id }
      key.value = draftKey(target.value)
      opened = Promise.resolve()
      deck.value = next
      saved.value = next
      resetIds.value = []
      pendingDraft.value = null
      draftSavedAt.value = null
      await library.reload()
      return { ok: true, id: next.id, summary }
    } finally {
      saving.value = false
    }
  }

  /** Deletes the deck being edited (with its progress and history) and its draft. */
  async function remove(): Promise<void> {
    clearTimer()
    if (base.value) await deleteDeck(base.value.id)
    await deleteDraft(key.value)
    close()
    await library.reload()
  }

  /** Ends the session, writing any pending draft first. */
  async function leave(): Promise<void> {
    await flushDraft()
    close()
  }

  function close(): void {
    clearTimer()
    sessionPictures.clear()
    opened = undefined
    target.value = null
    deck.value = null
    saved.value = null
    base.value = undefined
    copiedFrom.value = undefined
    pendingDraft.value = null
    past.value = []
    future.value = []
    resetIds.value = []
    key.value = ''
  }

  return {
    deck,
    base,
    copiedFrom,
    missing,
    loading,
    target,
    key,
    resetIds,
    pendingDraft,
    draftSavedAt,
    saving,
    validation,
    problemCount,
    canSave,
    dirty,
    changedAnswers,
    canUndo,
    canRedo,
    isCopy,
    exportable,
    open,
    update,
    updateMeta,
    updateCard,
    addCard,
    addCards,
    removeCard,
    moveCard,
    duplicateCard,
    changeType,
    setReset,
    keepPicture,
    loadPicture,
    undo,
    redo,
    flushDraft,
    flushPendingDraft,
    restoreDraft,
    discardDraft,
    save,
    remove,
    leave,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useEditorStore, import.meta.hot))
