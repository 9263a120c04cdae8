import type { EligibilityRules, ServicesByScenario } from '@concerto/shared';
import { apiRequest, sendJson } from './apiClient.ts';

/** The programme's rule of which funded services each BIB scenario opens. */
export function fetchEligibilityRules(): Promise<EligibilityRules> {
  return apiRequest<EligibilityRules>('/programme/eligibility');
}

/** Records the rule (the programme's admin); with `version`, 409 `stale` if someone changed it since. */
export function saveEligibilityRules(
  servicesByScenario: ServicesByScenario,
  version: number,
): Promise<EligibilityRules> {
  return sendJson<EligibilityRules>('PUT', '/programme/eligibility', { servicesByScenario }, version);
}
