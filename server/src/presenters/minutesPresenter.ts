import type { Minutes } from '@concerto/shared';
import type { DecisionDocument } from '../models/decision.ts';
import type { FunctionAssignmentDocument } from '../models/functionAssignment.ts';
import type { OpenedConcertation } from '../policies/concertationAccess.ts';
import { canOnDecision } from '../policies/decisionReads.ts';
import { minutesSectionsFor } from '../policies/spaceAccess.ts';
import { presentConcertation } from './concertationPresenter.ts';
import { presentDecisions } from './decisionPresenter.ts';
import { presentAssignments } from './functionPresenter.ts';

interface FrozenMinutes {
  decisions: DecisionDocument[];
  amendedBy: [string, string][];
  functionChanges: FunctionAssignmentDocument[];
  stratumChanges: NonNullable<Minutes['stratumChanges']>;
  planChanges: NonNullable<Minutes['planChanges']>;
}

/**
 * One participant's copy of the frozen minutes: decisions hidden from them are left out, the stratum is
 * for the team, and plan changes only for those who may open the shared plan (the policy decides each).
 */
export async function presentMinutes({ opened, concertation }: OpenedConcertation): Promise<Minutes> {
  const frozen = concertation.minutes as FrozenMinutes;
  const { policies: _policies, ...view } = await presentConcertation(concertation, opened);
  const sections = await minutesSectionsFor(opened);
  const decisions = frozen.decisions.filter((decision) => canOnDecision(opened, 'decision.read', decision));
  return {
    concertation: view,
    decisions: await presentDecisions(decisions, new Map(frozen.amendedBy), opened),
    functionChanges: await presentAssignments(frozen.functionChanges, !sections.audiences),
    ...(sections.strata ? { stratumChanges: frozen.stratumChanges } : {}),
    ...(sections.plan ? { planChanges: frozen.planChanges } : {}),
  };
}
