import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Collaboration tokens live one minute: long enough to open a websocket, too short to be worth stealing. */
export const collabTokenLifetimeMs = 60_000;
// One process alone may use a fresh key of its own: tokens are only ever used seconds after they are
// made. Several instances share one derived from the configured secret (a token made on one opens a
// websocket on another).
let key = randomBytes(32);

/** Signs tokens with a key derived from the deployment's secret (`CONCERTO_SECRET`), shared by instances. */
export function signCollabTokensWith(secret: string): void {
  key = createHmac('sha256', secret).update('concerto collaboration tokens').digest();
}

function signature(sessionId: string, spaceId: string, expiresAt: number): string {
  return createHmac('sha256', key).update(`${sessionId}.${spaceId}.${expiresAt}`).digest('base64url');
}

/** A short-lived token that opens one space's websocket on behalf of one session. */
export function issueCollabToken(
  sessionId: string,
  spaceId: string,
  now = Date.now(),
): { token: string; expiresAt: Date } {
  const expiresAt = now + collabTokenLifetimeMs;
  return {
    token: `${sessionId}.${expiresAt}.${signature(sessionId, spaceId, expiresAt)}`,
    expiresAt: new Date(expiresAt),
  };
}

/** The session id a collaboration token stands for, if it is genuine, unexpired and made for this space. */
export function verifyCollabToken(token: string, spaceId: string, now = Date.now()): string | null {
  const [sessionId, expiresText, given] = token.split('.');
  const expiresAt = Number(expiresText);
  if (!sessionId || !given || !Number.isFinite(expiresAt) || expiresAt < now) return null;
  const expected = Buffer.from(signature(sessionId, spaceId, expiresAt));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? sessionId : null;
}
