import { addDays, daysBetween, daysOfPregnancyFromLastPeriod } from './phase.ts';

/**
 * The rupture watch (seed 004, lines 249-271, 539, 548, 598, 839): the dated moments of the 1000 days that
 * someone must see to, each due at a date computed from the due date or the birth date.
 */

/** Moments a professional records as done (or not applicable) on the family's timeline. */
export const recordableMomentKinds = [
  'maternityChosen',
  'reinforcedFollowUpNotice',
  'postnatalPepsMet',
  'birthNotice',
  'returnHome',
  'postpartumDepressionScreening',
  'sixWeekVisit',
  'contraceptionTalk',
  'childcareEntry',
  'returnToWork',
] as const;
/** A moment recorded on the timeline. */
export type RecordableMomentKind = (typeof recordableMomentKinds)[number];

/** Every watched moment: the screening (done by recording a BIB screening) and the recordable ones. */
export const watchedMomentKinds = ['screening', ...recordableMomentKinds] as const;
/** One watched moment. */
export type WatchedMomentKind = (typeof watchedMomentKinds)[number];

/** The T3 liaison with the maternity (line 839): what clears the third-trimester alert once recorded. */
export const maternityLiaisonKinds = [
  'maternityChosen',
  'reinforcedFollowUpNotice',
  'postnatalPepsMet',
] as const;
/** One fact of the maternity liaison. */
export type MaternityLiaisonKind = (typeof maternityLiaisonKinds)[number];

/** Health acts: recorded by Role A only, and their notes are medical data (never shown to Role B). */
export const medicalMomentKinds: readonly WatchedMomentKind[] = [
  'postpartumDepressionScreening',
  'sixWeekVisit',
  'contraceptionTalk',
];

/** Recorded moments that happen after the birth: their date cannot precede it. */
export const postnatalMomentKinds: readonly RecordableMomentKind[] = [
  'birthNotice',
  'returnHome',
  'postpartumDepressionScreening',
  'sixWeekVisit',
  'childcareEntry',
  'returnToWork',
];

/** How a recorded moment ended: it happened, or it does not concern this family. */
export const momentOutcomes = ['done', 'notApplicable'] as const;
/** One outcome. */
export type MomentOutcome = (typeof momentOutcomes)[number];

/**
 * When a moment is watched, in days from its anchor (the last period, i.e. due date - 280 days, or the
 * birth): shown in "my work" from `showFrom`, due on `due`, dropped from "my work" after `until`
 * (`'endOfPregnancy'`: the birth, or the due date + 14 days while none is recorded).
 */
export interface MomentRule {
  anchor: 'lastPeriod' | 'birth';
  showFrom: number;
  due: number;
  until: number | 'endOfPregnancy';
}

const week = 7;
/** Belgian maternity leave: 15 weeks after the birth, when childcare and work usually start. */
const maternityLeaveDays = 15 * week;

/** The calendar of the watch. */
export const momentRules: Readonly<Record<WatchedMomentKind, MomentRule>> = {
  // The first trimester ends with week 13: unscreened from week 14 on (the second is the catch-up).
  screening: { anchor: 'lastPeriod', showFrom: 14 * week, due: 14 * week, until: 'endOfPregnancy' },
  maternityChosen: { anchor: 'lastPeriod', showFrom: 28 * week, due: 32 * week, until: 'endOfPregnancy' },
  reinforcedFollowUpNotice: {
    anchor: 'lastPeriod',
    showFrom: 28 * week,
    due: 36 * week,
    until: 'endOfPregnancy',
  },
  // The postnatal PEP's joins the last prenatal interview.
  postnatalPepsMet: { anchor: 'lastPeriod', showFrom: 32 * week, due: 36 * week, until: 'endOfPregnancy' },
  // The birth notice leaves the maternity during the stay (2 to 5 days, line 1028).
  birthNotice: { anchor: 'birth', showFrom: 0, due: 5, until: 6 * week },
  returnHome: { anchor: 'birth', showFrom: 0, due: 5, until: 6 * week },
  postpartumDepressionScreening: { anchor: 'birth', showFrom: 2 * week, due: 6 * week, until: 13 * week },
  sixWeekVisit: { anchor: 'birth', showFrom: 4 * week, due: 6 * week, until: 13 * week },
  contraceptionTalk: { anchor: 'birth', showFrom: 0, due: 6 * week, until: 13 * week },
  childcareEntry: {
    anchor: 'birth',
    showFrom: maternityLeaveDays - 4 * week,
    due: maternityLeaveDays,
    until: 26 * week,
  },
  returnToWork: {
    anchor: 'birth',
    showFrom: maternityLeaveDays - 4 * week,
    due: maternityLeaveDays,
    until: 26 * week,
  },
};

/** Where a moment stands on a day ("planned": a discharge recorded ahead of its day). */
export const momentStatuses = [
  'upcoming',
  'due',
  'overdue',
  'missed',
  'planned',
  'done',
  'notApplicable',
] as const;
/** One status of a moment. */
export type MomentStatus = (typeof momentStatuses)[number];

/** One recorded moment as the watch reads it (the latest record of a kind counts). */
export interface MomentRecordFacts {
  kind: RecordableMomentKind;
  outcome: MomentOutcome;
  /** The day it happened (for `returnHome`, the discharge from the maternity). */
  at: Date;
}

/** What the watch reads of one family. */
export interface WatchInput {
  dueDate: Date | null;
  birthDate: Date | null;
  /** The first BIB screening recorded, if any. */
  screenedAt: Date | null;
  /** A referral to a maternity reached contact: the maternity is chosen even if nobody recorded it. */
  maternityReferralContact: boolean;
  records: readonly MomentRecordFacts[];
}

/** One moment of the family's timeline. */
export interface WatchedMoment {
  kind: WatchedMomentKind;
  /** The day it is due (for a recorded return home, the discharge); null without any date in the file. */
  dueDate: Date | null;
  /** True while the date follows from the due date rather than a recorded birth. */
  estimated: boolean;
  status: MomentStatus;
  /** When it happened, once done (unknown when a maternity referral says the maternity is chosen). */
  doneAt: Date | null;
  /** What says it is done: a record on the timeline, the BIB screening, or a maternity referral. */
  doneThrough: 'record' | 'screening' | 'referral' | null;
}

/** The latest record of each kind (records are given in the order they were made). */
export function latestRecords(
  records: readonly MomentRecordFacts[],
): Map<RecordableMomentKind, MomentRecordFacts> {
  const latest = new Map<RecordableMomentKind, MomentRecordFacts>();
  for (const record of records) latest.set(record.kind, record);
  return latest;
}

/** The anchors of a family's dates: the last period and the birth (recorded, or expected). */
function anchorsOf(input: Pick<WatchInput, 'dueDate' | 'birthDate'>) {
  const expectedBirth = input.dueDate ?? input.birthDate;
  if (!expectedBirth) return null;
  return {
    lastPeriod: addDays(expectedBirth, -daysOfPregnancyFromLastPeriod),
    birth: input.birthDate ?? expectedBirth,
    birthRecorded: !!input.birthDate,
    endOfPregnancy: input.birthDate ?? addDays(expectedBirth, 14),
  };
}

/** The status of a moment not yet recorded, from its dates. */
function pendingStatus(today: Date, showFrom: Date, due: Date, until: Date, canBeDue: boolean): MomentStatus {
  if (!canBeDue || daysBetween(showFrom, today) < 0) return 'upcoming';
  if (daysBetween(today, until) < 0) return 'missed';
  return daysBetween(today, due) >= 0 ? 'due' : 'overdue';
}

/**
 * Every watched moment of a family on `today`, in the order of the 1000 days: due dates from the rules,
 * status from the records. Moments after the birth are only ever "upcoming" until the birth is recorded;
 * a recorded discharge becomes the return home's date.
 */
export function watchedMomentsFor(input: WatchInput, today: Date): WatchedMoment[] {
  const anchors = anchorsOf(input);
  const latest = latestRecords(input.records);
  return watchedMomentKinds.map((kind): WatchedMoment => {
    const rule = momentRules[kind];
    const record = kind === 'screening' ? undefined : latest.get(kind);
    const done = doneOf(kind, record, input);
    if (!anchors)
      return {
        kind,
        dueDate: null,
        estimated: false,
        status: done?.status ?? 'upcoming',
        ...doneFacts(done),
      };
    const anchor = rule.anchor === 'birth' ? anchors.birth : anchors.lastPeriod;
    const estimated = rule.anchor === 'birth' && !anchors.birthRecorded;
    // A recorded discharge is the return home's own date.
    const due = kind === 'returnHome' && record?.outcome === 'done' ? record.at : addDays(anchor, rule.due);
    if (done) {
      const planned = done.status === 'done' && done.at && daysBetween(today, done.at) > 0;
      return { kind, dueDate: due, estimated, status: planned ? 'planned' : done.status, ...doneFacts(done) };
    }
    const until = rule.until === 'endOfPregnancy' ? anchors.endOfPregnancy : addDays(anchor, rule.until);
    const status = pendingStatus(today, addDays(anchor, rule.showFrom), due, until, !estimated);
    return { kind, dueDate: due, estimated, status, doneAt: null, doneThrough: null };
  });
}

type Done = {
  status: 'done' | 'notApplicable';
  at: Date | null;
  through: 'record' | 'screening' | 'referral';
};

/** Whether a moment is settled, and by what: its record first, then the facts recorded elsewhere. */
function doneOf(
  kind: WatchedMomentKind,
  record: MomentRecordFacts | undefined,
  input: WatchInput,
): Done | null {
  if (record) return { status: record.outcome, at: record.at, through: 'record' };
  if (kind === 'screening' && input.screenedAt)
    return { status: 'done', at: input.screenedAt, through: 'screening' };
  if (kind === 'maternityChosen' && input.maternityReferralContact)
    return { status: 'done', at: null, through: 'referral' };
  return null;
}

const doneFacts = (done: Done | null) => ({ doneAt: done?.at ?? null, doneThrough: done?.through ?? null });
