import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { receiveLaunchedFiles, SHARED_QUERY } from './pwa/sharedFiles'
import { RouteName, router } from './router'
import './styles/main.css'

const app = createApp(App).use(createPinia()).use(router)
// The router has started on the screen's code; drawing the shell waits for the next task, so a
// slow phone's first start is two shorter tasks rather than one long one it cannot answer taps in.
setTimeout(() => app.mount('#app'))
// files opened with the installed app arrive at any screen: show the importer, which takes them
receiveLaunchedFiles(() => router.push({ name: RouteName.import, query: { [SHARED_QUERY]: '1' } }))
