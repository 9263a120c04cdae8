import type { SpaceAccess, SpaceAudience, SpaceKind } from '../collab/spaces.ts';
import {
  isOwnFamilyMember,
  isRoleA,
  linkOf,
  participationWithdrawn,
  type Actor,
  type FamilyScope,
} from './actor.ts';

/** What the space-access rule needs to know about one space. */
export interface SpaceScope {
  kind: SpaceKind;
  audience: SpaceAudience;
}

/** Extra facts about the family: Role A professionals on the team (read fresh from their accounts). */
export interface SpaceFamilyScope extends FamilyScope {
  /** Members whose consent to take part in the concertation is withdrawn: they open no space. */
  participationWithdrawnMemberIds: readonly string[];
  /** Professionals on the team with health role A. */
  roleAProfessionalIds: readonly string[];
}

/** Actions on one space's document, from the least to the most. */
export const spaceActions = ['space.read', 'space.contribute', 'space.write', 'space.audience.edit'] as const;
/** An action on one space. */
export type SpaceAction = (typeof spaceActions)[number];

const rank: Record<SpaceAccess, number> = { none: 0, read: 1, contribute: 2, write: 3 };

/**
 * The one rule deciding who opens a space's document, and how. Professionals need a therapeutic link;
 * the health space is Role A only whatever its audience says; family members are listed one by one.
 */
export function spaceAccessFor(actor: Actor, space: SpaceScope, family: SpaceFamilyScope): SpaceAccess {
  const access = openFileAccessFor(actor, space, family);
  // A closed file's spaces are frozen: those who could open them still read them, nobody writes.
  return family.closed && access !== 'none' ? 'read' : access;
}

function openFileAccessFor(actor: Actor, space: SpaceScope, family: SpaceFamilyScope): SpaceAccess {
  const link = linkOf(actor, family);
  if (link) {
    const roleA = family.roleAProfessionalIds.includes(link.professionalId) && isRoleA(actor);
    if (space.kind === 'health' && !roleA) return 'none';
    const audience = space.audience;
    const inAudience =
      audience.team === 'allTeam' ||
      (audience.team === 'roleA' && roleA) ||
      (audience.team === 'selected' && audience.professionalIds.includes(link.professionalId));
    if (!inAudience) return 'none';
    const exception = audience.professionalAccess.find(
      (entry) => entry.professionalId === link.professionalId,
    );
    return exception?.access ?? audience.teamAccess;
  }
  if (isOwnFamilyMember(actor, family)) {
    if (space.kind === 'teamNotes' || space.kind === 'health') return 'none';
    if (participationWithdrawn(actor, family)) return 'none';
    return space.audience.members.find((entry) => entry.memberId === actor.memberId)?.access ?? 'none';
  }
  return 'none';
}

/** Whether the actor may do `action` on this space. */
export function canOnSpace(
  actor: Actor,
  action: SpaceAction,
  family: SpaceFamilyScope,
  space: SpaceScope,
): boolean {
  if (action === 'space.audience.edit')
    return !!linkOf(actor, family) && spaceAccessFor(actor, space, family) === 'write';
  const needed: SpaceAccess =
    action === 'space.read' ? 'read' : action === 'space.contribute' ? 'contribute' : 'write';
  return rank[spaceAccessFor(actor, space, family)] >= rank[needed];
}
