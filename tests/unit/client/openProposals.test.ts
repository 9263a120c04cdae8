import { describe, expect, it } from 'vitest';
import type { DecisionView } from '@concerto/shared';
import { openProposalsOf } from '../../../client/src/components/room/openProposals.ts';

function decision(id: string, concertationId: string | null, status: DecisionView['status']): DecisionView {
  return {
    id,
    familyId: 'f'.repeat(24),
    concertationId,
    what: `decision ${id}`,
    owner: null,
    dueDate: null,
    linkedPlanItemIds: [],
    status,
    proposedBy: { id: 'p', displayName: 'Sophie' },
    proposedAt: '2026-12-01T10:00:00.000Z',
    recordedAt: status === 'recorded' ? '2026-12-01T10:05:00.000Z' : null,
    amends: null,
    amendedBy: null,
    amendmentReason: null,
    positions: [],
    awaitingPositionFrom: [],
    myPositionGiven: false,
    positionsDueBy: null,
    recordable: true,
  };
}

describe('the proposals a closing meeting warns about', () => {
  it("counts only this meeting's proposals nobody recorded", () => {
    const decisions = [
      decision('a', 'meeting', 'proposed'),
      decision('b', 'meeting', 'recorded'),
      // Proposed between meetings, and at an earlier meeting (kept open for positions): not this one's.
      decision('c', null, 'proposed'),
      decision('d', 'earlier', 'proposed'),
    ];
    expect(openProposalsOf(decisions, 'meeting').map((open) => open.id)).toEqual(['a']);
    expect(openProposalsOf(decisions, 'other')).toEqual([]);
  });
});
