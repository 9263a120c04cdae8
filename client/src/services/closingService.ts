import type { FamilyView, FileEndKind } from '@concerto/shared';
import { sendJson } from './apiClient.ts';
import { familyPath } from './familiesService.ts';

/** Closes the file after day 1000 (`closed`) or records that the family left the programme (`left`). */
export function closeFile(
  familyId: string,
  end: { kind: FileEndKind; reason: string; at?: string },
): Promise<FamilyView> {
  return sendJson<FamilyView>('POST', `${familyPath(familyId)}/closure`, end);
}

/** Goes on with the follow-up past day 1000, until the review date. */
export function extendFollowUp(
  familyId: string,
  extension: { reason: string; reviewDate: string },
): Promise<FamilyView> {
  return sendJson<FamilyView>('POST', `${familyPath(familyId)}/follow-up-extensions`, extension);
}

/** A member's request to correct or erase something, in her words. */
export function askForChange(
  familyId: string,
  request: { kind: 'correction' | 'erasure'; text: string },
): Promise<unknown> {
  return sendJson<unknown>('POST', `${familyPath(familyId)}/rights-requests`, request);
}

/** The coordinator marks a member's request as answered. */
export function markRequestHandled(familyId: string, requestId: string): Promise<unknown> {
  return sendJson<unknown>(
    'POST',
    `${familyPath(familyId)}/rights-requests/${encodeURIComponent(requestId)}/handled`,
  );
}

/** Where the member downloads her data (plain links: the browser saves the file). */
export function memberDataUrl(familyId: string, format: 'json' | 'pdf'): string {
  return `/api${familyPath(familyId)}/my-data${format === 'pdf' ? '/pdf' : ''}`;
}
