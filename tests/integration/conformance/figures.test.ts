import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectId } from 'mongodb';
import { figureFacets } from '../../../server/src/figures/figurePipelines.ts';
import { openTestDatabase, type TestDatabase } from './connect.ts';

/**
 * The network figures' pipelines on raw documents, edge cases included (fields missing rather than null,
 * no history, no attendance): the stand-in must group exactly as MongoDB does. Run it on a replica set with
 * MONGODB_URI=… to check the reference.
 */
const today = new Date('2026-12-06T10:00:00Z');
const day = (iso: string) => new Date(`${iso}T09:30:00Z`);
const period = { start: day('2026-01-01'), end: day('2026-12-07') };

let database: TestDatabase;
let groups: Record<string, { _id: { row: string; column: string }; count: number }[]>;

beforeAll(async () => {
  database = await openTestDatabase('figures');
  const [a, b, c, d, e, f, g] = Array.from({ length: 7 }, () => new ObjectId());
  await database.db.collection('families').insertMany([
    // Due 2027-03-01: screened 2026-06-10 (week 14 ends 2026-08-31: T1), pregnant today.
    {
      _id: a,
      stratum: 'complex',
      dueDate: day('2027-03-01'),
      birthDate: null,
      screening: { at: day('2026-06-10') },
      closure: null,
    },
    // No birthDate field at all, screened in week 20 (T2).
    { _id: b, stratum: 'complex', dueDate: day('2027-01-10'), screening: { at: day('2026-08-20') } },
    // Born 2026-11-20 (postnatal today), screened after birth.
    {
      _id: c,
      stratum: 'lowRisk',
      dueDate: day('2026-11-25'),
      birthDate: day('2026-11-20'),
      screening: { at: day('2026-11-28') },
    },
    // Born 2026-03-01 (early childhood), screened in week 30 (T3), no screening field shape surprises.
    {
      _id: d,
      stratum: 'danger',
      dueDate: day('2026-03-01'),
      birthDate: day('2026-03-01'),
      screening: { at: day('2025-12-10') },
    },
    // No dates at all, screened: placed nowhere in the pregnancy.
    { _id: e, stratum: 'specific', screening: { at: day('2026-05-01') } },
    // Screened twice: the latest is `screening`, the first (in T1) is in the dated series.
    {
      _id: g,
      stratum: 'refusal',
      dueDate: day('2027-03-01'),
      birthDate: null,
      screening: { at: day('2026-08-20') },
      screenings: [{ at: day('2026-08-20') }, { at: day('2026-06-10') }],
      closure: null,
    },
    // Not screened (no screening field), closed: left out of the open-file tables.
    { _id: f, stratum: 'specific', dueDate: day('2027-02-01'), closure: { kind: 'left' } },
  ]);
  await database.db.collection('referrals').insertMany([
    // Taken in charge 3 days after it was made.
    {
      familyId: a,
      status: 'takenInCharge',
      createdAt: day('2026-10-01'),
      lastUpdateAt: day('2026-10-04'),
      history: [
        { to: 'proposed', at: day('2026-10-01') },
        { to: 'takenInCharge', at: day('2026-10-04') },
      ],
    },
    // Declined with no history recorded: its last update dates the outcome (20 days).
    { familyId: b, status: 'declined', createdAt: day('2026-09-01'), lastUpdateAt: day('2026-09-21') },
    // Still proposed since 2026-10-20: 47 days to today.
    {
      familyId: b,
      status: 'agreed',
      createdAt: day('2026-10-20'),
      lastUpdateAt: day('2026-10-20'),
      history: [],
    },
    // Before the period.
    { familyId: a, status: 'noAnswer', createdAt: day('2025-06-01'), lastUpdateAt: day('2025-06-02') },
    // The closed family's referral in the period still counts.
    {
      familyId: f,
      status: 'contactMade',
      createdAt: day('2026-11-01'),
      lastUpdateAt: day('2026-11-30'),
      history: [{ to: 'contactMade', at: day('2026-11-30') }],
    },
  ]);
  await database.db.collection('concertations').insertMany([
    {
      familyId: a,
      status: 'closed',
      closedAt: day('2026-11-02'),
      attendance: [
        { participantKind: 'professional', status: 'present', mode: 'onSite' },
        { participantKind: 'familyMember', status: 'present', mode: 'remote' },
      ],
    },
    {
      familyId: a,
      status: 'closed',
      closedAt: day('2026-11-09'),
      attendance: [
        { participantKind: 'familyMember', status: 'present', mode: 'remote' },
        { participantKind: 'familyMember', status: 'present', mode: 'onSite' },
      ],
    },
    // No attendance recorded; professionals only; a meeting not held; one before the period.
    { familyId: b, status: 'closed', closedAt: day('2026-10-01') },
    {
      familyId: c,
      status: 'closed',
      closedAt: day('2026-10-02'),
      attendance: [{ participantKind: 'professional', status: 'present', mode: 'onSite' }],
    },
    { familyId: c, status: 'scheduled', closedAt: null, attendance: [] },
    {
      familyId: c,
      status: 'closed',
      closedAt: day('2025-10-02'),
      attendance: [{ participantKind: 'familyMember', status: 'present', mode: 'onSite' }],
    },
  ]);
  const contact = (familyId: ObjectId | undefined, kind: string, date: string) => ({
    familyId,
    kind,
    date: day(date),
  });
  await database.db.collection('contacts').insertMany([
    contact(a, 'homeVisit', '2026-10-01'),
    contact(a, 'homeVisit', '2026-11-01'),
    contact(a, 'phone', '2026-11-02'),
    contact(b, 'homeVisit', '2026-09-15'),
    // Born 2026-03-01: before the birth, 31 days after it (postnatal), then in early childhood.
    ...['2026-02-01', '2026-04-01', '2026-06-01', '2026-08-01'].map((date) => contact(d, 'homeVisit', date)),
    // Before the period: neither a contact nor a visit of it.
    contact(d, 'homeVisit', '2025-11-01'),
    contact(e, 'consultation', '2026-05-02'),
    // The closed file's visit is a contact of the period, but the file is not in the home-visit table.
    contact(f, 'homeVisit', '2026-07-01'),
    // On the day of the birth: already postnatal.
    contact(c, 'accompaniment', '2026-11-20'),
  ]);
  const [result] = await database.db
    .collection('families')
    .aggregate([
      { $match: {} },
      {
        $facet: figureFacets(
          { referrals: 'referrals', concertations: 'concertations', contacts: 'contacts' },
          period,
          today,
        ),
      },
    ])
    .toArray();
  groups = result as typeof groups;
});

afterAll(async () => {
  await database.close();
});

const counted = (key: string) =>
  Object.fromEntries(
    groups[key]!.map((group) => [`${group._id.row}/${group._id.column}`, group.count] as const).sort(
      ([first], [second]) => first.localeCompare(second),
    ),
  );

describe('MongoDB conformance: the network figures pipelines', () => {
  it('places each open file by the trimester of its screening', () => {
    expect(counted('screening')).toEqual({
      'afterBirth/families': 1,
      'firstTrimester/families': 2,
      'screenedWithoutDates/families': 1,
      'secondTrimester/families': 1,
      'thirdTrimester/families': 1,
    });
  });

  it('counts open files by stratum and phase', () => {
    expect(counted('caseLoad')).toEqual({
      'complex/prenatal': 2,
      'danger/earlyChildhood': 1,
      'lowRisk/postnatal': 1,
      'refusal/prenatal': 1,
      'specific/prenatal': 1,
    });
  });

  it('counts referrals of the period by outcome and delay', () => {
    expect(counted('referrals')).toEqual({
      'contactMade/withinMonth': 1,
      'declined/withinMonth': 1,
      'open/overMonth': 1,
      'takenInCharge/withinWeek': 1,
    });
  });

  it("counts contacts of the period by kind and the family's phase that day, and open files by their home visits", () => {
    // No birth date (null, missing or no dates at all) is pregnancy.
    expect(counted('contacts')).toEqual({
      'accompaniment/postnatal': 1,
      'consultation/prenatal': 1,
      'homeVisit/earlyChildhood': 2,
      'homeVisit/postnatal': 1,
      'homeVisit/prenatal': 5,
      'phone/prenatal': 1,
    });
    expect(counted('homeVisits')).toEqual({
      'fourOrMore/families': 1,
      'none/families': 3,
      'one/families': 1,
      'twoOrThree/families': 1,
    });
  });

  it("counts concertations held in the period by the family's presence", () => {
    expect(counted('concertations')).toEqual({
      'familyAbsent/concertations': 2,
      'familyOnSite/concertations': 1,
      'familyRemote/concertations': 1,
    });
  });
});
