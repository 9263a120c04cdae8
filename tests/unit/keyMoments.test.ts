import { describe, expect, it } from 'vitest';
import { addDays, keyMomentsFor, type KeyMomentInput } from '@concerto/shared';

const today = new Date('2027-03-10T10:00:00Z');
const base: KeyMomentInput = {
  dueDate: null,
  birthDate: null,
  maternityLiaisonRecorded: true,
  hasReferent: true,
  coordinatorTerm: null,
};
const kinds = (input: Partial<KeyMomentInput>, on = today) =>
  keyMomentsFor({ ...base, ...input }, on).map((moment) => moment.kind);

describe('keyMomentsFor()', () => {
  it('third trimester without a maternity liaison, from week 28 only', () => {
    expect(kinds({ dueDate: addDays(today, 80), maternityLiaisonRecorded: false })).toContain(
      'thirdTrimesterWithoutMaternityLiaison',
    );
    expect(kinds({ dueDate: addDays(today, 90), maternityLiaisonRecorded: false })).not.toContain(
      'thirdTrimesterWithoutMaternityLiaison',
    );
    expect(kinds({ dueDate: addDays(today, 80), maternityLiaisonRecorded: true })).not.toContain(
      'thirdTrimesterWithoutMaternityLiaison',
    );
  });

  it('birth expected within four weeks, not before', () => {
    expect(keyMomentsFor({ ...base, dueDate: addDays(today, 28) }, today)).toContainEqual({
      kind: 'birthExpectedSoon',
      days: 28,
    });
    expect(kinds({ dueDate: addDays(today, 29) })).not.toContain('birthExpectedSoon');
    expect(kinds({ dueDate: addDays(today, 10), birthDate: addDays(today, -1) })).not.toContain(
      'birthExpectedSoon',
    );
  });

  it('return home during the two weeks after birth', () => {
    expect(keyMomentsFor({ ...base, birthDate: addDays(today, -3) }, today)).toContainEqual({
      kind: 'returnHome',
      days: 3,
    });
    expect(kinds({ birthDate: addDays(today, -15) })).not.toContain('returnHome');
    expect(kinds({ birthDate: addDays(today, 2) })).not.toContain('returnHome');
  });

  it("a coordinator's term ending within 30 days without a hand-over", () => {
    expect(kinds({ coordinatorTerm: { expectedEnd: addDays(today, 30), successorNamed: false } })).toContain(
      'coordinatorTermEnding',
    );
    expect(
      kinds({ coordinatorTerm: { expectedEnd: addDays(today, 31), successorNamed: false } }),
    ).not.toContain('coordinatorTermEnding');
    expect(
      kinds({ coordinatorTerm: { expectedEnd: addDays(today, 5), successorNamed: true } }),
    ).not.toContain('coordinatorTermEnding');
  });

  it('a family with no referent', () => {
    expect(kinds({ hasReferent: false })).toEqual(['noReferent']);
    expect(kinds({})).toEqual([]);
  });
});
