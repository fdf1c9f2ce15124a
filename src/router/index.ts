import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
// The landing screen ships with the app shell (one round trip less to first content); every
// other screen loads when first visited.
import LibraryView from '@/views/LibraryView.vue'

export const RouteName = {
  library: 'library',
  deck: 'deck',
  study: 'study',
  quizSetup: 'quiz-setup',
  quizSit: 'quiz-sit',
  quizResult: 'quiz-result',
  quizJoin: 'quiz-join',
  stats: 'stats',
  settings: 'settings',
  personalize: 'personalize',
  edit: 'edit',
  import: 'import',
  map: 'map',
  timeline: 'timeline',
  notFound: 'not-found',
} as const

export const routes: RouteRecordRaw[] = [
  { path: '/', name: RouteName.library, component: LibraryView, meta: { title: 'Library' } },
  {
    path: '/deck/:id',
    name: RouteName.deck,
    component: () => import('@/views/DeckView.vue'),
    props: true,
    meta: { title: 'Deck' },
  },
  {
    path: '/study/:deckId?',
    name: RouteName.study,
    component: () => import('@/views/StudyView.vue'),
    props: true,
    meta: { title: 'Study', focus: true },
  },
  {
    path: '/quiz',
    name: RouteName.quizSetup,
    component: () => import('@/views/QuizSetupView.vue'),
    meta: { title: 'Quiz' },
  },
  {
    path: '/quiz/join',
    name: RouteName.quizJoin,
    component: () => import('@/views/QuizJoinView.vue'),
    meta: { title: 'Shared quiz' },
  },
  {
    path: '/quiz/sit/:id',
    name: RouteName.quizSit,
    component: () => import('@/views/QuizSitView.vue'),
    props: true,
    meta: { title: 'Quiz', focus: true },
  },
  {
    path: '/quiz/result/:id',
    name: RouteName.quizResult,
    component: () => import('@/views/QuizResultView.vue'),
    props: true,
    meta: { title: 'Quiz result' },
  },
  {
    path: '/stats',
    name: RouteName.stats,
    component: () => import('@/views/StatsView.vue'),
    meta: { title: 'Progress' },
  },
  {
    path: '/map',
    name: RouteName.map,
    component: () => import('@/views/MapView.vue'),
    meta: { title: 'Map' },
  },
  {
    path: '/timeline',
    name: RouteName.timeline,
    component: () => import('@/views/TimelineView.vue'),
    meta: { title: 'Timeline' },
  },
  {
    path: '/edit/:id?',
    name: RouteName.edit,
    component: () => import('@/views/DeckEditView.vue'),
    props: true,
    meta: { title: 'Edit deck' },
  },
  {
    path: '/import',
    name: RouteName.import,
    component: () => import('@/views/ImportView.vue'),
    meta: { title: 'Import' },
  },
  {
    path: '/settings',
    name: RouteName.settings,
    component: () => import('@/views/SettingsView.vue'),
    meta: { title: 'Settings' },
  },
  {
    path: '/settings/scheduling',
    name: RouteName.personalize,
    component: () => import('@/views/PersonalizeView.vue'),
    meta: { title: 'Personal scheduling' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: RouteName.notFound,
    component: () => import('@/views/NotFoundView.vue'),
    meta: { title: 'Not found' },
  },
]

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  // The first page opens at the top anyway: scrolling there would only force an early layout.
  scrollBehavior: (_to, from, saved) => saved ?? (from.matched.length ? { top: 0 } : false),
})

router.afterEach((to) => {
  const title = to.meta.title as string | undefined
  document.title = title ? `${title} · Intercept` : 'Intercept'
})
