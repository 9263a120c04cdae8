import { userIdOf } from '@concerto/shared';
import { onAccessChange, type AccessChange } from './accessEvents.ts';
import { collabTokenLifetimeMs, type CollabGrantClaims } from './collabTokens.ts';

// Instances' clocks differ a little: a change heard up to this long before a grant was issued may
// still have been decided after it, so it makes the grant stale too.
const clockMarginMs = 2000;

const keyOf = (change: AccessChange): string => {
  switch (change.kind) {
    case 'family':
      return `family:${change.familyId}`;
    case 'space':
      return `space:${change.spaceId}`;
    case 'session':
      return `session:${change.sessionId}`;
    case 'user':
      return `user:${change.userId}`;
  }
};

/**
 * Remembers, for one token lifetime, when rights changed (access events of this instance and, over Redis,
 * of the others), so that a signed grant is trusted only if nothing that could touch it changed since it
 * was issued. Grants issued before this process listened, or before its link to the other instances was
 * last restored, are not trusted: changes may have been missed. An untrusted grant is not refused, its
 * upgrade is authorised from the database as before.
 */
class GrantFreshness {
  private readonly changedAt = new Map<string, number>();
  private trustedFrom = Date.now() + clockMarginMs;
  private linked: () => boolean = () => true;

  constructor() {
    onAccessChange((change) => this.heard(change));
  }

  private heard(change: AccessChange): void {
    const now = Date.now();
    // Deleted first so that the map stays in the order of the changes' times.
    this.changedAt.delete(keyOf(change));
    this.changedAt.set(keyOf(change), now);
    // Past a token's lifetime, no grant a change could make stale is left.
    for (const [key, at] of this.changedAt) {
      if (now - at <= collabTokenLifetimeMs + clockMarginMs) break;
      this.changedAt.delete(key);
    }
  }

  /** Whether the grant still says what the database would: nothing that concerns it changed since. */
  holds(claims: CollabGrantClaims): boolean {
    if (!this.linked() || claims.issuedAt < this.trustedFrom) return false;
    const since = claims.issuedAt - clockMarginMs;
    const userId = userIdOf(claims.actor);
    const keys = [`space:${claims.spaceId}`, `session:${claims.sessionId}`];
    if (userId) keys.push(`user:${userId}`);
    if (claims.familyId) keys.push(`family:${claims.familyId}`);
    return keys.every((key) => (this.changedAt.get(key) ?? -Infinity) < since);
  }

  /** Changes may have been missed until now (the link to the other instances came back). */
  distrustIssuedBefore(at: number): void {
    this.trustedFrom = Math.max(this.trustedFrom, at + clockMarginMs);
  }

  /** While `linked()` is false (Redis unreachable), changes on other instances go unheard: trust nothing. */
  trustOnlyWhile(linked: () => boolean): void {
    this.linked = linked;
  }
}

/** The one record of recent changes of rights in this process. */
export const grantFreshness = new GrantFreshness();
