import {
  mayHoldClinicalObservations,
  mayShareAssessment,
  reviewStateOf,
  type AssessmentView,
  type Assessments,
} from '@concerto/shared';
import { assessmentScopeOf, type AssessmentRecord } from '../policies/assessmentReads.ts';
import type { FamilyRepository } from '../policies/familyRepository.ts';
import { calendarDate } from './familyPresenter.ts';
import { loadPeopleFor, personRef } from './people.ts';

/** Formats assessments already filtered for the caller; names a professional hidden from her as no one. */
export async function presentAssessments(
  opened: FamilyRepository,
  assessments: AssessmentRecord[],
): Promise<AssessmentView[]> {
  const people = await loadPeopleFor(
    opened.hiddenProfessionals(),
    assessments.map((assessment) => assessment.recordedBy),
  );
  const clinical = mayHoldClinicalObservations(opened.actor, opened.scope);
  return assessments.map((assessment) => ({
    id: String(assessment._id),
    kind: assessment.kind,
    at: calendarDate(assessment.at) ?? '',
    setting: assessment.setting,
    needs: assessment.needs,
    expectations: assessment.expectations ?? '',
    strengths: assessment.strengths ?? '',
    informalNetwork: assessment.informalNetwork.map((contact) => ({
      name: contact.name,
      relation: contact.relation ?? '',
      support: contact.support ?? '',
    })),
    formalNetwork: assessment.formalNetwork.map((contact) => ({
      name: contact.name,
      role: contact.role ?? '',
      organisation: contact.organisation ?? '',
      phone: contact.phone ?? '',
      professionalId: contact.professionalId ? String(contact.professionalId) : null,
      referent: !!contact.referent,
    })),
    interpreterUsed: !!assessment.interpreterUsed,
    ...(clinical ? { clinicalObservations: assessment.clinicalObservations ?? null } : {}),
    nextReviewDate: calendarDate(assessment.nextReviewDate),
    recordedBy: personRef(people, assessment.recordedBy),
    recordedAt: assessment.recordedAt.toISOString(),
    ...(mayShareAssessment(opened.actor, opened.scope, assessmentScopeOf(assessment))
      ? { sharedWithMemberIds: assessment.sharedWithMemberIds.map(String) }
      : {}),
  }));
}

/** The assessments answer: the list, where the next review stands (from the latest one) and the caller's rights. */
export async function presentAssessmentList(
  opened: FamilyRepository,
  assessments: AssessmentRecord[],
  today = new Date(),
): Promise<Assessments> {
  const latest = assessments.at(-1);
  const review = reviewStateOf(latest?.nextReviewDate ?? null, today);
  return {
    assessments: await presentAssessments(opened, assessments),
    review: {
      state: review.state,
      date: calendarDate(latest?.nextReviewDate),
      days: review.state === 'none' ? null : review.days,
    },
    policies: {
      record: opened.can('family.assessments.record'),
      recordClinical:
        opened.can('family.assessments.record') && mayHoldClinicalObservations(opened.actor, opened.scope),
    },
  };
}
