import type { ContactView } from '@concerto/shared';
import { csvTable } from './csvTable.ts';

/** Columns of the funder's contact export: the work done, never the notes or the members' names. */
export const contactCsvColumns = [
  'file',
  'date',
  'kind',
  'place',
  'durationMinutes',
  'professionals',
  'familyMembers',
  'others',
  'interpreter',
  'interpreterLanguage',
] as const;

/**
 * The contacts of one file as CSV for the funder: one line per contact with its date, kind, place category,
 * duration, the professionals by name, how many family members and other people took part, the interpreter.
 */
export function contactsCsv(fileId: string, contacts: readonly ContactView[]): string {
  return csvTable(
    contactCsvColumns,
    contacts.map((contact) => [
      fileId,
      contact.date,
      contact.kind,
      contact.place,
      contact.durationMinutes,
      contact.professionals.map((professional) => professional.displayName).join('|'),
      contact.members.length,
      contact.others.length,
      contact.interpreter ? 'yes' : 'no',
      contact.interpreterLanguage ?? '',
    ]),
  );
}
