import type { IncomingMessage } from 'node:http';
import mongoose from 'mongoose';
import type { SpaceAccess, SpaceKind } from '@concerto/shared';
import { tokenFromHeaders } from '../auth/authenticate.ts';
import { resolveSession, resolveSessionById, type AuthContext } from '../auth/sessions.ts';
import { resolveSpaceAccess } from '../policies/spaceAccess.ts';
import { originAllowed } from '../http/origins.ts';
import { verifyCollabToken, type CollabGrantClaims } from './collabTokens.ts';
import { grantFreshness } from './grantFreshness.ts';
import { sessionIsOpen } from './openSessions.ts';

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

/** The grant a fresh token carries, once its session is known to be still open. */
async function grantOfToken(claims: CollabGrantClaims): Promise<UpgradeGrant | null> {
  // Sign-out and deactivation revoke the session there: read at every upgrade (with the others asked meanwhile).
  if (!(await sessionIsOpen(claims.sessionId))) return null;
  return {
    auth: {
      actor: claims.actor,
      sessionId: new mongoose.Types.ObjectId(claims.sessionId),
      displayName: claims.displayName,
      expiresAt: new Date(claims.sessionExpiresAt),
      detail: claims.detail,
    },
    spaceId: claims.spaceId,
    familyId: claims.familyId,
    kind: claims.kind,
    access: claims.access,
  };
}

/**
 * Authenticates (cookie, bearer or short-lived `?token=`) and authorises one websocket upgrade for
 * `/collab/<spaceId>`. A space that does not exist and one the caller may not open get the same 404.
 * A token carries the access decided when it was issued (`POST /api/collab/tokens`, a second ago): it is
 * used as it is unless rights changed since (then everything is read again), so opening a space reads
 * the database once, not twice; the session itself is always checked.
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
    const claims = verifyCollabToken(collabToken, spaceId);
    if (claims && grantFreshness.holds(claims)) {
      const grant = await grantOfToken(claims);
      return grant ?? { status: 401, reason: 'not signed in' };
    }
    auth = claims ? await resolveSessionById(claims.sessionId) : null;
  } else {
    const token = tokenFromHeaders(request.headers);
    auth = token ? await resolveSession(token) : null;
  }
  if (!auth) return { status: 401, reason: 'not signed in' };
  const { access, familyId, kind } = await resolveSpaceAccess(auth.actor, spaceId);
  if (access === 'none' || !kind) return { status: 404, reason: 'no such space' };
  return { auth, spaceId, familyId, kind, access };
}
