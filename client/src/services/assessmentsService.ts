import type {
  AssessmentView,
  Assessments,
  FamilyView,
  IndicatorStatus,
  RecordAssessmentRequestSchema,
} from '@concerto/shared';
import { apiRequest, sendJson } from './apiClient.ts';
import { familyPath } from './familiesService.ts';

/** What the assessment form sends (defaults filled in by the server). */
export type RecordAssessmentInput = (typeof RecordAssessmentRequestSchema)['_zod']['input'];

/** The family's assessments the caller may read, and where the next review stands. */
export function fetchAssessments(familyId: string): Promise<Assessments> {
  return apiRequest<Assessments>(`${familyPath(familyId)}/assessments`);
}

/** Records the initial assessment or a re-assessment. */
export function recordAssessment(familyId: string, request: RecordAssessmentInput): Promise<AssessmentView> {
  return sendJson<AssessmentView>('POST', `${familyPath(familyId)}/assessments`, request);
}

/** Sets which members, one by one, see an assessment. */
export function shareAssessment(
  familyId: string,
  assessmentId: string,
  sharedWithMemberIds: string[],
): Promise<AssessmentView> {
  const path = `${familyPath(familyId)}/assessments/${encodeURIComponent(assessmentId)}`;
  return sendJson<AssessmentView>('PATCH', path, { sharedWithMemberIds });
}

/** Marks an indicator active, attenuated or resolved, as the user saw it (`version`). */
export function changeIndicatorStatus(
  familyId: string,
  indicatorId: string,
  change: { status: IndicatorStatus; note?: string },
  version: number,
): Promise<FamilyView['indicators'][number]> {
  const path = `${familyPath(familyId)}/indicators/${encodeURIComponent(indicatorId)}/status`;
  return sendJson('POST', path, change, version);
}
