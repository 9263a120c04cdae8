import type { Actor, FamilyScope, SharedItem } from './actor.ts';

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
] as const;

/** Actions on one item of a family file (an indicator, a team membership...). */
export const itemActions = ['item.read', 'item.share'] as const;

/** Actions on accounts and organisations. */
export const accountActions = ['organisation.create', 'organisation.staff.manage', 'family.create'] as const;

/** An action on a family file. */
export type FamilyAction = (typeof familyActions)[number];
/** An action on one item of a family file. */
export type ItemAction = (typeof itemActions)[number];
/** An action on accounts and organisations. */
export type AccountAction = (typeof accountActions)[number];
/** Every action the policy knows. */
export type Action = FamilyAction | ItemAction | AccountAction;

/** What an action is about. */
export type Resource =
  | { kind: 'platform' }
  | { kind: 'organisation'; organisationId: string }
  | { kind: 'family'; family: FamilyScope }
  | { kind: 'item'; family: FamilyScope; item: SharedItem };

/** What a family member may do in their own family's file (items still need sharing, one by one). */
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
];

/** The caller's team membership in this family, if they have a therapeutic link. */
function linkOf(actor: Actor, family: FamilyScope) {
  if (actor.kind !== 'professional') return undefined;
  return family.team.find((membership) => membership.professionalId === actor.userId);
}

function isOwnFamilyMember(
  actor: Actor,
  family: FamilyScope,
): actor is Extract<Actor, { kind: 'familyMember' }> {
  return actor.kind === 'familyMember' && actor.familyId === family.familyId;
}

function canOnFamily(actor: Actor, action: FamilyAction, family: FamilyScope): boolean {
  const link = linkOf(actor, family);
  if (link && actor.kind === 'professional') {
    const roleA = actor.healthRole === 'A';
    switch (action) {
      case 'family.indicators.medical.record':
      case 'family.flags.read':
        return roleA;
      // The coordination flat rate is limited to AR 78 professionals with an INAMI number (seed 004, line
      // 849); the personalised prenatal consultation is a health consultation. Screening (BIB is open to
      // Roles A and B, line 431) and concertation are recorded by anyone on the team.
      case 'family.services.record.coordination':
      case 'family.services.record.prenatalConsultation':
        return roleA;
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
    return familyMemberActions.includes(action);
  }
  return false;
}

function canOnItem(actor: Actor, action: ItemAction, family: FamilyScope, item: SharedItem): boolean {
  const link = linkOf(actor, family);
  if (link && actor.kind === 'professional') {
    if (item.category === 'medical' && actor.healthRole !== 'A') return false;
    const isAuthor = item.authorId === actor.userId;
    const consentWithdrawn =
      !!item.aboutMemberId && family.sharingWithdrawnMemberIds.includes(item.aboutMemberId);
    if (consentWithdrawn && !isAuthor) return false;
    // Sharing with the family is a professional's act; a medical item only by Role A (checked above).
    return action === 'item.read' || action === 'item.share';
  }
  if (isOwnFamilyMember(actor, family)) {
    return action === 'item.read' && item.sharedWithMemberIds.includes(actor.memberId);
  }
  return false;
}

/**
 * The one permission policy. The server enforces it on every route; the client uses it for display only.
 * Pure: everything it needs is in its arguments.
 */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
  switch (resource.kind) {
    case 'platform':
      if (action === 'organisation.create') return actor.kind === 'admin';
      if (action === 'family.create') return actor.kind === 'professional';
      return false;
    case 'organisation':
      return (
        action === 'organisation.staff.manage' &&
        (actor.kind === 'admin' ||
          (actor.kind === 'professional' &&
            actor.accessManager &&
            actor.organisationId === resource.organisationId))
      );
    case 'family':
      return (
        (familyActions as readonly string[]).includes(action) &&
        canOnFamily(actor, action as FamilyAction, resource.family)
      );
    case 'item':
      return (
        (itemActions as readonly string[]).includes(action) &&
        canOnItem(actor, action as ItemAction, resource.family, resource.item)
      );
  }
}

/** What the caller may do on this family, as sent in responses so the UI never recomputes permissions. */
export type FamilyPolicies = Record<FamilyAction, boolean>;

/** Evaluates every family action for the caller. */
export function familyPoliciesFor(actor: Actor, family: FamilyScope): FamilyPolicies {
  return Object.fromEntries(
    familyActions.map((action) => [action, can(actor, action, { kind: 'family', family })]),
  ) as FamilyPolicies;
}
