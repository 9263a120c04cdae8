import type { ConsentScope } from '@concerto/shared';
import type { ConsentRecord } from '../types/contract.ts';

/** A member's consent decisions, newest first. */
export function consentHistory(consents: readonly ConsentRecord[], memberId: string): ConsentRecord[] {
  return consents.filter((consent) => consent.memberId === memberId).sort((a, b) => b.at.localeCompare(a.at));
}

/** The decision in force for one scope: the latest one recorded, or undefined when never asked. */
export function latestConsent(
  consents: readonly ConsentRecord[],
  memberId: string,
  scope: ConsentScope,
): ConsentRecord | undefined {
  return consentHistory(consents, memberId).find((consent) => consent.scope === scope);
}
