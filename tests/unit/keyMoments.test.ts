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
  it('third trimester while the maternity liaison is incomplete, from week 28 only', () => {
    expect(kinds({ dueDate: addDays(today, 80), maternityLiaisonRecorded: false })).toContain(
      'thirdTrimesterWithoutMaternityLiaison',
    );
    expect(kinds({ dueDate: addDays(today, 90), maternityLiaisonRecorded: false })).not.toContain(
      'thirdTrimesterWithoutMaternityLiaison',
    );
    // A maternity referral that reached contact is only the first of three facts (seed 004, line 839).
    expect(kinds({ dueDate: addDays(today, 80), maternityLiaisonRecorded: true })).toContain(
      'thirdTrimesterWithoutMaternityLiaison',
    );
    const records = (['reinforcedFollowUpNotice', 'postnatalPepsMet'] as const).map((kind) => ({
      kind,
      outcome: 'done' as const,
      at: addDays(today, -1),
    }));
    expect(kinds({ dueDate: addDays(today, 80), maternityLiaisonRecorded: true, records })).not.toContain(
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

  it('after birth, the discharge to record; once recorded, the return home around its date', () => {
    expect(keyMomentsFor({ ...base, birthDate: addDays(today, -3) }, today)).toContainEqual({
      kind: 'dischargeNotRecorded',
      days: 3,
    });
    const records = [{ kind: 'returnHome' as const, outcome: 'done' as const, at: addDays(today, -2) }];
    expect(keyMomentsFor({ ...base, birthDate: addDays(today, -3), records }, today)).toContainEqual({
      kind: 'returnHome',
      days: 2,
    });
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
