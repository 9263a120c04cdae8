import type { ConsentScope } from '@concerto/shared';
import { sendJson } from './apiClient.ts';
import { familyPath } from './familiesService.ts';

/** Records a member's consent decision for one scope (granted or withdrawn). */
export function recordConsent(
  familyId: string,
  memberId: string,
  scope: ConsentScope,
  granted: boolean,
): Promise<unknown> {
  return sendJson<unknown>('POST', `${familyPath(familyId)}/consents`, { memberId, scope, granted });
}
