import type { Minutes } from '@concerto/shared';
import type { DecisionDocument } from '../models/decision.ts';
import type { FunctionAssignmentDocument } from '../models/functionAssignment.ts';
import type { OpenedConcertation } from './concertationAccess.ts';
import { canOnDecision } from './decisionReads.ts';
import { minutesSectionsFor } from './spaceAccess.ts';

interface FrozenMinutes {
  decisions: DecisionDocument[];
  amendedBy: [string, string][];
  functionChanges: FunctionAssignmentDocument[];
  stratumChanges: NonNullable<Minutes['stratumChanges']>;
  planChanges: NonNullable<Minutes['planChanges']>;
}

/** What of the frozen minutes one participant receives, chosen by the policy. */
export interface MinutesForCaller {
  decisions: DecisionDocument[];
  amendedBy: Map<string, string>;
  functionChanges: FunctionAssignmentDocument[];
  /** Whether she reads them as the team (working notes of hand-overs included). */
  asTeam: boolean;
  stratumChanges?: Minutes['stratumChanges'];
  planChanges?: Minutes['planChanges'];
}

/**
 * One participant's copy of the frozen minutes: decisions hidden from her and professionals hidden from
 * her are left out, the stratum is the team's, plan changes only for those who may open the shared plan.
 */
export async function readMinutes({ opened, concertation }: OpenedConcertation): Promise<MinutesForCaller> {
  const frozen = concertation.minutes as FrozenMinutes;
  const sections = await minutesSectionsFor(opened);
  const hidden = opened.hiddenProfessionals();
  return {
    decisions: frozen.decisions.filter((decision) => canOnDecision(opened, 'decision.read', decision)),
    amendedBy: new Map(frozen.amendedBy),
    functionChanges: frozen.functionChanges.filter(
      (change) => !change.professionalId || !hidden.has(String(change.professionalId)),
    ),
    asTeam: sections.audiences,
    ...(sections.strata ? { stratumChanges: frozen.stratumChanges } : {}),
    ...(sections.plan ? { planChanges: frozen.planChanges } : {}),
  };
}
