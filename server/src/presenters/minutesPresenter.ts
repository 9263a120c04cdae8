import { spaceAccessFor, type Minutes } from '@concerto/shared';
import type { DecisionDocument } from '../models/decision.ts';
import type { FunctionAssignmentDocument } from '../models/functionAssignment.ts';
import { SpaceModel } from '../models/space.ts';
import type { openConcertation } from '../policies/concertationAccess.ts';
import { audienceOf, spaceFamilyScopeOf } from '../policies/spaceAccess.ts';
import { presentConcertation } from './concertationPresenter.ts';
import { presentDecisions } from './decisionPresenter.ts';
import { presentAssignments } from './functionPresenter.ts';

type OpenedConcertation = Awaited<ReturnType<typeof openConcertation>>;

interface FrozenMinutes {
  decisions: DecisionDocument[];
  amendedBy: [string, string][];
  functionChanges: FunctionAssignmentDocument[];
  stratumChanges: NonNullable<Minutes['stratumChanges']>;
  planChanges: NonNullable<Minutes['planChanges']>;
}

/**
 * One participant's copy of the frozen minutes: decisions hidden from them are left out, the stratum is
 * for professionals, and plan changes only for those who may open the shared plan.
 */
export async function presentMinutes(opened: OpenedConcertation): Promise<Minutes> {
  const { concertation, auth, family } = opened;
  const frozen = concertation.minutes as FrozenMinutes;
  const { policies: _policies, ...view } = await presentConcertation(concertation, auth, opened);
  const plan = await SpaceModel.findOne({ familyId: family._id, kind: 'sharedPlan' }).lean();
  const mayReadPlan =
    !!plan &&
    spaceAccessFor(
      auth.actor,
      { kind: plan.kind, audience: audienceOf(plan) },
      await spaceFamilyScopeOf(family),
    ) !== 'none';
  return {
    concertation: view,
    decisions: await presentDecisions(frozen.decisions, new Map(frozen.amendedBy), auth, opened),
    functionChanges: await presentAssignments(frozen.functionChanges, auth.actor.kind === 'familyMember'),
    ...(auth.actor.kind === 'professional' ? { stratumChanges: frozen.stratumChanges } : {}),
    ...(mayReadPlan ? { planChanges: frozen.planChanges } : {}),
  };
}
