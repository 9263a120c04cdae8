import type { FamilySummary, FamilyView } from '@concerto/shared';
import type { CreateFamilyRequest, UpdateFamilyRequest } from '../types/contract.ts';
import { apiRequest, sendJson } from './apiClient.ts';

/** The path of one family file in the API. */
export function familyPath(familyId: string): string {
  return `/families/${encodeURIComponent(familyId)}`;
}

/** The caller's families ("Mes familles"). */
export function listFamilies(): Promise<FamilySummary[]> {
  return apiRequest<FamilySummary[]>('/families');
}

/** Opens a new family file; the creator joins its care team. */
export function createFamily(request: CreateFamilyRequest): Promise<FamilyView> {
  return sendJson<FamilyView>('POST', '/families', request);
}

/** The family file as the caller may see it, with the caller's policies. */
export function fetchFamily(familyId: string): Promise<FamilyView> {
  return apiRequest<FamilyView>(familyPath(familyId));
}

/** Changes the label, due date or birth date of the file as the user saw it (`version`). */
export function updateFamily(
  familyId: string,
  change: UpdateFamilyRequest,
  version: number,
): Promise<FamilyView> {
  return sendJson<FamilyView>('PATCH', familyPath(familyId), change, version);
}
