import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { receiveLaunchedFiles, SHARED_QUERY } from './pwa/sharedFiles'
import { RouteName, router } from './router'
import './styles/main.css'

createApp(App).use(createPinia()).use(router).mount('#app')
// files opened with the installed app arrive at any screen: show the importer, which takes them
receiveLaunchedFiles(() => router.push({ name: RouteName.import, query: { [SHARED_QUERY]: '1' } }))
