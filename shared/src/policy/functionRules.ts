import type { Actor } from './actor.ts';

/** A team membership as the visibility rule needs it (ended ones included: a hidden person stays hidden). */
export interface MembershipVisibility {
  professionalId: string;
  hiddenFromMemberIds: readonly string[];
}

/**
 * The professionals the caller must never see named: for a family member, those on the team hidden from
 * her (a violence-support worker hidden from a partner); for anyone else, nobody.
 */
export function hiddenProfessionalIdsFor(
  actor: Actor,
  team: readonly MembershipVisibility[],
): ReadonlySet<string> {
  if (actor.kind !== 'familyMember') return new Set();
  return new Set(
    team
      .filter((membership) => membership.hiddenFromMemberIds.includes(actor.memberId))
      .map((membership) => membership.professionalId),
  );
}

/** What the referent rule needs: whose choice is recorded, and who chose the referent in function. */
export interface ReferentChoiceFacts {
  /** The member whose choice this is (the caller herself, or the member a professional records it for). */
  forMemberId: string;
  /** The member who chose the current referent, if any. */
  currentChosenByMemberId: string | null;
}

/**
 * The referent is the family's choice, recorded member by member. A member records only her own choice
 * and never replaces another member's (a partner may be the source of danger); a professional may record
 * a member's choice for her, named in the record as who entered it. Team members and members only.
 */
export function mayRecordReferentChoice(actor: Actor, facts: ReferentChoiceFacts): boolean {
  if (actor.kind === 'professional') return true;
  if (actor.kind !== 'familyMember') return false;
  if (facts.forMemberId !== actor.memberId) return false;
  return facts.currentChosenByMemberId === null || facts.currentChosenByMemberId === actor.memberId;
}

/** Who entered a choice on a member's behalf, for the record; null when the member entered it herself. */
export function enteredOnBehalfBy(actor: Actor): string | null {
  return actor.kind === 'professional' ? actor.userId : null;
}
