import mongoose from 'mongoose';
import {
  mayHoldClinicalObservations,
  mayReadAssessment,
  memberIdOf,
  type AssessmentScope,
} from '@concerto/shared';
import { AssessmentModel, type AssessmentDocument } from '../models/assessment.ts';
import type { FamilyRepository } from './familyRepository.ts';

/** An assessment as read for one caller: clinical observations only when she may hold them. */
export type AssessmentRecord = Omit<
  AssessmentDocument,
  'clinicalObservations' | 'informalNetwork' | 'formalNetwork'
> & {
  clinicalObservations?: string | null;
  informalNetwork: { name: string; relation?: string | null; support?: string | null }[];
  formalNetwork: {
    name: string;
    role?: string | null;
    organisation?: string | null;
    phone?: string | null;
    professionalId?: mongoose.Types.ObjectId | null;
    referent?: boolean | null;
  }[];
};

/** An assessment as the policy reads it. */
export function assessmentScopeOf(
  assessment: Pick<AssessmentRecord, 'sharedWithMemberIds' | 'recordedBy'>,
): AssessmentScope {
  return {
    sharedWithMemberIds: assessment.sharedWithMemberIds.map(String),
    authorId: String(assessment.recordedBy),
  };
}

/**
 * The family's assessments the caller may read, oldest first. The query itself leaves out what she may not
 * get: a member receives only those shared with her, and clinical observations leave the database for a
 * Role A professional of the team only. The formal network never names a professional hidden from her.
 */
export async function visibleAssessments(opened: FamilyRepository): Promise<AssessmentRecord[]> {
  const memberId = memberIdOf(opened.actor);
  const projection = mayHoldClinicalObservations(opened.actor, opened.scope)
    ? {}
    : { clinicalObservations: 0 };
  const found = await AssessmentModel.find(
    {
      familyId: opened.family._id,
      ...(memberId ? { sharedWithMemberIds: new mongoose.Types.ObjectId(memberId) } : {}),
    },
    projection,
  )
    .sort({ at: 1, recordedAt: 1 })
    .lean<AssessmentRecord[]>();
  const hidden = opened.hiddenProfessionals();
  return found
    .filter((assessment) => mayReadAssessment(opened.actor, opened.scope, assessmentScopeOf(assessment)))
    .map((assessment) => ({
      ...assessment,
      formalNetwork: assessment.formalNetwork.filter(
        (contact) => !contact.professionalId || !hidden.has(String(contact.professionalId)),
      ),
    }));
}
