import type { Stratum } from '@concerto/shared';
import type { RecordServiceRequest } from '../types/contract.ts';
import { sendJson } from './apiClient.ts';
import { familyPath } from './familiesService.ts';

/** Moves the family to another stratum, with the reason (kept in the strata history). */
export function changeStratum(familyId: string, stratum: Stratum, reason: string): Promise<unknown> {
  return sendJson<unknown>('POST', `${familyPath(familyId)}/strata`, { stratum, reason });
}

/** Records the BIB scenario as the screening tool gave it. */
export function recordScreening(familyId: string, scenario: 'O' | 'A' | 'B', at?: string): Promise<unknown> {
  return sendJson<unknown>('POST', `${familyPath(familyId)}/screening`, { scenario, at });
}

/** Records that one of the four funded services was delivered. */
export function recordService(familyId: string, request: RecordServiceRequest): Promise<unknown> {
  return sendJson<unknown>('POST', `${familyPath(familyId)}/services`, request);
}
