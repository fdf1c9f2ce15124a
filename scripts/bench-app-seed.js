// Runs inside the page (plain JavaScript, read as text by bench-app.ts): writes a big collection
// straight into the app's IndexedDB, in the app's own record shapes.
async function seed({ deckId, cards, reviews }) {
  const DAY = 86_400_000
  const now = Date.now()
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open('intercept')
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
  const memory = (i) => {
    const stability = 1 + (i % 90)
    const lastReview = now - ((i % 60) + 1) * DAY
    // about one card in five is due today
    const due = i % 5 === 0 ? now - (i % 7) * DAY : now + ((i % 40) + 1) * DAY
    return {
      state: 'review',
      due,
      stability,
      difficulty: 5,
      scheduledDays: stability,
      learningSteps: 0,
      reps: 3 + (i % 9),
      lapses: i % 3,
      lastReview,
    }
  }
  const deck = {
    id: deckId,
    title: 'Bench deck',
    description: '',
    language: 'en',
    version: 1,
    authors: [],
    tags: [],
    cards: Array.from({ length: cards }, (_, i) => ({
      id: 'c' + i,
      type: 'basic',
      kind: 'term',
      front: 'Term number ' + i + ': what does it stand for?',
      back: 'Definition ' + i + ', a short answer',
      reversible: false,
      paragraphs: [1],
      tags: [],
    })),
  }
  const tx = db.transaction(['decks', 'progress', 'reviews'], 'readwrite')
  tx.objectStore('decks').put({
    id: deckId,
    origin: 'user',
    deck,
    installedAt: now,
    updatedAt: now,
  })
  for (let i = 0; i < cards; i++) {
    const id = deckId + '/c' + i
    tx.objectStore('progress').put({
      id,
      deckId,
      cardId: 'c' + i,
      fact: id,
      memory: memory(i),
      retired: false,
      updatedAt: now,
      rev: 1,
    })
  }
  for (let r = 0; r < reviews; r++) {
    const i = r % cards
    const m = memory(i)
    // history spread over the last year, none today (so today's limits start fresh)
    const at = now - (1 + (r % 365)) * DAY - (r % 1000)
    tx.objectStore('reviews').add({
      id: String(at).padStart(16, '0') + String(r).padStart(10, '0'),
      itemId: deckId + '/c' + i,
      deckId,
      at,
      recall: r % 9 === 0 ? 'again' : 'good',
      durationMs: 3000 + (r % 5000),
      before: m,
      after: m,
      source: 'study',
    })
  }
  await new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
  })
  db.close()
}
