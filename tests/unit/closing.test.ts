import { describe, expect, it } from 'vitest';
import {
  addDays,
  closingDue,
  keyMomentsFor,
  namesGeneralPractitioner,
  purgeDateOf,
  secondBirthday,
} from '@concerto/shared';

const today = new Date('2026-12-06T10:00:00Z');
const born = (daysAgo: number) => addDays(today, -daysAgo);

describe('the end of the 1000 days', () => {
  const table: {
    what: string;
    birthDaysAgo: number;
    extendedUntil?: Date;
    closed?: boolean;
    due: boolean;
  }[] = [
    { what: 'the day before the second birthday', birthDaysAgo: 729, due: false },
    { what: 'the second birthday itself', birthDaysAgo: 730, due: true },
    { what: 'a year after it', birthDaysAgo: 1095, due: true },
    {
      what: 'an extension reviewed tomorrow',
      birthDaysAgo: 800,
      extendedUntil: addDays(today, 1),
      due: false,
    },
    { what: 'an extension reviewed today', birthDaysAgo: 800, extendedUntil: today, due: true },
    { what: 'a closed file', birthDaysAgo: 800, closed: true, due: false },
  ];
  for (const row of table)
    it(`${row.what}: ${row.due ? 'asks' : 'does not ask'} to close or extend`, () => {
      const input = {
        dueDate: null,
        birthDate: born(row.birthDaysAgo),
        extendedUntil: row.extendedUntil ?? null,
        closed: row.closed ?? false,
      };
      expect(closingDue(input, today)).toBe(row.due);
      const moments = keyMomentsFor(
        {
          dueDate: null,
          birthDate: input.birthDate,
          maternityLiaisonRecorded: true,
          hasReferent: true,
          coordinatorTerm: null,
          followUpExtendedUntil: input.extendedUntil,
        },
        today,
      );
      if (!row.closed) expect(moments.some((moment) => moment.kind === 'endOfThousandDays')).toBe(row.due);
    });

  it('waits for a recorded birth: a due date alone never ends the 1000 days', () => {
    const dueDate = born(900);
    expect(secondBirthday({ dueDate, birthDate: null })).toBeNull();
    expect(closingDue({ dueDate, birthDate: null, extendedUntil: null, closed: false }, today)).toBe(false);
    // Once the birth is recorded, the count follows it, whatever the due date said.
    expect(closingDue({ dueDate, birthDate: born(731), extendedUntil: null, closed: false }, today)).toBe(
      true,
    );
    expect(closingDue({ dueDate, birthDate: born(700), extendedUntil: null, closed: false }, today)).toBe(
      false,
    );
  });

  it('says how many days past the second birthday the question has waited', () => {
    const [moment] = keyMomentsFor(
      {
        dueDate: null,
        birthDate: born(745),
        maternityLiaisonRecorded: true,
        hasReferent: true,
        coordinatorTerm: null,
      },
      today,
    ).filter((found) => found.kind === 'endOfThousandDays');
    expect(moment?.days).toBe(15);
  });

  it('purges after the retention period', () => {
    expect(purgeDateOf(today, 365)).toEqual(addDays(today, 365));
  });
});

describe('who is the GP', () => {
  const table: [string | null, boolean][] = [
    ['Médecin généraliste', true],
    ['medecin traitant', true],
    ['Huisarts', true],
    ['General practitioner (GP)', true],
    ['Sage-femme', false],
    ['Gynécologue', false],
    [null, false],
  ];
  for (const [title, expected] of table)
    it(`${title ?? '(none)'}: ${expected ? 'a GP' : 'not a GP'}`, () =>
      expect(namesGeneralPractitioner(title)).toBe(expected));
});
