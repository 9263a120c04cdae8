import type { DecisionView } from '@concerto/shared';

/**
 * The proposals of this meeting nobody recorded yet. Closing warns about these only: the family's other
 * open proposals (between meetings, or from an earlier meeting) are not this meeting's business.
 */
export function openProposalsOf(
  decisions: readonly DecisionView[],
  concertationId: string | null,
): DecisionView[] {
  return decisions.filter(
    (decision) => decision.concertationId === concertationId && decision.status === 'proposed',
  );
}
