import type { IncomingMessage } from 'node:http';
import type { SpaceAccess, SpaceKind } from '@concerto/shared';
import { tokenFromHeaders } from '../auth/authenticate.ts';
import { resolveSession, resolveSessionById, type AuthContext } from '../auth/sessions.ts';
import { resolveSpaceAccess } from '../policies/spaceAccess.ts';
import { originAllowed } from '../http/origins.ts';
import { verifyCollabToken } from './collabTokens.ts';

/** Why an upgrade is refused, as an HTTP status sent before any websocket exists. */
export type UpgradeRefusal = { status: 401 | 403 | 404; reason: string };

/** A caller allowed to open a space's document. */
export interface UpgradeGrant {
  auth: AuthContext;
  spaceId: string;
  /** Null for network meeting notes, which belong to no family. */
  familyId: string | null;
  kind: SpaceKind;
  access: Exclude<SpaceAccess, 'none'>;
}

/**
 * Authenticates (cookie, bearer or short-lived `?token=`) and authorises one websocket upgrade for
 * `/collab/<spaceId>`. A space that does not exist and one the caller may not open get the same 404.
 */
export async function authorizeUpgrade(
  request: IncomingMessage,
  target: URL,
  spaceId: string,
  allowedOrigins: readonly string[],
): Promise<UpgradeGrant | UpgradeRefusal> {
  if (!originAllowed(request.headers, allowedOrigins)) return { status: 403, reason: 'origin not allowed' };
  const collabToken = target.searchParams.get('token');
  let auth: AuthContext | null = null;
  if (collabToken) {
    const sessionId = verifyCollabToken(collabToken, spaceId);
    auth = sessionId ? await resolveSessionById(sessionId) : null;
  } else {
    const token = tokenFromHeaders(request.headers);
    auth = token ? await resolveSession(token) : null;
  }
  if (!auth) return { status: 401, reason: 'not signed in' };
  const { access, familyId, kind } = await resolveSpaceAccess(auth.actor, spaceId);
  if (access === 'none' || !kind) return { status: 404, reason: 'no such space' };
  return { auth, spaceId, familyId, kind, access };
}
