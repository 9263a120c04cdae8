import { describe, expect, it } from 'vitest';
import {
  addDays,
  alertConcerns,
  keyMomentDateIssue,
  watchAlertsFor,
  watchedMomentsFor,
  type MomentRecordFacts,
  type WatchInput,
  type WatchedMomentKind,
} from '@concerto/shared';

const due = new Date('2027-06-30T00:00:00Z');
const birth = new Date('2027-06-28T00:00:00Z');
const pregnant: WatchInput = {
  dueDate: due,
  birthDate: null,
  screenedAt: null,
  maternityReferralContact: false,
  records: [],
};
const born: WatchInput = { ...pregnant, birthDate: birth, screenedAt: addDays(due, -200) };
const done = (kind: MomentRecordFacts['kind'], at: Date, outcome: MomentRecordFacts['outcome'] = 'done') => ({
  kind,
  outcome,
  at,
});
const alerts = (input: Partial<WatchInput>, today: Date) => watchAlertsFor({ ...pregnant, ...input }, today);
const kinds = (input: Partial<WatchInput>, today: Date) => alerts(input, today).map((alert) => alert.kind);
const statusOf = (kind: WatchedMomentKind, input: WatchInput, today: Date) =>
  watchedMomentsFor(input, today).find((moment) => moment.kind === kind)!;

describe('unscreened at the end of the first and second trimesters (seed 004, line 251)', () => {
  // The due date is day 280 from the last period: week 14 starts 182 days before it, week 28 84 days before.
  it('no alert during the first trimester, "catch up in T2" from its first day', () => {
    expect(kinds({}, addDays(due, -183))).not.toContain('unscreenedAfterFirstTrimester');
    expect(alerts({}, addDays(due, -182))).toContainEqual({ kind: 'unscreenedAfterFirstTrimester', days: 0 });
    expect(alerts({}, addDays(due, -85))).toContainEqual({ kind: 'unscreenedAfterFirstTrimester', days: 97 });
  });

  it('the end of the second trimester replaces it, until the birth', () => {
    expect(alerts({}, addDays(due, -84))).toContainEqual({ kind: 'unscreenedAfterSecondTrimester', days: 0 });
    expect(kinds({}, addDays(due, -84))).not.toContain('unscreenedAfterFirstTrimester');
    expect(kinds({}, addDays(due, 10))).toContain('unscreenedAfterSecondTrimester');
    expect(kinds({ birthDate: addDays(due, -1) }, due)).not.toContain('unscreenedAfterSecondTrimester');
  });

  it('a recorded screening clears it and dates the moment', () => {
    const screenedAt = addDays(due, -150);
    expect(kinds({ screenedAt }, addDays(due, -100)).filter((kind) => kind.startsWith('unscreened'))).toEqual(
      [],
    );
    expect(statusOf('screening', { ...pregnant, screenedAt }, addDays(due, -100))).toMatchObject({
      status: 'done',
      doneAt: screenedAt,
      doneThrough: 'screening',
    });
  });
});

describe('the maternity liaison in the third trimester (line 839)', () => {
  it('from week 28, lists what is missing until all three are recorded', () => {
    expect(kinds({}, addDays(due, -85))).not.toContain('thirdTrimesterWithoutMaternityLiaison');
    expect(alerts({}, addDays(due, -84))).toContainEqual({
      kind: 'thirdTrimesterWithoutMaternityLiaison',
      days: null,
      missing: ['maternityChosen', 'reinforcedFollowUpNotice', 'postnatalPepsMet'],
    });
    const records = [
      done('maternityChosen', addDays(due, -80)),
      done('reinforcedFollowUpNotice', addDays(due, -70), 'notApplicable'),
    ];
    expect(alerts({ records }, addDays(due, -60)).find((alert) => alert.missing)?.missing).toEqual([
      'postnatalPepsMet',
    ]);
    records.push(done('postnatalPepsMet', addDays(due, -30)));
    expect(kinds({ records }, addDays(due, -20))).not.toContain('thirdTrimesterWithoutMaternityLiaison');
  });

  it('a referral to a maternity that reached contact counts as the maternity chosen', () => {
    const alert = alerts({ maternityReferralContact: true }, addDays(due, -60)).find(
      (found) => found.missing,
    );
    expect(alert?.missing).toEqual(['reinforcedFollowUpNotice', 'postnatalPepsMet']);
    expect(
      statusOf('maternityChosen', { ...pregnant, maternityReferralContact: true }, due).doneThrough,
    ).toBe('referral');
  });

  it('each fact is due on its own date: the maternity chosen by week 32', () => {
    expect(statusOf('maternityChosen', pregnant, addDays(due, -85)).status).toBe('upcoming');
    expect(statusOf('maternityChosen', pregnant, addDays(due, -84)).status).toBe('due');
    expect(statusOf('maternityChosen', pregnant, addDays(due, -56)).status).toBe('due');
    expect(statusOf('maternityChosen', pregnant, addDays(due, -55)).status).toBe('overdue');
    expect(statusOf('maternityChosen', { ...pregnant, birthDate: birth }, addDays(birth, 1)).status).toBe(
      'missed',
    );
  });
});

describe('birth notice, discharge and return home (lines 264, 841)', () => {
  it('before the birth is recorded, moments after it are upcoming, dated from the due date', () => {
    expect(statusOf('birthNotice', pregnant, addDays(due, 3))).toMatchObject({
      status: 'upcoming',
      estimated: true,
      dueDate: addDays(due, 5),
    });
  });

  it('the birth notice is due five days after birth and leaves "my work" after six weeks', () => {
    expect(alerts(born, addDays(birth, 5))).toContainEqual({ kind: 'birthNotice', days: 0 });
    expect(alerts(born, addDays(birth, 6))).toContainEqual({ kind: 'birthNotice', days: -1 });
    expect(alerts(born, addDays(birth, 42))).toContainEqual({ kind: 'birthNotice', days: -37 });
    expect(kinds(born, addDays(birth, 43))).not.toContain('birthNotice');
    expect(statusOf('birthNotice', born, addDays(birth, 43)).status).toBe('missed');
  });

  it('without a recorded discharge: "record the discharge date", days since birth', () => {
    expect(alerts(born, birth)).toContainEqual({ kind: 'dischargeNotRecorded', days: 0 });
    expect(alerts(born, addDays(birth, 42))).toContainEqual({ kind: 'dischargeNotRecorded', days: 42 });
    expect(kinds(born, addDays(birth, 43))).not.toContain('dischargeNotRecorded');
    expect(kinds(born, birth)).not.toContain('returnHome');
  });

  it('a recorded discharge drives the return home: two weeks around it, not birth + 14 days', () => {
    const records = [done('returnHome', addDays(birth, 10))];
    expect(alerts({ ...born, records }, addDays(birth, 12))).toContainEqual({ kind: 'returnHome', days: 2 });
    expect(alerts({ ...born, records }, addDays(birth, 24))).toContainEqual({ kind: 'returnHome', days: 14 });
    expect(kinds({ ...born, records }, addDays(birth, 25))).not.toContain('returnHome');
    // Planned: shown ahead, with the days to go.
    expect(alerts({ ...born, records }, addDays(birth, 1))).toContainEqual({ kind: 'returnHome', days: -9 });
    expect(kinds({ ...born, records }, addDays(birth, 12))).not.toContain('dischargeNotRecorded');
    expect(statusOf('returnHome', { ...born, records }, birth)).toMatchObject({
      dueDate: addDays(birth, 10),
      status: 'planned',
    });
    expect(statusOf('returnHome', { ...born, records }, addDays(birth, 10)).status).toBe('done');
  });

  it('the latest record of a kind counts (a correction)', () => {
    const records = [done('returnHome', addDays(birth, 3)), done('returnHome', addDays(birth, 8))];
    expect(alerts({ ...born, records }, addDays(birth, 9))).toContainEqual({ kind: 'returnHome', days: 1 });
  });
});

describe('post-partum, childcare and return to work (lines 265, 539, 548, 271, 598)', () => {
  it('post-partum depression screening: shown from two weeks, due at six, dropped after thirteen', () => {
    expect(kinds(born, addDays(birth, 13))).not.toContain('postpartumDepressionScreening');
    expect(alerts(born, addDays(birth, 14))).toContainEqual({
      kind: 'postpartumDepressionScreening',
      days: 28,
    });
    expect(alerts(born, addDays(birth, 43))).toContainEqual({
      kind: 'postpartumDepressionScreening',
      days: -1,
    });
    expect(alerts(born, addDays(birth, 91))).toContainEqual({
      kind: 'postpartumDepressionScreening',
      days: -49,
    });
    expect(kinds(born, addDays(birth, 92))).not.toContain('postpartumDepressionScreening');
  });

  it('the six-week visit from week four; contraception from the birth', () => {
    expect(kinds(born, addDays(birth, 27))).not.toContain('sixWeekVisit');
    expect(alerts(born, addDays(birth, 28))).toContainEqual({ kind: 'sixWeekVisit', days: 14 });
    expect(alerts(born, birth)).toContainEqual({ kind: 'contraceptionTalk', days: 42 });
  });

  it('childcare entry and return to work at the end of the 15-week maternity leave', () => {
    expect(kinds(born, addDays(birth, 76))).not.toContain('childcareEntry');
    expect(alerts(born, addDays(birth, 77))).toContainEqual({ kind: 'childcareEntry', days: 28 });
    expect(alerts(born, addDays(birth, 105))).toContainEqual({ kind: 'returnToWork', days: 0 });
    expect(kinds(born, addDays(birth, 183))).not.toContain('returnToWork');
  });

  it('recorded as done or not applicable, a moment leaves "my work"', () => {
    const records = [
      done('sixWeekVisit', addDays(birth, 40)),
      done('returnToWork', addDays(birth, 50), 'notApplicable'),
    ];
    const today = addDays(birth, 100);
    expect(kinds({ ...born, records }, today)).not.toContain('sixWeekVisit');
    expect(kinds({ ...born, records }, today)).not.toContain('returnToWork');
    expect(kinds({ ...born, records }, today)).toContain('childcareEntry');
    expect(statusOf('returnToWork', { ...born, records }, today).status).toBe('notApplicable');
  });

  it('a family without any date has its moments listed, undated', () => {
    const moments = watchedMomentsFor({ ...pregnant, dueDate: null }, due);
    expect(moments).toHaveLength(11);
    expect(moments.every((moment) => moment.dueDate === null && moment.status === 'upcoming')).toBe(true);
    expect(watchAlertsFor({ ...pregnant, dueDate: null }, due)).toEqual([]);
  });
});

describe('who watches which alert', () => {
  const team = [
    { professionalId: 'coordinator', functions: ['coordinator' as const] },
    { professionalId: 'referent', functions: ['referent' as const] },
    { professionalId: 'other', functions: [] },
  ];
  it('screening goes to the coordinator; the other moments to those who hold a function', () => {
    expect(
      team
        .filter((member) => alertConcerns('unscreenedAfterFirstTrimester', member.professionalId, team))
        .map((member) => member.professionalId),
    ).toEqual(['coordinator']);
    expect(
      team
        .filter((member) => alertConcerns('sixWeekVisit', member.professionalId, team))
        .map((member) => member.professionalId),
    ).toEqual(['coordinator', 'referent']);
    expect(team.every((member) => alertConcerns('noReferent', member.professionalId, team))).toBe(true);
  });

  it('without a coordinator, the referent; without any function, the whole team', () => {
    const noCoordinator = team.slice(1);
    expect(alertConcerns('unscreenedAfterSecondTrimester', 'referent', noCoordinator)).toBe(true);
    expect(alertConcerns('unscreenedAfterSecondTrimester', 'other', noCoordinator)).toBe(false);
    const nobody = [{ professionalId: 'other', functions: [] }];
    expect(alertConcerns('returnHome', 'other', nobody)).toBe(true);
  });
});

describe('keyMomentDateIssue()', () => {
  const today = new Date('2027-07-10T00:00:00Z');
  const at = (days: number) => addDays(today, days);
  it('no day in the future; a discharge may be planned up to 14 days ahead', () => {
    expect(keyMomentDateIssue({ kind: 'maternityChosen', outcome: 'done', at: at(1) }, null, today)).toBe(
      'inFuture',
    );
    expect(
      keyMomentDateIssue({ kind: 'maternityChosen', outcome: 'done', at: at(0) }, null, today),
    ).toBeNull();
    expect(keyMomentDateIssue({ kind: 'returnHome', outcome: 'done', at: at(14) }, birth, today)).toBeNull();
    expect(keyMomentDateIssue({ kind: 'returnHome', outcome: 'done', at: at(15) }, birth, today)).toBe(
      'dischargeTooFar',
    );
  });

  it('moments after the birth need it recorded and cannot precede it', () => {
    expect(keyMomentDateIssue({ kind: 'sixWeekVisit', outcome: 'done', at: at(0) }, null, today)).toBe(
      'birthFirst',
    );
    expect(
      keyMomentDateIssue({ kind: 'birthNotice', outcome: 'done', at: addDays(birth, -1) }, birth, today),
    ).toBe('beforeBirth');
    expect(keyMomentDateIssue({ kind: 'birthNotice', outcome: 'done', at: birth }, birth, today)).toBeNull();
    expect(
      keyMomentDateIssue({ kind: 'returnToWork', outcome: 'notApplicable', at: at(0) }, null, today),
    ).toBeNull();
    expect(
      keyMomentDateIssue({ kind: 'contraceptionTalk', outcome: 'done', at: at(-100) }, null, today),
    ).toBeNull();
  });
});
