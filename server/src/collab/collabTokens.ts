import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor, SpaceAccess, SpaceKind } from '@concerto/shared';

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

/**
 * What the server decided when it issued a token: who (the session and what it stood for) may open which
 * space, with which access. Signed, so the upgrade can trust it instead of reading it all again.
 */
export interface CollabGrantClaims {
  sessionId: string;
  spaceId: string;
  familyId: string | null;
  kind: SpaceKind;
  access: Exclude<SpaceAccess, 'none'>;
  actor: Exclude<Actor, { kind: 'anonymous' }>;
  displayName: string;
  detail: string | null;
  /** When the session ends by itself (ms since 1970). */
  sessionExpiresAt: number;
  /** When the decision was made (ms since 1970): changes of rights after it make it stale. */
  issuedAt: number;
  /** When the token stops opening anything (ms since 1970). */
  expiresAt: number;
}

function signature(payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

/** A short-lived token that opens one space's websocket on behalf of one session, carrying the grant. */
export function issueCollabToken(
  grant: Omit<CollabGrantClaims, 'issuedAt' | 'expiresAt'>,
  now = Date.now(),
): { token: string; expiresAt: Date } {
  const claims: CollabGrantClaims = { ...grant, issuedAt: now, expiresAt: now + collabTokenLifetimeMs };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return { token: `${payload}.${signature(payload)}`, expiresAt: new Date(claims.expiresAt) };
}

/** The grant a collaboration token carries, if it is genuine, unexpired and made for this space. */
export function verifyCollabToken(
  token: string,
  spaceId: string,
  now = Date.now(),
): CollabGrantClaims | null {
  const [payload, given, extra] = token.split('.');
  if (!payload || !given || extra !== undefined) return null;
  const expected = Buffer.from(signature(payload));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  let claims: CollabGrantClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as CollabGrantClaims;
  } catch {
    return null;
  }
  if (claims.spaceId !== spaceId || !(claims.expiresAt >= now)) return null;
  return claims;
}
