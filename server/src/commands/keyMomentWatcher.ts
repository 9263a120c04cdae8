import mongoose from 'mongoose';
import {
  keyMomentDateIssue,
  keyMomentDateMessages,
  mayLoadCategory,
  medicalMomentKinds,
  watchedMomentsFor,
  type KeyMomentKind,
  type MomentOutcome,
  type MomentRecordFacts,
  type RecordableMomentKind,
  type WatchInput,
} from '@concerto/shared';
import { invalidField } from '../http/errors.ts';
import { KeyMomentRecordModel } from '../models/keyMomentRecord.ts';
import { ReferralModel } from '../models/referral.ts';
import type { OpenedFamily } from '../policies/familyAccess.ts';

type Family = OpenedFamily['family'];

/** The first BIB screening of a file (the watch asks whether, and since when, the family was screened). */
export function screenedAt(family: Pick<Family, 'screening' | 'screenings'>): Date | null {
  const dates = family.screenings.map((screening) => screening.at.getTime());
  // Files screened before the series was kept have only their latest screening.
  return dates.length ? new Date(Math.min(...dates)) : (family.screening?.at ?? null);
}

/** Families among `familyIds` with a referral to a maternity that reached contact. */
export async function maternityContacts(familyIds: mongoose.Types.ObjectId[]): Promise<Set<string>> {
  const found = await ReferralModel.distinct('familyId', {
    familyId: mongoose.trusted({ $in: familyIds }),
    entryKind: 'maternity',
    status: mongoose.trusted({ $in: ['contactMade', 'takenInCharge'] }),
  });
  return new Set(found.map(String));
}

/** The recorded moments of each family, oldest first, without their notes (the watch needs none). */
export async function momentRecordsOf(
  familyIds: mongoose.Types.ObjectId[],
): Promise<Map<string, MomentRecordFacts[]>> {
  const records = await KeyMomentRecordModel.find(
    { familyId: mongoose.trusted({ $in: familyIds }) },
    { familyId: 1, kind: 1, outcome: 1, at: 1 },
  )
    .sort({ recordedAt: 1, _id: 1 })
    .lean();
  const byFamily = new Map<string, MomentRecordFacts[]>();
  for (const record of records) {
    const list = byFamily.get(String(record.familyId)) ?? [];
    list.push({ kind: record.kind, outcome: record.outcome, at: record.at });
    byFamily.set(String(record.familyId), list);
  }
  return byFamily;
}

/** What the watch reads of one family. */
export function watchInputOf(
  family: Pick<Family, 'dueDate' | 'birthDate' | 'screening' | 'screenings'>,
  records: readonly MomentRecordFacts[],
  maternityReferralContact: boolean,
): WatchInput {
  return {
    dueDate: family.dueDate ?? null,
    birthDate: family.birthDate ?? null,
    screenedAt: screenedAt(family),
    maternityReferralContact,
    records,
  };
}

/** The latest record of one moment, as the timeline names it. */
export interface LatestRecord {
  note: string | null;
  recordedBy: string;
  recordedAt: Date;
}

/**
 * The family's timeline for the caller (the route lets only the team read it): every watched moment, and
 * the latest record of each with its author. Notes of medical moments leave the database only for Role A.
 */
export async function readTimeline(opened: OpenedFamily, today = new Date()) {
  const familyId = opened.family._id;
  const medicalNotes = mayLoadCategory(opened.actor, opened.scope, 'medical');
  const [records, contacts, notes] = await Promise.all([
    KeyMomentRecordModel.find({ familyId }, { note: 0 }).sort({ recordedAt: 1, _id: 1 }).lean(),
    maternityContacts([familyId]),
    KeyMomentRecordModel.find(
      {
        familyId,
        note: mongoose.trusted({ $ne: null }),
        ...(medicalNotes ? {} : { kind: mongoose.trusted({ $nin: [...medicalMomentKinds] as never[] }) }),
      },
      { note: 1 },
    ).lean(),
  ]);
  const noteOf = new Map(notes.map((record) => [String(record._id), record.note ?? null]));
  const latest = new Map<string, LatestRecord>();
  for (const record of records)
    latest.set(record.kind, {
      note: noteOf.get(String(record._id)) ?? null,
      recordedBy: String(record.recordedBy),
      recordedAt: record.recordedAt,
    });
  const facts = records.map(({ kind, outcome, at }) => ({ kind, outcome, at }));
  const input = watchInputOf(opened.family, facts, contacts.has(String(familyId)));
  return { moments: watchedMomentsFor(input, today), latest };
}

/**
 * Records a moment as done on `at` (or not applicable); 400 when the day cannot be right (see
 * `keyMomentDateIssue`). A correction is a new record: the latest of a kind counts.
 */
export async function recordKeyMoment(
  opened: OpenedFamily,
  body: { kind: RecordableMomentKind; outcome: MomentOutcome; at: string; note?: string },
  recordedBy: string,
  now = new Date(),
): Promise<void> {
  const at = new Date(`${body.at}T00:00:00Z`);
  const issue = keyMomentDateIssue({ ...body, at }, opened.family.birthDate ?? null, now);
  if (issue) throw invalidField('at', keyMomentDateMessages[issue]);
  await KeyMomentRecordModel.create({
    familyId: opened.family._id,
    kind: body.kind,
    outcome: body.outcome,
    at,
    note: body.note || null,
    recordedBy,
    recordedAt: now,
  });
}

/** Where in the family file each key moment of "my work" is handled. */
export const keyMomentAnchors: Readonly<Record<KeyMomentKind, string>> = {
  unscreenedAfterFirstTrimester: '#screening',
  unscreenedAfterSecondTrimester: '#screening',
  thirdTrimesterWithoutMaternityLiaison: '#keyMoments',
  birthExpectedSoon: '',
  birthNotice: '#keyMoments',
  dischargeNotRecorded: '#keyMoments',
  returnHome: '#keyMoments',
  postpartumDepressionScreening: '#keyMoments',
  sixWeekVisit: '#keyMoments',
  contraceptionTalk: '#keyMoments',
  childcareEntry: '#keyMoments',
  returnToWork: '#keyMoments',
  coordinatorTermEnding: '#functions',
  noReferent: '#functions',
  endOfThousandDays: '#closing',
};
