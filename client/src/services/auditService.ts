import type { AuditEntry } from '../types/contract.ts';
import { apiRequest } from './apiClient.ts';
import { familyPath } from './familiesService.ts';

/** Who opened or changed the family file, and when. */
export function fetchAudit(familyId: string): Promise<AuditEntry[]> {
  return apiRequest<AuditEntry[]>(`${familyPath(familyId)}/audit`);
}
