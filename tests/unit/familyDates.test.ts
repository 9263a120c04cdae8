import { describe, expect, it } from 'vitest';
import { computePhase, familyDateIssues } from '@concerto/shared';

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
const codes = (dates: { dueDate?: string; birthDate?: string }, today: string) =>
  familyDateIssues(
    {
      dueDate: dates.dueDate ? day(dates.dueDate) : null,
      birthDate: dates.birthDate ? day(dates.birthDate) : null,
    },
    day(today),
  ).map((issue) => `${issue.path}:${issue.code}`);

describe('the day of 1000 once the child is born', () => {
  it('follows the birth date, not a due date that was never corrected', () => {
    // Born 15 months ago with the due date it had then: early childhood, day 266 + 456 + 1.
    const info = computePhase(
      { dueDate: day('2025-09-10'), birthDate: day('2025-09-06') },
      day('2026-12-06'),
    );
    expect(info).toEqual({ phase: 'earlyChildhood', dayOf1000: 723, gestationalWeeks: null });
  });

  it('counts the birth day as day 267 however early the child came', () => {
    const premature = { dueDate: day('2026-09-10'), birthDate: day('2026-07-01') };
    expect(computePhase(premature, day('2026-07-01'))?.dayOf1000).toBe(267);
    expect(computePhase(premature, day('2026-07-02'))?.dayOf1000).toBe(268);
  });

  it.each([
    ['2026-01-01', 'postnatal', 267],
    ['2026-02-11', 'postnatal', 308],
    ['2026-02-12', 'earlyChildhood', 309],
    ['2027-12-31', 'earlyChildhood', 996],
    ['2028-01-01', 'completed', 1000],
    ['2029-06-01', 'completed', 1000],
  ])('born 2026-01-01, on %s: %s, day %i', (today, phase, dayOf1000) => {
    const info = computePhase({ dueDate: day('2026-01-05'), birthDate: day('2026-01-01') }, day(today));
    expect(info?.phase).toBe(phase);
    expect(info?.dayOf1000).toBe(dayOf1000);
  });

  it.each([
    ['2026-03-11', 'prenatalT1', 13],
    ['2026-03-12', 'prenatalT2', 14],
    ['2026-06-17', 'prenatalT2', 27],
    ['2026-06-18', 'prenatalT3', 28],
  ])('due 2026-09-10 without a birth, on %s: %s (week %i)', (today, phase, weeks) => {
    const info = computePhase({ dueDate: day('2026-09-10') }, day(today));
    expect(info?.phase).toBe(phase);
    expect(info?.gestationalWeeks).toBe(weeks);
  });
});

describe('familyDateIssues()', () => {
  it('needs one of the two dates', () => {
    expect(codes({}, '2026-12-06')).toEqual(['dueDate:datesRequired']);
  });

  it('accepts a birth today and refuses one tomorrow', () => {
    expect(codes({ birthDate: '2026-12-06' }, '2026-12-06')).toEqual([]);
    expect(codes({ birthDate: '2026-12-07' }, '2026-12-06')).toEqual(['birthDate:birthInFuture']);
  });

  it('accepts a due date up to 40 weeks ahead and refuses one a day further', () => {
    expect(codes({ dueDate: '2027-09-12' }, '2026-12-06')).toEqual([]);
    expect(codes({ dueDate: '2027-09-13' }, '2026-12-06')).toEqual(['dueDate:dueDateTooFar']);
  });

  it('accepts a birth from 22 weeks of pregnancy and refuses one a day earlier', () => {
    // Due 2026-09-10: the pregnancy began (last period) on 2025-12-04; 22 weeks later is 2026-05-07.
    expect(codes({ dueDate: '2026-09-10', birthDate: '2026-05-07' }, '2026-12-06')).toEqual([]);
    expect(codes({ dueDate: '2026-09-10', birthDate: '2026-05-06' }, '2026-12-06')).toEqual([
      'dueDate:birthTooEarlyForDueDate',
    ]);
  });

  it('accepts a birth until 43 weeks of pregnancy and refuses one a day later', () => {
    expect(codes({ dueDate: '2026-09-10', birthDate: '2026-10-01' }, '2026-12-06')).toEqual([]);
    expect(codes({ dueDate: '2026-09-10', birthDate: '2026-10-02' }, '2026-12-06')).toEqual([
      'dueDate:birthTooLateForDueDate',
    ]);
  });

  it('refuses a due date 20 months after the birth', () => {
    expect(codes({ dueDate: '2027-05-01', birthDate: '2025-09-01' }, '2026-12-06')).toEqual([
      'dueDate:birthTooEarlyForDueDate',
    ]);
  });
});
