import { computePhase, daysBetween, addDays, daysFromBirthToSecondBirthday } from './phase.ts';
import { normalizeSearchText } from './directory.ts';

/** How a file ends: closed at the end of the 1000 days, or the family left the programme. */
export const fileEndKinds = ['closed', 'left'] as const;
/** One way a file ends. */
export type FileEndKind = (typeof fileEndKinds)[number];

/** Retention after closing when `CONCERTO_RETENTION_DAYS` is not set: one year, then the file is purged. */
export const defaultRetentionDays = 365;

/** What the end-of-1000-days question looks at for one file. */
export interface ClosingInput {
  dueDate: Date | null;
  birthDate: Date | null;
  /** The review date of the latest extension of the follow-up, if any. */
  extendedUntil: Date | null;
  closed: boolean;
}

/**
 * Whether the coordinator must now choose between closing the file and extending the follow-up: the child
 * turned two (the phase rule says "completed") and no extension runs past today.
 */
export function closingDue(input: ClosingInput, today: Date): boolean {
  if (input.closed) return false;
  const phase = computePhase({ dueDate: input.dueDate, birthDate: input.birthDate }, today);
  if (phase?.phase !== 'completed') return false;
  return !input.extendedUntil || daysBetween(today, input.extendedUntil) <= 0;
}

/** Whether the 1000 days are over on `today` (closing and extending are offered from then on). */
export function thousandDaysOver(
  dates: { dueDate: Date | null; birthDate: Date | null },
  today: Date,
): boolean {
  return computePhase(dates, today)?.phase === 'completed';
}

/** The child's second birthday, or null while no birth is recorded (the phase rule then stays prenatal). */
export function secondBirthday(dates: { dueDate: Date | null; birthDate: Date | null }): Date | null {
  return dates.birthDate ? addDays(dates.birthDate, daysFromBirthToSecondBirthday) : null;
}

/** The day a closed file is purged: its closing date plus the retention period. */
export function purgeDateOf(closedAt: Date, retentionDays: number): Date {
  return addDays(closedAt, retentionDays);
}

const generalPractitionerTitles = [
  'medecin generaliste',
  'medecin traitant',
  'huisarts',
  'general practitioner',
];

/** Whether a job title names a general practitioner (in fr, nl or en, accents and case aside). */
export function namesGeneralPractitioner(profession: string | null | undefined): boolean {
  const title = normalizeSearchText(profession ?? '');
  return generalPractitionerTitles.some((words) => title.includes(words));
}
