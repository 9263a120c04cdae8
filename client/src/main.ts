import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n, startWithRememberedLocale } from './i18n/index.ts';
import { router } from './router.ts';
import { onUnauthenticated } from './services/apiClient.ts';
import { useSessionStore } from './stores/session.ts';
import './styles/base.css';
import './styles/forms.css';
import './styles/components.css';

const pinia = createPinia();
// A language other than French is fetched before the first paint, so the page never flashes in French.
void startWithRememberedLocale().then(() => createApp(App).use(pinia).use(i18n).use(router).mount('#app'));

// A session that expires during work sends the user to sign in again, then back to where they were.
onUnauthenticated(() => {
  useSessionStore(pinia).expire();
  const current = router.currentRoute.value;
  if (!current.meta.public) void router.push({ name: 'login', query: { redirect: current.fullPath } });
});
