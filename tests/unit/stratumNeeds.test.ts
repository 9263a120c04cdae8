import { describe, expect, it } from 'vitest';
import {
  refusalRepeated,
  selfCoordinationStrata,
  stratumNeedOf,
  stratumReviewDue,
  strata,
  type Stratum,
} from '@concerto/shared';

describe('what each stratum needs (seed 004, line 1158)', () => {
  const cases: [Stratum, string, string[], string[]][] = [
    ['lowRisk', 'referent', ['referent'], ['coordinator', 'caseManager']],
    ['specific', 'referentOrCoordination', ['referent', 'coordinator'], ['caseManager']],
    ['complex', 'coordination', ['coordinator'], ['referent', 'caseManager']],
    ['refusal', 'coordinationOrCaseManagement', ['coordinator', 'caseManager'], ['referent']],
    ['danger', 'coordinationOrCaseManagement', ['coordinator', 'caseManager'], ['referent']],
  ];
  for (const [stratum, need, answering, notAnswering] of cases)
    it(`${stratum}: ${need}, met by ${answering.join(' or ')} and not by ${notAnswering.join(' or ')}`, () => {
      for (const name of answering)
        expect(stratumNeedOf(stratum, [name as 'referent'])).toEqual({ need, metBy: [name] });
      for (const name of notAnswering)
        expect(stratumNeedOf(stratum, [name as 'referent'])).toEqual({ need, metBy: [] });
    });

  it('only low-risk and specific families coordinate themselves (lines 695, 701)', () => {
    expect(strata.filter((stratum) => selfCoordinationStrata.includes(stratum))).toEqual([
      'lowRisk',
      'specific',
    ]);
  });
});

describe('refusal « exprimé à plusieurs reprises… de manière explicite » (line 192)', () => {
  const on = (day: string, explicit = true) => ({ at: new Date(`${day}T10:00:00Z`), explicit });
  it('needs explicit refusals on two different days', () => {
    expect(refusalRepeated([])).toBe(false);
    expect(refusalRepeated([on('2026-11-02')])).toBe(false);
    expect(refusalRepeated([on('2026-11-02'), on('2026-11-02')])).toBe(false);
    expect(refusalRepeated([on('2026-11-02'), on('2026-11-20', false)])).toBe(false);
    expect(refusalRepeated([on('2026-11-02'), on('2026-11-20')])).toBe(true);
  });
});

describe('a stratum review after a key moment', () => {
  const today = new Date('2026-12-06T12:00:00Z');
  const base = {
    lastReviewedAt: new Date('2026-10-01T09:00:00Z'),
    latestAssessmentAt: null,
    birthDate: null,
    latestFollowUpExtensionAt: null,
  };

  it('nothing since the stratum was set: no review', () => {
    expect(stratumReviewDue(base, today)).toBeNull();
    expect(stratumReviewDue({ ...base, latestAssessmentAt: new Date('2026-09-01') }, today)).toBeNull();
  });

  it('a re-assessment, the birth or a day-1000 decision after it calls for one, the earliest named first', () => {
    expect(stratumReviewDue({ ...base, latestAssessmentAt: new Date('2026-11-01') }, today)).toEqual({
      trigger: 'assessment',
      since: new Date('2026-11-01'),
    });
    expect(
      stratumReviewDue(
        { ...base, latestAssessmentAt: new Date('2026-11-20'), birthDate: new Date('2026-11-10') },
        today,
      ),
    ).toMatchObject({ trigger: 'birth' });
    expect(
      stratumReviewDue({ ...base, latestFollowUpExtensionAt: new Date('2026-12-01') }, today),
    ).toMatchObject({
      trigger: 'followUpExtension',
    });
  });

  it('a birth still to come calls for nothing yet; a review after the moment clears it', () => {
    expect(stratumReviewDue({ ...base, birthDate: new Date('2026-12-20') }, today)).toBeNull();
    expect(
      stratumReviewDue(
        { ...base, lastReviewedAt: new Date('2026-11-02'), latestAssessmentAt: new Date('2026-11-01') },
        today,
      ),
    ).toBeNull();
  });
});
