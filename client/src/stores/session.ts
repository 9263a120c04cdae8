import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Me, SignInChallenge } from '@concerto/shared';
import { ApiError } from '../services/apiClient.ts';
import * as authService from '../services/authService.ts';
import * as passkeyService from '../services/passkeyService.ts';
import { redeemInterpreterPass } from '../services/interpretersService.ts';
import { rememberSession } from '../utils/sessionHint.ts';

/**
 * The page a signed-in user lands on: their families, the organisations (admin), their family's space, or
 * for an interpreter the one meeting her pass opens.
 */
export function homePathFor(me: Me): string {
  if (me.kind === 'admin') return '/organisations';
  if (me.kind === 'guest') return '/interpreting';
  if (me.kind === 'familyMember' && me.family) return `/families/${me.family.id}`;
  return '/families';
}

/** Who is signed in on this browser, as the server says (`GET /api/me`). */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  /** Whether the server was asked at least once, so the router guard knows the answer is real. */
  const checked = ref(false);
  let pendingCheck: Promise<void> | null = null;

  const homePath = computed(() => (me.value ? homePathFor(me.value) : '/login'));
  const managesStaff = computed(() => me.value?.kind === 'admin' || me.value?.accessManager === true);

  async function check(): Promise<void> {
    try {
      me.value = await authService.fetchMe();
      rememberSession(true);
    } catch (error) {
      // Offline or signed out, the user is treated as signed out; the login page says what went wrong.
      if (!(error instanceof ApiError)) throw error;
      me.value = null;
      if (error.status === 401) rememberSession(false);
    } finally {
      checked.value = true;
    }
  }

  /** Asks the server once who is signed in; later calls reuse the answer. */
  async function ensureChecked(): Promise<void> {
    if (checked.value) return;
    pendingCheck ??= check().finally(() => (pendingCheck = null));
    await pendingCheck;
  }

  /** Signs in with a password; answers the challenge instead when a second factor must follow. */
  async function login(email: string, password: string): Promise<Me | SignInChallenge> {
    const answer = await authService.login(email, password);
    if ('challenge' in answer) return answer;
    return signedIn(answer);
  }

  /** Keeps the user of a completed sign-in (password, second factor or identity provider). */
  function signedIn(user: Me): Me {
    me.value = user;
    checked.value = true;
    rememberSession(true);
    return user;
  }

  /** Opens a session from an invitation's link and code: a family member's, or an interpreter's pass. */
  async function redeem(token: string, code: string, as: 'member' | 'interpreter' = 'member'): Promise<Me> {
    me.value = await (as === 'interpreter' ? redeemInterpreterPass : authService.redeemInvitation)(
      token,
      code,
    );
    checked.value = true;
    rememberSession(true);
    return me.value;
  }

  /** Signs in with a passkey of this phone. */
  async function signInWithPasskey(): Promise<Me> {
    me.value = await passkeyService.signInWithPasskey();
    checked.value = true;
    rememberSession(true);
    return me.value;
  }

  /** Registers this phone's passkey for the signed-in person, so she can come back without an invitation. */
  async function registerPasskey(): Promise<void> {
    const registered = await passkeyService.registerPasskey();
    if (me.value) me.value = { ...me.value, passkeys: { ...me.value.passkeys, registered } };
  }

  /** Signs out and reloads the page, so nothing of the family files stays in this tab's memory. */
  async function logout(): Promise<void> {
    try {
      await authService.logout();
    } finally {
      me.value = null;
      rememberSession(false);
      window.location.assign('/login');
    }
  }

  /** Forgets the session after the server answered 401 during work. */
  function expire(): void {
    me.value = null;
    rememberSession(false);
  }

  return {
    me,
    checked,
    homePath,
    managesStaff,
    ensureChecked,
    login,
    signedIn,
    redeem,
    signInWithPasskey,
    registerPasskey,
    logout,
    expire,
  };
});
