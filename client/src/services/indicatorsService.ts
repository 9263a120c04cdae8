import type { Indicator, RecordIndicatorRequest } from '../types/contract.ts';
import { sendJson } from './apiClient.ts';
import { familyPath } from './familiesService.ts';

/** Records a vulnerability indicator, shared with the chosen members only. */
export function recordIndicator(familyId: string, request: RecordIndicatorRequest): Promise<Indicator> {
  return sendJson<Indicator>('POST', `${familyPath(familyId)}/indicators`, request);
}

/** Sets which members, one by one, an indicator is shared with, as the user saw it (`version`). */
export function shareIndicator(
  familyId: string,
  indicatorId: string,
  sharedWithMemberIds: string[],
  version: number,
): Promise<Indicator> {
  const path = `${familyPath(familyId)}/indicators/${encodeURIComponent(indicatorId)}`;
  return sendJson<Indicator>('PATCH', path, { sharedWithMemberIds }, version);
}
