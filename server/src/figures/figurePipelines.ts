import { daysOfPregnancyFromLastPeriod, postnatalDays } from '@concerto/shared';

/**
 * The aggregation stages behind the network figures. Each table is one `$facet` branch over the families
 * of a scope, grouped to `{ _id: { row, column }, count }`: the database counts, the server never loads a
 * family to count it. Written for MongoDB (5.0+) semantics; the stand-in runs the same stages
 * (`tests/integration/conformance/figures.test.ts`).
 */

/** A stage or expression of an aggregation pipeline. */
export type Stage = Record<string, unknown>;

/** The period of the events counted: from its first day to the day after its last (exclusive). */
export interface Period {
  start: Date;
  end: Date;
}

// A missing field and null are the same to $ifNull; plain comparisons with null treat them differently.
const valueOrNull = (path: string) => ({ $ifNull: [path, null] });
const daysFromTo = (startDate: unknown, endDate: unknown) => ({
  $dateDiff: { startDate, endDate, unit: 'day' },
});

const openReferralStatuses = ['proposed', 'agreed'];
// Days before the due date at which the second and third trimesters start (weeks 14 and 28).
const daysLeftAtSecondTrimester = daysOfPregnancyFromLastPeriod - 14 * 7;
const daysLeftAtThirdTrimester = daysOfPregnancyFromLastPeriod - 28 * 7;

/** Counts of a `$facet` branch by `row` and `column` (one column: `column` is the constant given). */
const countBy = (row: unknown, column: unknown): Stage[] => [
  { $group: { _id: { row, column }, count: { $sum: 1 } } },
];

/**
 * When the family was first screened, by the trimester then (the due date, else the birth, dates it). The
 * dated series of screenings gives the first; a file from before the series has only its one screening.
 */
function screeningTiming(): Stage {
  const firstScreening = { $ifNull: [{ $min: '$screenings.at' }, valueOrNull('$screening.at')] };
  return {
    $let: {
      vars: { at: firstScreening, due: { $ifNull: ['$dueDate', valueOrNull('$birthDate')] } },
      in: {
        $switch: {
          branches: [
            { case: { $eq: ['$$at', null] }, then: 'notScreened' },
            {
              case: { $and: [{ $ne: [valueOrNull('$birthDate'), null] }, { $gte: ['$$at', '$birthDate'] }] },
              then: 'afterBirth',
            },
            { case: { $eq: ['$$due', null] }, then: 'screenedWithoutDates' },
            {
              case: { $gt: [daysFromTo('$$at', '$$due'), daysLeftAtSecondTrimester] },
              then: 'firstTrimester',
            },
            {
              case: { $gt: [daysFromTo('$$at', '$$due'), daysLeftAtThirdTrimester] },
              then: 'secondTrimester',
            },
          ],
          default: 'thirdTrimester',
        },
      },
    },
  };
}

/** The phase of the 1000 days on the day `at`, for a birth date `birthDate` (null: not born yet). */
function phaseAt(birthDate: unknown, at: unknown): Stage {
  return {
    $switch: {
      branches: [
        { case: { $eq: [birthDate, null] }, then: 'prenatal' },
        { case: { $gt: [birthDate, at] }, then: 'prenatal' },
        { case: { $lt: [daysFromTo(birthDate, at), postnatalDays] }, then: 'postnatal' },
      ],
      default: 'earlyChildhood',
    },
  };
}

/** A referral's outcome, and days from its creation to the first step past "agreed" (open: to today). */
function referralOutcomeAndDelay(today: Date): Stage {
  const ended = {
    $arrayElemAt: [
      {
        $filter: {
          input: { $ifNull: ['$history', []] },
          as: 'step',
          cond: { $not: [{ $in: ['$$step.to', openReferralStatuses] }] },
        },
      },
      0,
    ],
  };
  const open = { $in: ['$status', openReferralStatuses] };
  return {
    row: { $cond: [open, 'open', '$status'] },
    days: {
      $let: {
        vars: { ended },
        in: daysFromTo('$createdAt', { $cond: [open, today, { $ifNull: ['$$ended.at', '$lastUpdateAt'] }] }),
      },
    },
  };
}

/** The bucket of a number of days held in `$days`. */
const delayBucket = {
  $switch: {
    branches: [
      { case: { $lte: ['$days', 7] }, then: 'withinWeek' },
      { case: { $lte: ['$days', 30] }, then: 'withinMonth' },
    ],
    default: 'overMonth',
  },
};

/** Whether a family member was present at a held concertation: on site first, then remotely. */
const familyPresence: Stage = {
  $let: {
    vars: {
      present: {
        $filter: {
          input: { $ifNull: ['$attendance', []] },
          as: 'entry',
          cond: {
            $and: [
              { $eq: ['$$entry.participantKind', 'familyMember'] },
              { $eq: ['$$entry.status', 'present'] },
            ],
          },
        },
      },
    },
    in: {
      $switch: {
        branches: [
          { case: { $in: ['onSite', { $ifNull: ['$$present.mode', []] }] }, then: 'familyOnSite' },
          { case: { $gt: [{ $size: '$$present' }, 0] }, then: 'familyRemote' },
        ],
        default: 'familyAbsent',
      },
    },
  },
};

/**
 * Joins a family's records of `collection` that match `match` (period, status), projected by `project`;
 * the projection may read the family's birth date as `$$birthDate` (null when not born yet).
 */
function joinRecords(collection: string, match: Stage, project: Stage): Stage {
  return {
    $lookup: {
      from: collection,
      let: { familyId: '$_id', birthDate: valueOrNull('$birthDate') },
      pipeline: [
        { $match: { $expr: { $eq: ['$familyId', '$$familyId'] } } },
        { $match: match },
        { $project: { _id: 0, ...project } },
      ],
      as: 'records',
    },
  };
}

/** The bucket of a number of home visits held in `$visits`. */
const homeVisitBucket = {
  $switch: {
    branches: [
      { case: { $eq: ['$visits', 0] }, then: 'none' },
      { case: { $eq: ['$visits', 1] }, then: 'one' },
      { case: { $lte: ['$visits', 3] }, then: 'twoOrThree' },
    ],
    default: 'fourOrMore',
  },
};

/** Collection names the figures read besides the families. */
export interface FigureCollections {
  referrals: string;
  concertations: string;
  contacts: string;
}

/**
 * The `$facet` of every table: open files by screening timing and by stratum and phase; referrals made in
 * the period by outcome and delay; concertations held in the period by the family's presence; contacts of
 * the period by kind and the family's phase on that day; open files by their number of home visits in the
 * period.
 */
export function figureFacets(collections: FigureCollections, period: Period, today: Date): Stage {
  const openFiles = { $match: { closure: null } };
  const inPeriod = { $gte: period.start, $lt: period.end };
  const referral = referralOutcomeAndDelay(today);
  return {
    screening: [openFiles, ...countBy(screeningTiming(), 'families')],
    caseLoad: [openFiles, ...countBy('$stratum', phaseAt(valueOrNull('$birthDate'), today))],
    referrals: [
      joinRecords(collections.referrals, { createdAt: inPeriod }, { row: referral.row, days: referral.days }),
      { $unwind: '$records' },
      { $replaceWith: '$records' },
      ...countBy('$row', delayBucket),
    ],
    concertations: [
      joinRecords(
        collections.concertations,
        { status: 'closed', closedAt: inPeriod },
        { row: familyPresence },
      ),
      { $unwind: '$records' },
      ...countBy('$records.row', 'concertations'),
    ],
    contacts: [
      joinRecords(
        collections.contacts,
        { date: inPeriod },
        { row: '$kind', column: phaseAt('$$birthDate', '$date') },
      ),
      { $unwind: '$records' },
      ...countBy('$records.row', '$records.column'),
    ],
    homeVisits: [
      openFiles,
      joinRecords(collections.contacts, { kind: 'homeVisit', date: inPeriod }, { kind: 1 }),
      { $project: { visits: { $size: '$records' } } },
      ...countBy(homeVisitBucket, 'families'),
    ],
  };
}
