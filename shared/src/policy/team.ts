import { asGuest, isOwnFamilyMember, linkOf, memberIdOf, type Actor, type FamilyScope } from './actor.ts';

/** One membership of the care team, current or ended, as the visibility rules need it. */
export interface TeamMembershipScope {
  professionalId: string;
  hiddenFromMemberIds: readonly string[];
  ended: boolean;
}

/**
 * Whether the actor may see this professional on the team (and anywhere she is named: meetings,
 * functions, rooms). Professionals on the team see everyone, ended memberships included; a member
 * sees current professionals not hidden from her.
 */
export function maySeeProfessional(
  actor: Actor,
  family: FamilyScope,
  membership: TeamMembershipScope,
): boolean {
  if (linkOf(actor, family)) return true;
  if (!isOwnFamilyMember(actor, family)) return false;
  return !membership.ended && !membership.hiddenFromMemberIds.includes(actor.memberId);
}

/**
 * The professionals hidden from this actor among a family's memberships (empty for the team). A guest in
 * the family's meeting sees those who speak there, except anyone hidden from one of the members: the
 * interpreter may be close to the very person they are protected from.
 */
export function hiddenProfessionalIds(
  actor: Actor,
  family: FamilyScope,
  memberships: readonly TeamMembershipScope[],
): Set<string> {
  if (linkOf(actor, family)) return new Set();
  if (asGuest(actor)?.familyId === family.familyId)
    return new Set(
      memberships
        .filter((membership) => membership.ended || membership.hiddenFromMemberIds.length > 0)
        .map((membership) => membership.professionalId),
    );
  const memberId = isOwnFamilyMember(actor, family) ? memberIdOf(actor) : null;
  return new Set(
    memberships
      .filter((membership) => !memberId || membership.hiddenFromMemberIds.includes(memberId))
      .map((membership) => membership.professionalId),
  );
}

/** Whether the actor reads the file as its care team (audiences, working notes, everyone named) rather than as the family. */
export function readsAsTeam(actor: Actor, family: FamilyScope): boolean {
  return !!linkOf(actor, family);
}

/** Whether the actor may see this member's own details (name, birth date, consents, referrals). */
export function maySeeMember(actor: Actor, family: FamilyScope, memberId: string): boolean {
  if (linkOf(actor, family)) return true;
  return isOwnFamilyMember(actor, family) && actor.memberId === memberId;
}

/** Whether the actor may record something in this member's name (a consent): the team, or the member herself. */
export function maySpeakFor(actor: Actor, family: FamilyScope, memberId: string): boolean {
  return maySeeMember(actor, family, memberId);
}
