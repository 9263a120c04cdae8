import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import type { Me } from '@concerto/shared';
import { i18n } from './i18n/index.ts';
import { useSessionStore } from './stores/session.ts';
import { invitationNext } from './utils/invitationNext.ts';
import { mayHaveSession } from './utils/sessionHint.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session. */
    public?: boolean;
    /** Kinds of signed-in user the page is for; others are sent to their own home page. */
    kinds?: Me['kind'][];
    /** Only for the admin and organisations' access managers. */
    staffManagers?: boolean;
    /** A one-line header (the meeting room on a phone keeps the screen for the meeting). */
    compactHeader?: boolean;
    /** i18n key of the page title shown in the browser tab. */
    titleKey?: string;
  }
}

/** The client's pages; each view is loaded on demand so a phone downloads only what it shows. */
export const router = createRouter({
  history: createWebHistory(),
  routes: [
    {
      path: '/',
      name: 'home',
      component: () => import('./views/HomeView.vue'),
      meta: { public: true, titleKey: 'nav.home' },
    },
    {
      path: '/login',
      name: 'login',
      component: () => import('./views/LoginView.vue'),
      meta: { public: true, titleKey: 'login.title' },
    },
    {
      path: '/invitation/:token',
      name: 'invitation',
      component: () => import('./views/InvitationView.vue'),
      meta: { public: true, titleKey: 'redeem.title' },
    },
    {
      path: '/interpreter/:token',
      name: 'interpreter-invitation',
      component: () => import('./views/InvitationView.vue'),
      props: { as: 'interpreter' },
      meta: { public: true, titleKey: 'interpreter.redeemTitle' },
    },
    {
      path: '/interpreting',
      name: 'interpreting',
      component: () => import('./views/InterpreterView.vue'),
      meta: { kinds: ['guest'], titleKey: 'interpreter.pageTitle', compactHeader: true },
    },
    {
      path: '/password-reset',
      name: 'password-reset',
      component: () => import('./views/PasswordResetView.vue'),
      meta: { public: true, titleKey: 'account.resetTitle' },
    },
    {
      path: '/account',
      name: 'account',
      component: () => import('./views/AccountView.vue'),
      meta: { kinds: ['admin', 'professional'], titleKey: 'account.title' },
    },
    {
      path: '/families',
      name: 'families',
      component: () => import('./views/FamiliesView.vue'),
      meta: { kinds: ['professional'], titleKey: 'families.title' },
    },
    {
      path: '/families/:id',
      name: 'family',
      component: () => import('./views/FamilyView.vue'),
      meta: { kinds: ['professional', 'familyMember'], titleKey: 'family.pageTitle' },
    },
    {
      path: '/families/:id/audit',
      name: 'family-audit',
      component: () => import('./views/FamilyAuditView.vue'),
      meta: { kinds: ['professional', 'familyMember'], titleKey: 'audit.title' },
    },
    {
      path: '/families/:id/spaces/:spaceId',
      name: 'space',
      component: () => import('./views/SpaceView.vue'),
      meta: { kinds: ['professional', 'familyMember'], titleKey: 'plan.pageTitle' },
    },
    {
      path: '/families/:id/spaces/:spaceId/history',
      name: 'space-history',
      component: () => import('./views/SpaceHistoryView.vue'),
      meta: { kinds: ['professional', 'familyMember'], titleKey: 'history.link' },
    },
    {
      path: '/families/:id/concertations/new',
      name: 'concertation-new',
      component: () => import('./views/ScheduleConcertationView.vue'),
      meta: { kinds: ['professional'], titleKey: 'concertation.scheduleTitle' },
    },
    {
      path: '/concertations/:id',
      name: 'concertation',
      component: () => import('./views/ConcertationView.vue'),
      meta: {
        kinds: ['professional', 'familyMember'],
        titleKey: 'concertation.pageTitle',
        compactHeader: true,
      },
    },
    {
      path: '/concertations/:id/minutes',
      name: 'minutes',
      component: () => import('./views/MinutesView.vue'),
      meta: { kinds: ['professional', 'familyMember'], titleKey: 'concertation.minutesTitle' },
    },
    {
      path: '/notifications',
      name: 'notifications',
      component: () => import('./views/NotificationsView.vue'),
      meta: { kinds: ['professional', 'familyMember'], titleKey: 'notifications.title' },
    },
    {
      path: '/work',
      name: 'work',
      component: () => import('./views/MyWorkView.vue'),
      meta: { kinds: ['professional'], titleKey: 'continuity.workTitle' },
    },
    {
      path: '/directory',
      name: 'directory',
      component: () => import('./views/DirectoryView.vue'),
      meta: { kinds: ['professional', 'admin'], titleKey: 'continuity.directoryTitle' },
    },
    {
      path: '/network',
      name: 'network',
      component: () => import('./views/NetworkMeetingsView.vue'),
      meta: { kinds: ['professional'], titleKey: 'continuity.networkTitle' },
    },
    {
      path: '/network/:id',
      name: 'network-meeting',
      component: () => import('./views/NetworkMeetingView.vue'),
      meta: { kinds: ['professional'], titleKey: 'continuity.networkTitle' },
    },
    {
      path: '/figures',
      name: 'figures',
      component: () => import('./views/FiguresView.vue'),
      meta: { kinds: ['professional', 'admin'], titleKey: 'figures.title' },
    },
    {
      path: '/organisations',
      name: 'organisations',
      component: () => import('./views/OrganisationsView.vue'),
      meta: { kinds: ['admin', 'professional'], staffManagers: true, titleKey: 'organisations.title' },
    },
    {
      path: '/:pathMatch(.*)*',
      name: 'not-found',
      component: () => import('./views/NotFoundView.vue'),
      meta: { public: true, titleKey: 'notFound.title' },
    },
  ],
  scrollBehavior(to, from, savedPosition) {
    if (savedPosition) return savedPosition;
    if (to.hash) return { el: to.hash, top: 16 };
    if (to.path !== from.path) return { top: 0 };
    return false;
  },
});

/**
 * Starts downloading a page's code at once: vue-router would fetch it only after the guards, and on slow
 * mobile data the session check and the page's code then cost two waits instead of one.
 */
function prefetchPageCode(to: RouteLocationNormalized): void {
  for (const record of to.matched) {
    const component = record.components?.default;
    if (typeof component === 'function') void (component as () => Promise<unknown>)();
  }
}

router.beforeEach(async (to) => {
  prefetchPageCode(to);
  const session = useSessionStore();
  // A public page asks the server only if this browser may be signed in (see sessionHint.ts).
  if (!to.meta.public || mayHaveSession()) await session.ensureChecked();
  const me = session.me;
  if (to.name === 'login' && me) return session.homePath;
  // A family member already signed in (e.g. with her phone's passkey) follows a meeting's invitation
  // without a second code: the meeting's page checks she may follow it. A plain invitation still asks.
  const meeting = to.name === 'invitation' ? invitationNext(to.query.next) : null;
  if (meeting && me?.kind === 'familyMember') return meeting;
  if (to.meta.public) return true;
  if (!me) return { name: 'login', query: { redirect: to.fullPath } };
  if (to.meta.kinds && !to.meta.kinds.includes(me.kind)) {
    // An interpreter's pass opens one meeting: any other page does not exist for her (the API says 404 too).
    if (me.kind === 'guest')
      return { name: 'not-found', params: { pathMatch: to.path.slice(1).split('/') }, hash: to.hash };
    return session.homePath;
  }
  if (to.meta.staffManagers && !session.managesStaff) return session.homePath;
  return true;
});

router.afterEach((to, from) => {
  const title = to.meta.titleKey ? i18n.global.t(to.meta.titleKey) : '';
  document.title = title ? `${title} — Concerto` : 'Concerto';
  // The first page of a visit keeps the browser's focus order (the skip link comes first). Later, a
  // section link focuses that section and a new page focuses the main content, so screen-reader users
  // hear where they arrived.
  if (from.matched.length === 0) return;
  const samePage = to.path === from.path;
  if (samePage && !to.hash) return;
  requestAnimationFrame(() => {
    const target = samePage ? document.getElementById(decodeURIComponent(to.hash.slice(1))) : null;
    (target ?? document.getElementById('main-content'))?.focus({ preventScroll: true });
  });
});
