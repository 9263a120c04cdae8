import { medicalMomentKinds, type KeyMomentTimeline, type WatchedMoment } from '@concerto/shared';
import type { LatestRecord } from '../commands/keyMomentWatcher.ts';
import type { OpenedFamily } from '../policies/familyAccess.ts';
import { calendarDate } from './familyPresenter.ts';
import { loadPeople, personRef } from './people.ts';

/** Formats the family's timeline; says which moments the caller may record (medical ones: Role A). */
export async function presentTimeline(
  opened: OpenedFamily,
  moments: WatchedMoment[],
  latest: Map<string, LatestRecord>,
): Promise<KeyMomentTimeline> {
  const people = await loadPeople([...latest.values()].map((record) => record.recordedBy));
  const mayRecord = opened.can('family.keyMoments.record');
  const mayRecordMedical = opened.can('family.keyMoments.medical.record');
  return {
    moments: moments.map((moment) => {
      const record = moment.kind === 'screening' ? undefined : latest.get(moment.kind);
      const medical = medicalMomentKinds.includes(moment.kind);
      return {
        kind: moment.kind,
        dueDate: calendarDate(moment.dueDate),
        estimated: moment.estimated,
        status: moment.status,
        doneAt: calendarDate(moment.doneAt),
        doneThrough: moment.doneThrough,
        record: record
          ? {
              note: record.note,
              recordedBy: personRef(people, record.recordedBy),
              recordedAt: record.recordedAt.toISOString(),
            }
          : null,
        // The screening is recorded in its own section (the BIB scenario), not here.
        recordable: moment.kind !== 'screening' && (medical ? mayRecordMedical : mayRecord),
      };
    }),
  };
}
