import type { IndicatorCategory } from '../domain/indicators.ts';
import { isRoleA, linkOf, type Actor, type FamilyScope, type SharedItem } from './actor.ts';
import { can } from './can.ts';

/** One assessment as the policy reads it: team data, shared back with members one by one. */
export interface AssessmentScope {
  sharedWithMemberIds: readonly string[];
  authorId: string;
}

/** The assessment as a shared item: socio-demographic content, readable by Roles A and B on the team. */
function assessmentItem(assessment: AssessmentScope): SharedItem {
  return {
    category: 'social',
    sharedWithMemberIds: assessment.sharedWithMemberIds,
    authorId: assessment.authorId,
  };
}

/**
 * Whether the actor may read one assessment: the care team (Roles A and B: needs, strengths and network
 * are not medical data); a family member only the assessments shared with her personally.
 */
export function mayReadAssessment(actor: Actor, family: FamilyScope, assessment: AssessmentScope): boolean {
  if (can(actor, 'family.assessments.read', { kind: 'family', family })) return true;
  return can(actor, 'item.read', { kind: 'item', family, item: assessmentItem(assessment) });
}

/** Whether the actor may choose which members see an assessment (the team; never on a closed file). */
export function mayShareAssessment(actor: Actor, family: FamilyScope, assessment: AssessmentScope): boolean {
  return (
    can(actor, 'family.assessments.record', { kind: 'family', family }) &&
    can(actor, 'item.share', { kind: 'item', family, item: assessmentItem(assessment) })
  );
}

/**
 * Whether the actor may write or read an assessment's clinical observations: medical data, so Role A on
 * the team only. They are never shown to a member, even with the assessment: a medical finding reaches a
 * member as an indicator shared with her, decided by a Role A professional.
 */
export function mayHoldClinicalObservations(actor: Actor, family: FamilyScope): boolean {
  return !!linkOf(actor, family) && isRoleA(actor);
}

/** The family action that records an indicator of this category (medical: Role A only). */
export function indicatorRecordAction(category: IndicatorCategory) {
  return category === 'medical' ? 'family.indicators.medical.record' : 'family.indicators.social.record';
}

/**
 * Whether the actor may mark an indicator active, attenuated or resolved: whoever may read it and
 * record one of its category (a medical indicator's status is medical data too).
 */
export function mayChangeIndicatorStatus(actor: Actor, family: FamilyScope, indicator: SharedItem): boolean {
  const category = indicator.category === 'medical' ? 'medical' : 'social';
  return (
    can(actor, 'item.read', { kind: 'item', family, item: indicator }) &&
    can(actor, indicatorRecordAction(category), { kind: 'family', family })
  );
}

/**
 * Whether "Mon travail" reminds the actor of the family's re-assessment (seed 004, line 442): the
 * coordinator or case manager when one is named; otherwise the referent; with neither, the whole team.
 */
export function isRemindedOfReview(actor: Actor, family: FamilyScope): boolean {
  const link = linkOf(actor, family);
  if (!link) return false;
  const held = (functions: readonly string[]) =>
    family.team.some((membership) => membership.functions.some((name) => functions.includes(name)));
  const leads = ['coordinator', 'caseManager'];
  if (held(leads)) return link.functions.some((name) => leads.includes(name));
  if (held(['referent'])) return link.functions.includes('referent');
  return true;
}
