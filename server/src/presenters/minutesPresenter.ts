import type { Minutes } from '@concerto/shared';
import type { OpenedConcertation } from '../policies/concertationAccess.ts';
import { readMinutes } from '../policies/minutesReads.ts';
import { presentConcertation } from './concertationPresenter.ts';
import { presentDecisions } from './decisionPresenter.ts';
import { presentAssignments } from './functionPresenter.ts';

/** Formats one participant's copy of the frozen minutes, as `readMinutes()` chose it for her. */
export async function presentMinutes(opened: OpenedConcertation): Promise<Minutes> {
  const minutes = await readMinutes(opened);
  // Minutes are of a closed meeting: no call to join.
  const noCall = { urlTemplate: null, dialIn: null };
  const {
    policies: _policies,
    call: _call,
    ...view
  } = await presentConcertation(opened.concertation, opened.opened, noCall);
  return {
    concertation: view,
    decisions: await presentDecisions(minutes.decisions, minutes.amendedBy, opened.opened),
    functionChanges: await presentAssignments(minutes.functionChanges, !minutes.asTeam),
    ...(minutes.stratumChanges ? { stratumChanges: minutes.stratumChanges } : {}),
    ...(minutes.planChanges ? { planChanges: minutes.planChanges } : {}),
  };
}
