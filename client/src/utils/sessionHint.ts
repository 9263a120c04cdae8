// Whether this browser may hold a session cookie (which is httpOnly, so the page cannot see it). Public
// pages ask the server who is signed in only when it may: a first visit then makes no request that
// answers 401. Protected pages always ask. Only a yes/no is stored, never who.
const storageKey = 'concerto.mayHaveSession';

/** Remembers that a session was opened (login, invitation) or closed (logout, expiry). */
export function rememberSession(open: boolean): void {
  try {
    if (open) localStorage.setItem(storageKey, '1');
    else localStorage.removeItem(storageKey);
  } catch {
    // Without storage, mayHaveSession() answers true and the server is always asked.
  }
}

/** False only when this browser surely has no session; true when it may, or when storage is unavailable. */
export function mayHaveSession(): boolean {
  try {
    return localStorage.getItem(storageKey) === '1';
  } catch {
    return true;
  }
}
