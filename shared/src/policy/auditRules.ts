import type { Actor } from './actor.ts';

/**
 * Parts of the file a family member sees herself, so another's access to them concerns her: her file,
 * its members and team (as shown to her), consents, functions, concertations and decisions, the plan.
 * Never flags, indicators, strata, screening, services, referrals, exports or the audit itself: even
 * "someone wrote to the flags" tells a partner that a violence flag was raised.
 */
export const memberAuditParts = [
  'file',
  'summary',
  'members',
  'team',
  'consents',
  'functions',
  'concertations',
  'decisions',
  'plan',
] as const;

/** The member whose view of the trail is asked for; null for professionals (they read it whole). */
export function auditViewerMemberId(actor: Actor): string | null {
  return actor.kind === 'familyMember' ? actor.memberId : null;
}

/** One audit entry, as the visibility rule needs it. */
export interface AuditEntryFacts {
  actorKind: 'professional' | 'familyMember' | 'admin' | 'guest';
  actorUserId: string | null;
  actorMemberId: string | null;
  access: 'read' | 'write';
  part: string;
  /** The space opened, for entries of spaces (websocket opens). */
  spaceId: string | null;
}

/** What the caller's view of the trail must leave out or fold, for one family member. */
export interface MemberAuditContext {
  /** Professionals hidden from her on the team (hiddenProfessionalIdsFor). */
  hiddenProfessionalIds: ReadonlySet<string>;
  /** Spaces shared with her personally: opening one of them concerns her. */
  sharedSpaceIds: ReadonlySet<string>;
}

/**
 * How one entry of the family's trail shows to the caller, who may read the audit (can 'family.audit.read').
 * Professionals (coordinator, referent) keep the full trail. A member sees who read or changed what
 * concerns her and was shared with her; her own views come back folded ('own'); another member's
 * activity, the admin's, a professional hidden from her and parts she does not see are left out.
 */
export function auditEntryView(
  actor: Actor,
  entry: AuditEntryFacts,
  context: MemberAuditContext,
): 'shown' | 'own' | 'left out' {
  if (actor.kind === 'professional' || actor.kind === 'admin') return 'shown';
  if (actor.kind !== 'familyMember') return 'left out';
  if (entry.actorMemberId === actor.memberId) return 'own';
  if (entry.actorKind !== 'professional' || !entry.actorUserId) return 'left out';
  if (context.hiddenProfessionalIds.has(entry.actorUserId)) return 'left out';
  if (entry.part === 'spaces')
    return entry.spaceId && context.sharedSpaceIds.has(entry.spaceId) ? 'shown' : 'left out';
  // A change to the team may be the addition of someone hidden from her: she sees who read it only.
  if (entry.part === 'team' && entry.access === 'write') return 'left out';
  return (memberAuditParts as readonly string[]).includes(entry.part) ? 'shown' : 'left out';
}
