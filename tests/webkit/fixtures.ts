// A deck file with one card of every kind the app studies, for the import test.
export const EVERY_KIND_DECK = {
  id: 'webkit-every-kind',
  title: 'Every kind of card',
  language: 'en',
  version: 1,
  cards: [
    { id: 'basic', type: 'basic', front: 'GMD', back: 'Ground-based Midcourse Defense' },
    {
      id: 'typed',
      type: 'typed',
      prompt: 'Which country hosts the Aegis Ashore site at Deveselu?',
      answers: ['Romania'],
    },
    {
      id: 'cloze',
      type: 'cloze',
      text: 'The Aegis Ashore site at Deveselu is in {{c1::Romania}}.',
    },
    {
      id: 'single',
      type: 'single',
      prompt: 'Which interceptor does Aegis Ashore fire?',
      answer: 'SM-3',
      distractors: ['PAC-3', 'GBI'],
    },
    {
      id: 'multi',
      type: 'multi',
      prompt: 'Which two countries host land-based SM-3 sites?',
      answers: ['Romania', 'Poland'],
      distractors: ['Spain', 'Turkey'],
    },
    {
      id: 'ordering',
      type: 'ordering',
      prompt: 'Put these in order, earliest first.',
      items: ['Radar in Turkey', 'Cruisers in Spain', 'SM-3s in Romania'],
    },
    {
      id: 'numeric',
      type: 'numeric',
      prompt: 'In what year did the Romanian site become operational?',
      answer: 2016,
    },
    {
      id: 'map',
      type: 'map',
      prompt: 'Tap the country of the Deveselu site.',
      answers: ['ROU'],
      region: 'europe',
    },
  ],
}
