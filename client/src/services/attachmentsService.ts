import type {
  AttachmentList,
  AttachmentView,
  GeneralPractitionerView,
  attachmentCategories,
  globalMedicalRecordStates,
} from '@concerto/shared';
import { apiRequest, sendJson } from './apiClient.ts';

/** The documents of the family file, or of one space, that the signed-in user may read. */
export function fetchAttachments(familyId: string, spaceId?: string): Promise<AttachmentList> {
  const query = spaceId ? `?spaceId=${spaceId}` : '';
  return apiRequest<AttachmentList>(`/families/${familyId}/attachments${query}`);
}

/** What is said about a document being added: where it goes and, on the file, whom it concerns. */
export interface AttachmentTarget {
  spaceId?: string;
  category?: (typeof attachmentCategories)[number];
  aboutMemberId?: string;
  sharedWith?: string[];
}

/** Sends a file as it is (its bytes are the body); the server checks its real type and size. */
export function uploadAttachment(
  familyId: string,
  file: File,
  target: AttachmentTarget,
): Promise<AttachmentView> {
  const query = new URLSearchParams({ name: file.name });
  if (target.spaceId) query.set('spaceId', target.spaceId);
  if (target.category) query.set('category', target.category);
  if (target.aboutMemberId) query.set('aboutMemberId', target.aboutMemberId);
  if (target.sharedWith?.length) query.set('sharedWith', target.sharedWith.join(','));
  return apiRequest<AttachmentView>(`/families/${familyId}/attachments?${query}`, {
    method: 'POST',
    body: file,
    // A phone's HEIC photo may come without a type: the server then reads it from the bytes.
    headers: { 'Content-Type': file.type || 'application/octet-stream' },
  });
}

/** Where a document downloads from (always as a file, never shown in the page). */
export function attachmentDownloadUrl(familyId: string, attachmentId: string): string {
  return `/api/families/${familyId}/attachments/${attachmentId}`;
}

/** Takes a document away. */
export function deleteAttachment(familyId: string, attachmentId: string): Promise<{ deleted: true }> {
  return sendJson('DELETE', `/families/${familyId}/attachments/${attachmentId}`);
}

/** The members' GPs and DMGs the user may see, and whether she may record them. */
export function fetchGeneralPractitioners(
  familyId: string,
): Promise<{ records: GeneralPractitionerView[]; canRecord: boolean }> {
  return apiRequest(`/families/${familyId}/general-practitioners`);
}

/** Records a member's regular GP and whether she has a DMG. */
export function recordGeneralPractitioner(
  familyId: string,
  memberId: string,
  record: {
    name: string;
    practice: string;
    phone: string;
    globalMedicalRecord: (typeof globalMedicalRecordStates)[number];
  },
): Promise<GeneralPractitionerView> {
  return sendJson('PUT', `/families/${familyId}/members/${memberId}/general-practitioner`, record);
}
