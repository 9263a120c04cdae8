import type { Health } from '@concerto/shared';
import { apiRequest } from './apiClient.ts';

/** Reads the server's health: status, database in use and version. */
export function fetchHealth(): Promise<Health> {
  return apiRequest<Health>('/health');
}
