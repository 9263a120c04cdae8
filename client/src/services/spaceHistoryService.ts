import type { SpaceHistory, SpaceVersion, VersionDetail, VisitMarks } from '@concerto/shared';
import { apiRequest } from './apiClient.ts';

const base = (familyId: string, spaceId: string) => `/families/${familyId}/spaces/${spaceId}`;

/** A space's versions, newest first, and who edited it since the newest. */
export function fetchHistory(familyId: string, spaceId: string): Promise<SpaceHistory> {
  return apiRequest<SpaceHistory>(`${base(familyId, spaceId)}/history`);
}

/** One version's content and what changed since, with who changed it. */
export function fetchVersion(familyId: string, spaceId: string, versionId: string): Promise<VersionDetail> {
  return apiRequest<VersionDetail>(`${base(familyId, spaceId)}/history/${versionId}`);
}

/** Keeps the space as it is now under a name. */
export function nameVersion(familyId: string, spaceId: string, name: string): Promise<SpaceVersion> {
  return apiRequest<SpaceVersion>(`${base(familyId, spaceId)}/history`, {
    method: 'POST',
    body: JSON.stringify({ name }),
  });
}

/** Records this visit of the space; answers what others changed since the previous one. */
export function recordVisit(familyId: string, spaceId: string): Promise<VisitMarks> {
  return apiRequest<VisitMarks>(`${base(familyId, spaceId)}/visits`, { method: 'POST', body: '{}' });
}
