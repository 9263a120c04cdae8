import type { NotificationKind } from '../contract/notifications.ts';
import {
  isOwnFamilyMember,
  linkOf,
  memberIdOf,
  planOwnerOf,
  professionalIdOf,
  type Actor,
  type FamilyScope,
} from './actor.ts';
import { canOnConcertation, type ConcertationScope } from './concertations.ts';
import { canOnDecision, type DecisionScope } from './decisions.ts';
import { canOnReferral, type ReferralScope } from './referrals.ts';
import { spaceAccessFor, type SpaceFamilyScope, type SpaceScope } from './spaces.ts';
import { maySeeProfessional, type TeamMembershipScope } from './team.ts';

/** What a notification points at, with what the policy needs to know about it. */
export type NoticeScope =
  | { kind: 'concertationInvitation'; family: FamilyScope; concertation: ConcertationScope }
  | { kind: 'positionAwaited'; family: FamilyScope; decision: DecisionScope }
  | { kind: 'actionChanged' | 'familyContribution'; family: SpaceFamilyScope; space: SpaceScope }
  | { kind: 'referralFollowUp'; family: FamilyScope; referral: ReferralScope };

/** Who acted, as a notice would name them (Concerto itself for reminders). */
export type NoticeAuthor =
  | { kind: 'professional'; professionalId: string }
  | { kind: 'familyMember'; memberId: string }
  | { kind: 'concerto' };

// Every kind is listed, so that a new kind cannot be sent before a rule says to whom.
const rules: {
  [K in NotificationKind]: (recipient: Actor, notice: Extract<NoticeScope, { kind: K }>) => boolean;
} = {
  // Invited to a meeting she may follow, before it is over: the team and the family (a guest's pass is
  // handed over by hand and has no notifications).
  concertationInvitation: (recipient, { family, concertation }) =>
    (!!linkOf(recipient, family) || isOwnFamilyMember(recipient, family)) &&
    canOnConcertation(recipient, 'concertation.room.join', family, concertation),
  // Asked for her position, still allowed to give it, and not answered yet (never a hidden decision).
  positionAwaited: (recipient, { family, decision }) =>
    canOnDecision(recipient, 'decision.position', family, decision) &&
    isOwnFamilyMember(recipient, family) &&
    !decision.positionedMemberIds.includes(recipient.memberId),
  // An action she owns changed in a plan she may still open.
  actionChanged: (recipient, { family, space }) => spaceAccessFor(recipient, space, family) !== 'none',
  // Her words in the plan: to the referent and the coordinator, if they may open that plan.
  familyContribution: (recipient, { family, space }) => {
    const functions = linkOf(recipient, family)?.functions ?? [];
    return (
      (functions.includes('referent') || functions.includes('coordinator')) &&
      spaceAccessFor(recipient, space, family) !== 'none'
    );
  },
  // A referral to follow up: to the team, who may act on it; never to a family member.
  referralFollowUp: (recipient, { family, referral }) =>
    !!linkOf(recipient, family) && canOnReferral(recipient, 'referral.update', family, referral),
};

/**
 * Whether this person may be told of this: she may still open what the notice points at, and the notice
 * is hers to receive. Every notification asks here before it is stored, emailed or pushed.
 */
export function mayBeNotified(recipient: Actor, notice: NoticeScope): boolean {
  const rule = rules[notice.kind] as (recipient: Actor, notice: NoticeScope) => boolean;
  return rule(recipient, notice);
}

/**
 * Whether a notice may name who acted to this recipient: never a professional hidden from her (nor one
 * whose membership ended, for a member); a family member only to her team and her own family. Otherwise
 * the notice says "the team".
 */
export function mayNameAuthor(
  recipient: Actor,
  family: FamilyScope,
  memberships: readonly TeamMembershipScope[],
  author: NoticeAuthor,
): boolean {
  switch (author.kind) {
    case 'concerto':
      return true;
    case 'professional': {
      const membership = memberships.find((entry) => entry.professionalId === author.professionalId);
      return membership ? maySeeProfessional(recipient, family, membership) : !!linkOf(recipient, family);
    }
    case 'familyMember':
      return !!linkOf(recipient, family) || isOwnFamilyMember(recipient, family);
  }
}

/** Whether the actor is the owner named on a plan action (nobody is told of her own changes). */
export function ownsPlanAction(actor: Actor, owner: { kind: string; id?: string | null } | null): boolean {
  const self = planOwnerOf(actor);
  return !!self && !!owner && self.ownerKind === owner.kind && self.ownerId === owner.id;
}

/** The professionals who hear of a family member's words in the plan: the referent and the coordinator. */
export function familyWordsListeners(family: FamilyScope): string[] {
  return family.team
    .filter(
      (membership) =>
        membership.functions.includes('referent') || membership.functions.includes('coordinator'),
    )
    .map((membership) => membership.professionalId);
}

/** The key a person's notifications and settings are kept under; null for whoever has none (the admin). */
export function notificationKeyOf(actor: Actor): string | null {
  const memberId = memberIdOf(actor);
  if (memberId) return `familyMember:${memberId}`;
  const professionalId = professionalIdOf(actor);
  return professionalId ? `professional:${professionalId}` : null;
}
