import type { Stratum, TeamFunction } from './family.ts';
import type { Phase } from './phase.ts';

/** The next thing the team should do for a family, as shown in "my families" (an i18n key suffix). */
export type NextStep =
  'recordScreening' | 'recordConsent' | 'chooseReferent' | 'planConcertation' | 'prepareMaternityLiaison';

/** What the next-step rule looks at. */
export interface NextStepInput {
  phase: Phase | null;
  stratum: Stratum;
  screeningRecorded: boolean;
  /** Whether any member has granted consent to sharing within the team. */
  sharingConsentGranted: boolean;
  functionsHeld: readonly TeamFunction[];
  concertationHeld: boolean;
}

/** The first missing step, in the order the programme expects them; null when nothing is pending. */
export function nextStepFor(input: NextStepInput): NextStep | null {
  if (!input.sharingConsentGranted) return 'recordConsent';
  if (!input.screeningRecorded && input.phase !== 'completed') return 'recordScreening';
  if (!input.functionsHeld.includes('referent')) return 'chooseReferent';
  const needsConcertation =
    input.stratum === 'complex' || input.stratum === 'refusal' || input.stratum === 'danger';
  if (needsConcertation && !input.concertationHeld) return 'planConcertation';
  if (input.phase === 'prenatalT3') return 'prepareMaternityLiaison';
  return null;
}
