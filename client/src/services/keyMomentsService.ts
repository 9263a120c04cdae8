import type { KeyMomentTimeline, RecordKeyMomentRequest } from '@concerto/shared';
import { apiRequest, sendJson } from './apiClient.ts';
import { familyPath } from './familiesService.ts';

/** The family's timeline of key moments (the care team only). */
export function loadTimeline(familyId: string): Promise<KeyMomentTimeline> {
  return apiRequest<KeyMomentTimeline>(`${familyPath(familyId)}/key-moments`);
}

/** Records a key moment as done on a day, or not applicable; answers the timeline as it now stands. */
export function recordKeyMoment(
  familyId: string,
  request: RecordKeyMomentRequest,
): Promise<KeyMomentTimeline> {
  return sendJson<KeyMomentTimeline>('POST', `${familyPath(familyId)}/key-moments`, request);
}
