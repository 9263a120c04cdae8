import {
  isOwnFamilyMember,
  isRoleA,
  linkOf,
  participationWithdrawn,
  type Actor,
  type FamilyScope,
  type TeamLink,
} from './actor.ts';
import { fileAllows } from './closing.ts';

/** Actions on a family file as a whole (the resource is the family). */
export const familyActions = [
  'family.read',
  'family.update',
  'family.members.add',
  'family.invitations.create',
  'family.team.read',
  'family.team.manage',
  'family.strata.read',
  'family.strata.change',
  'family.screening.read',
  'family.screening.record',
  'family.assessments.read',
  'family.assessments.record',
  'family.services.record.screening',
  'family.services.record.prenatalConsultation',
  'family.services.record.coordination',
  'family.services.record.concertation',
  'family.indicators.social.record',
  'family.indicators.medical.record',
  'family.flags.raise',
  'family.flags.read',
  'family.consents.read',
  'family.consents.record',
  'family.audit.read',
  'family.functions.read',
  'family.functions.assign',
  'family.referent.choose',
  'family.concertations.read',
  'family.concertations.schedule',
  'family.decisions.read',
  'family.decisions.propose',
  'family.decisions.position',
  'family.referrals.read',
  'family.referrals.manage',
  'family.spaces.manage',
  'family.export.fhir',
  'family.export.calendar',
  'family.closing.decide',
  'family.leave.record',
  'family.data.export',
  'family.rights.request',
  'family.rights.handle',
  'family.keyMoments.read',
  'family.keyMoments.record',
  'family.keyMoments.medical.record',
] as const;

/** An action on a family file. */
export type FamilyAction = (typeof familyActions)[number];

/** What a family member may do in her own family's file (items still need sharing, one by one). */
const familyMemberActions: readonly FamilyAction[] = [
  'family.read',
  'family.team.read',
  'family.consents.read',
  'family.consents.record',
  'family.audit.read',
  'family.functions.read',
  'family.referent.choose',
  'family.concertations.read',
  'family.decisions.read',
  'family.decisions.position',
  'family.referrals.read',
  'family.export.fhir',
  'family.export.calendar',
  'family.data.export',
  'family.rights.request',
];

/** Meetings and their decisions are the concertation's: a member who withdrew that consent is out of them. */
const participationActions: readonly FamilyAction[] = [
  'family.concertations.read',
  'family.decisions.read',
  'family.decisions.position',
  'family.export.calendar',
];

/** Whether the actor may do `action` on this family file. */
export function canOnFamily(actor: Actor, action: FamilyAction, family: FamilyScope): boolean {
  if (!fileAllows(family, action)) return false;
  const link = linkOf(actor, family);
  if (link) {
    switch (action) {
      case 'family.closing.decide':
      case 'family.rights.handle':
        // The coordinator closes or extends at day 1000 and answers the family's requests about its data.
        return decidesForTheFamily(link, family);
      case 'family.data.export':
      case 'family.rights.request':
        // The rights of access and correction are the member's own: the team has the file itself.
        return false;
      case 'family.indicators.medical.record':
      case 'family.keyMoments.medical.record':
      case 'family.flags.read':
        // Medical data, and health acts (post-partum depression screening, six-week visit, contraception).
        return isRoleA(actor);
      // The coordination flat rate is limited to AR 78 professionals with an INAMI number (seed 004, line
      // 849); the personalised prenatal consultation is a health consultation. Screening (BIB is open to
      // Roles A and B, line 431) and concertation are recorded by anyone on the team.
      case 'family.services.record.coordination':
      case 'family.services.record.prenatalConsultation':
        return isRoleA(actor);
      case 'family.audit.read':
        return link.functions.includes('coordinator') || link.functions.includes('referent');
      case 'family.decisions.position':
        // Positions are the family's voice: professionals propose and record, they do not vote.
        return false;
      default:
        return true;
    }
  }
  if (isOwnFamilyMember(actor, family)) {
    if (participationActions.includes(action) && participationWithdrawn(actor, family)) return false;
    return familyMemberActions.includes(action);
  }
  return false;
}

/**
 * Who speaks for the team at day 1000 and on the family's requests about its data: the coordinator; without
 * one the referent (a low-risk family); with neither, any professional of the team.
 */
function decidesForTheFamily(link: TeamLink, family: FamilyScope): boolean {
  const held = (['coordinator', 'referent'] as const).find((function_) =>
    family.team.some((membership) => membership.functions.includes(function_)),
  );
  return !held || link.functions.includes(held);
}

/** What the caller may do on this family, as sent in responses so the UI never recomputes permissions. */
export type FamilyPolicies = Record<FamilyAction, boolean>;

/** Evaluates every family action for the caller. */
export function familyPoliciesFor(actor: Actor, family: FamilyScope): FamilyPolicies {
  return Object.fromEntries(
    familyActions.map((action) => [action, canOnFamily(actor, action, family)]),
  ) as FamilyPolicies;
}

/** Which files the actor's "my families" lists: those where she is on the team, or her own family's. */
export function listedFamiliesFor(actor: Actor): { onTeamOf: string } | { familyId: string } | null {
  if (actor.kind === 'professional') return { onTeamOf: actor.userId };
  if (actor.kind === 'familyMember') return { familyId: actor.familyId };
  return null;
}
