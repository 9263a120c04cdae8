import mongoose from 'mongoose';
import {
  mayHoldClinicalObservations,
  professionalIdOf,
  type RecordAssessmentRequest,
} from '@concerto/shared';
import { forbidden, invalidField } from '../http/errors.ts';
import { AssessmentModel } from '../models/assessment.ts';
import type { FamilyRepository } from '../policies/familyRepository.ts';

/** Checks that every id names a member of this family (400 naming the field otherwise). */
export function assertFamilyMembers(
  opened: FamilyRepository,
  memberIds: readonly string[],
  path: string,
): void {
  const known = new Set(opened.family.members.map((member) => String(member._id)));
  const unknown = memberIds.find((memberId) => !known.has(memberId));
  if (unknown) throw invalidField(path, `${unknown} is not a member of this family`);
}

/**
 * Records an assessment: the family's first is the initial assessment, every later one a re-assessment.
 * Clinical observations are medical data: a professional who may not hold them gets 403, nothing saved.
 */
export async function recordAssessment(opened: FamilyRepository, body: RecordAssessmentRequest) {
  if (body.clinicalObservations && !mayHoldClinicalObservations(opened.actor, opened.scope))
    throw forbidden(
      'Clinical observations are medical data: only a health professional (Role A) records them.',
    );
  assertFamilyMembers(opened, body.sharedWithMemberIds, 'sharedWithMemberIds');
  const teamIds = new Set(opened.family.team.map((membership) => String(membership.professionalId)));
  body.formalNetwork.forEach((contact, index) => {
    if (contact.professionalId && !teamIds.has(contact.professionalId))
      throw invalidField(`formalNetwork.${index}.professionalId`, 'not on this family’s care team');
  });
  const earlier = await AssessmentModel.exists({ familyId: opened.family._id });
  return AssessmentModel.create({
    familyId: opened.family._id,
    kind: earlier ? 'review' : 'initial',
    at: new Date(body.at),
    setting: body.setting,
    needs: body.needs,
    expectations: body.expectations,
    strengths: body.strengths,
    informalNetwork: body.informalNetwork,
    formalNetwork: body.formalNetwork.map((contact) => ({
      ...contact,
      professionalId: contact.professionalId ? new mongoose.Types.ObjectId(contact.professionalId) : null,
    })),
    interpreterUsed: body.interpreterUsed,
    clinicalObservations: body.clinicalObservations || null,
    nextReviewDate: body.nextReviewDate ? new Date(body.nextReviewDate) : null,
    recordedBy: professionalIdOf(opened.actor) ?? undefined,
    recordedAt: new Date(),
    sharedWithMemberIds: body.sharedWithMemberIds,
  });
}
