import { describe, expect, it } from 'vitest';
import { computePhase, nextStepFor } from '@concerto/shared';

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('computePhase()', () => {
  it('needs a due date or a birth date', () => {
    expect(computePhase({}, day('2026-01-01'))).toBeNull();
  });

  it.each([
    ['2026-02-01', 'prenatalT1', 8],
    ['2026-04-01', 'prenatalT2', 16],
    ['2026-07-15', 'prenatalT3', 31],
    ['2026-10-01', 'prenatalT3', 43],
  ])('on %s, due 2026-09-10, is %s in week %i', (today, phase, weeks) => {
    const info = computePhase({ dueDate: day('2026-09-10') }, day(today));
    expect(info?.phase).toBe(phase);
    expect(info?.gestationalWeeks).toBe(weeks);
  });

  it('counts day 1 of 1000 at conception (due date minus 266 days)', () => {
    expect(computePhase({ dueDate: day('2026-09-10') }, day('2025-12-18'))?.dayOf1000).toBe(1);
    expect(computePhase({ dueDate: day('2026-09-10') }, day('2026-09-10'))?.dayOf1000).toBe(267);
  });

  it('follows the birth date once the child is born: postnatal for six weeks, then early childhood', () => {
    const dates = { dueDate: day('2026-09-10'), birthDate: day('2026-08-30') };
    expect(computePhase(dates, day('2026-09-05'))?.phase).toBe('postnatal');
    expect(computePhase(dates, day('2026-10-11'))?.phase).toBe('earlyChildhood');
    expect(computePhase(dates, day('2028-08-30'))).toEqual({
      phase: 'completed',
      dayOf1000: 1000,
      gestationalWeeks: null,
    });
  });

  it('works from a birth date alone', () => {
    expect(computePhase({ birthDate: day('2026-01-01') }, day('2026-01-02'))).toEqual({
      phase: 'postnatal',
      dayOf1000: 268,
      gestationalWeeks: null,
    });
  });
});

describe('nextStepFor()', () => {
  const base = {
    phase: 'prenatalT2' as const,
    stratum: 'complex' as const,
    screeningRecorded: true,
    sharingConsentGranted: true,
    functionsHeld: ['referent' as const],
    concertationHeld: false,
  };
  it('asks for consent first, then screening, a referent, a concertation for complex situations', () => {
    expect(nextStepFor({ ...base, sharingConsentGranted: false })).toBe('recordConsent');
    expect(nextStepFor({ ...base, screeningRecorded: false })).toBe('recordScreening');
    expect(nextStepFor({ ...base, functionsHeld: [] })).toBe('chooseReferent');
    expect(nextStepFor(base)).toBe('planConcertation');
    expect(nextStepFor({ ...base, concertationHeld: true, phase: 'prenatalT3' })).toBe(
      'prepareMaternityLiaison',
    );
    expect(nextStepFor({ ...base, stratum: 'lowRisk' })).toBeNull();
  });
});
