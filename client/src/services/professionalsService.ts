import type { Professional } from '@concerto/shared';
import { apiRequest } from './apiClient.ts';

/** Active professionals whose name, profession or organisation matches, to add one to a care team. */
export function searchProfessionals(search: string): Promise<Professional[]> {
  return apiRequest<Professional[]>(`/professionals?${new URLSearchParams({ search })}`);
}
