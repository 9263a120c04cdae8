import type { Actor, FamilyScope } from '../policy/actor.ts';
import type { SpaceAccess, SpaceAudience, SpaceKind } from './spaces.ts';

/** What the space-access rule needs to know about one space. */
export interface SpaceScope {
  kind: SpaceKind;
  audience: SpaceAudience;
}

/** Extra facts about the family: who withdrew consent to take part, and the Role A professionals on the team. */
export interface SpaceFamilyScope extends FamilyScope {
  /** Members whose consent to take part in the concertation is withdrawn: they open no space. */
  participationWithdrawnMemberIds: readonly string[];
  /** Professionals on the team with health role A. */
  roleAProfessionalIds: readonly string[];
}

/**
 * The one rule deciding who opens a space's document, and how. Professionals need a therapeutic link;
 * the health space is Role A only whatever its audience says; family members are listed one by one.
 */
export function spaceAccessFor(actor: Actor, space: SpaceScope, family: SpaceFamilyScope): SpaceAccess {
  if (actor.kind === 'professional') {
    const linked = family.team.some((membership) => membership.professionalId === actor.userId);
    if (!linked) return 'none';
    const isRoleA = family.roleAProfessionalIds.includes(actor.userId) && actor.healthRole === 'A';
    if (space.kind === 'health' && !isRoleA) return 'none';
    const audience = space.audience;
    const inAudience =
      audience.team === 'allTeam' ||
      (audience.team === 'roleA' && isRoleA) ||
      (audience.team === 'selected' && audience.professionalIds.includes(actor.userId));
    if (!inAudience) return 'none';
    const exception = audience.professionalAccess.find((entry) => entry.professionalId === actor.userId);
    return exception?.access ?? audience.teamAccess;
  }
  if (actor.kind === 'familyMember') {
    if (actor.familyId !== family.familyId) return 'none';
    if (space.kind === 'teamNotes' || space.kind === 'health') return 'none';
    if (family.participationWithdrawnMemberIds.includes(actor.memberId)) return 'none';
    return space.audience.members.find((entry) => entry.memberId === actor.memberId)?.access ?? 'none';
  }
  return 'none';
}

/**
 * Notes of a network meeting (no family data): professionals of the member organisations write them;
 * nobody else opens them.
 */
export function networkNotesAccessFor(actor: Actor, memberOrganisationIds: readonly string[]): SpaceAccess {
  return actor.kind === 'professional' && memberOrganisationIds.includes(actor.organisationId)
    ? 'write'
    : 'none';
}

/** The default audience of each kind of space created with a family file. */
export function defaultAudience(kind: SpaceKind): SpaceAudience {
  const base = { professionalIds: [], teamAccess: 'write' as const, professionalAccess: [], members: [] };
  return { ...base, team: kind === 'health' ? 'roleA' : 'allTeam' };
}
