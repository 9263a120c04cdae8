import type { ContactLog, RecordContactRequestSchema } from '@concerto/shared';
import { apiRequest, sendJson } from './apiClient.ts';
import { familyPath } from './familiesService.ts';

/** A contact as sent to `POST /api/families/:id/contacts` (read from the shared zod schema). */
export type RecordContactRequest = (typeof RecordContactRequestSchema)['_zod']['input'];

/** The family's contact log as the server filtered it for the caller, with its totals and her rights. */
export function fetchContactLog(familyId: string): Promise<ContactLog> {
  return apiRequest<ContactLog>(`${familyPath(familyId)}/contacts`);
}

/** Records one contact; answers the whole log again (totals included). */
export function recordContact(familyId: string, request: RecordContactRequest): Promise<ContactLog> {
  return sendJson<ContactLog>('POST', `${familyPath(familyId)}/contacts`, request);
}

/** The address of the funder's CSV export of the family's contacts (a plain download link). */
export function contactsCsvUrl(familyId: string): string {
  return `/api${familyPath(familyId)}/contacts.csv`;
}
