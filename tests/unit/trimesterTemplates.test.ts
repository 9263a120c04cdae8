import { describe, expect, it } from 'vitest';
import { addDays, planTemplates, templateDueDate, templateOffer } from '@concerto/shared';

const today = new Date('2027-03-10T00:00:00Z');
/** A due date that puts the pregnancy at `weeks` weeks today (the due date is week 40). */
const dueAt = (weeks: number) => addDays(today, 280 - weeks * 7);
const keys = (templates: { key: string }[]) => templates.map((template) => template.key);
const offerAt = (weeks: number, inPlan: string[] = []) =>
  templateOffer({ dueDate: dueAt(weeks), birthDate: null }, new Set(inPlan), today);

describe('templateOffer()', () => {
  it('in the first trimester: its themes and steps and the whole-pregnancy themes now, nothing to catch up', () => {
    const offer = offerAt(10);
    expect(keys(offer.now)).toEqual(
      expect.arrayContaining(['T1.screening', 'T1.insurability', 'pregnancy.housing']),
    );
    expect(keys(offer.now).some((key) => key.startsWith('T2.'))).toBe(false);
    expect(offer.catchUp).toEqual([]);
    expect(keys(offer.later)).toEqual(
      expect.arrayContaining(['T2.vaccination', 'T3.birthOrganisation', 'birth.birthDeclaration']),
    );
  });

  it('follow-up starting in the third trimester: the first two trimesters are offered as catch-up (line 502)', () => {
    const offer = offerAt(30);
    expect(keys(offer.catchUp)).toEqual(
      expect.arrayContaining(['T1.pregnancyAcceptance', 'T1.crechePreRegistration', 'T2.familyAllowances']),
    );
    expect(keys(offer.now)).toEqual(
      expect.arrayContaining(['T3.returnHomeAnticipation', 'T3.secondParentLeave']),
    );
    expect(keys(offer.now).some((key) => key.startsWith('T1.'))).toBe(false);
  });

  it('the trimester boundary: week 13 is still T1, week 14 is T2 with T1 to catch up', () => {
    expect(offerAt(13).catchUp).toEqual([]);
    expect(keys(offerAt(14).catchUp)).toContain('T1.screening');
    expect(keys(offerAt(14).now)).toContain('T2.vaccination');
    expect(keys(offerAt(27).now)).toContain('T2.vaccination');
    expect(keys(offerAt(28).now)).toContain('T3.birthOrganisation');
  });

  it('what the plan already holds is not offered again', () => {
    const offer = offerAt(30, ['T1.screening', 'T3.maternityLeave']);
    expect(keys([...offer.now, ...offer.catchUp, ...offer.later])).not.toContain('T1.screening');
    expect(keys(offer.now)).not.toContain('T3.maternityLeave');
  });

  it('after the birth: the birth declaration and the return to work only', () => {
    const offer = templateOffer(
      { dueDate: addDays(today, -5), birthDate: addDays(today, -3) },
      new Set(),
      today,
    );
    expect(keys(offer.now)).toEqual(['birth.birthDeclaration', 'maternityLeave.returnToWorkAndChildcare']);
    expect(offer.catchUp).toEqual([]);
  });

  it('without dates everything is offered now', () => {
    const offer = templateOffer({ dueDate: null, birthDate: null }, new Set(), today);
    expect(offer.now).toHaveLength(planTemplates.length);
  });
});

describe('templateDueDate()', () => {
  const template = (key: string) => planTemplates.find((candidate) => candidate.key === key)!;
  it('the last day of its trimester, the due date for T3', () => {
    const due = dueAt(10);
    // Week 14 starts 182 days before the due date: T1 ends the day before.
    expect(templateDueDate(template('T1.insurability'), { dueDate: due, birthDate: null }, today)).toBe(
      addDays(due, -183).toISOString().slice(0, 10),
    );
    expect(templateDueDate(template('T2.familyAllowances'), { dueDate: due, birthDate: null }, today)).toBe(
      addDays(due, -85).toISOString().slice(0, 10),
    );
    expect(templateDueDate(template('T3.maternityLeave'), { dueDate: due, birthDate: null }, today)).toBe(
      due.toISOString().slice(0, 10),
    );
  });

  it('a date already past (catching up) becomes two weeks from today; the birth declaration within 15 days', () => {
    expect(templateDueDate(template('T1.insurability'), { dueDate: dueAt(30), birthDate: null }, today)).toBe(
      '2027-03-24',
    );
    const birth = addDays(today, -2);
    expect(
      templateDueDate(template('birth.birthDeclaration'), { dueDate: null, birthDate: birth }, today),
    ).toBe(addDays(birth, 15).toISOString().slice(0, 10));
    expect(
      templateDueDate(template('pregnancy.housing'), { dueDate: dueAt(20), birthDate: null }, today),
    ).toBeNull();
  });
});
