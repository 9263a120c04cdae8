import type { FamilyDocument } from '../models/family.ts';
import { calendarDate } from './familyPresenter.ts';
import { csvTable } from './csvTable.ts';
import type { PersonCard } from './people.ts';

/** One funded service of one file, as the organisation's export lists it. */
export interface ServiceLine {
  fileId: string;
  record: FamilyDocument['services'][number];
}

/** Columns of the organisation's export: files by id, never a name, a note or a member. */
export const serviceCsvColumns = [
  'file',
  'service',
  'date',
  'deliveredBy',
  'durationMinutes',
  'places',
  'professionals',
  'familyMembers',
  'others',
  'proofContacts',
  'proofConcertation',
  'scenario',
  'eligibility',
] as const;

/**
 * The funded services of a period as CSV for the funder: who delivered what for which file (by id), its
 * proof (how many contacts, or the meeting), its duration and places, how many people took part, and
 * whether the family's BIB scenario opened it.
 */
export function servicesCsv(lines: readonly ServiceLine[], people: Map<string, PersonCard>): string {
  const name = (id: unknown) => people.get(String(id))?.displayName ?? '—';
  return csvTable(
    serviceCsvColumns,
    lines.map(({ fileId, record }) => [
      fileId,
      record.service,
      calendarDate(record.at) ?? '',
      name(record.deliveredBy),
      record.durationMinutes ?? '',
      (record.places ?? []).join('|'),
      (record.professionalIds ?? []).map(name).join('|'),
      (record.memberIds ?? []).length,
      (record.others ?? []).length,
      (record.contactIds ?? []).length,
      record.concertationId ? String(record.concertationId) : '',
      record.scenario ?? '',
      record.eligibility ?? (record.service === 'screening' ? 'open' : ''),
    ]),
  );
}
