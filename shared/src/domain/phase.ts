/** Days from conception to birth used by the programme's "1000 days" count (38 weeks). */
export const daysFromConceptionToBirth = 266;
/** Days from the last menstrual period to the due date (40 weeks), which trimesters are counted from. */
export const daysOfPregnancyFromLastPeriod = 280;
/** The postnatal phase lasts about six weeks after birth. */
export const postnatalDays = 42;
/** The 1000 days end at the child's second birthday. */
export const daysFromBirthToSecondBirthday = 730;

/** A phase of the 1000 days: the three trimesters, postnatal, early childhood, or past the second birthday. */
export type Phase = 'prenatalT1' | 'prenatalT2' | 'prenatalT3' | 'postnatal' | 'earlyChildhood' | 'completed';

/** All phases, in order. */
export const phases: readonly Phase[] = [
  'prenatalT1',
  'prenatalT2',
  'prenatalT3',
  'postnatal',
  'earlyChildhood',
  'completed',
];

/** Where a family stands in the 1000 days: its phase and the day number (1 to 1000), or null without dates. */
export interface PhaseInfo {
  phase: Phase;
  /** Day N of 1000, counted from conception; 1000 at and after the second birthday. */
  dayOf1000: number;
  /** Weeks of amenorrhoea (gestational age) while pregnant, otherwise null. */
  gestationalWeeks: number | null;
}

const millisecondsPerDay = 24 * 60 * 60 * 1000;

/** Whole days from `from` to `to`, counted on calendar dates in UTC (time of day ignored). */
export function daysBetween(from: Date, to: Date): number {
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  const end = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate());
  return Math.round((end - start) / millisecondsPerDay);
}

/** Adds whole days to a date. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * millisecondsPerDay);
}

/**
 * The one phase computation used by server and client. A known birth date wins over the due date;
 * before birth, trimesters follow the due date (T1 to week 13, T2 to week 27, T3 after).
 */
export function computePhase(
  dates: { dueDate?: Date | null; birthDate?: Date | null },
  today: Date,
): PhaseInfo | null {
  const { dueDate, birthDate } = dates;
  const reference = birthDate ?? dueDate;
  if (!reference) return null;
  // Once the child is born the count follows the real birth, however early or late it came.
  const conception = addDays(reference, -daysFromConceptionToBirth);
  const dayOf1000 = Math.min(1000, Math.max(1, daysBetween(conception, today) + 1));

  if (birthDate && daysBetween(birthDate, today) >= 0) {
    const daysSinceBirth = daysBetween(birthDate, today);
    const phase: Phase =
      daysSinceBirth < postnatalDays
        ? 'postnatal'
        : daysSinceBirth < daysFromBirthToSecondBirthday
          ? 'earlyChildhood'
          : 'completed';
    return { phase, dayOf1000: phase === 'completed' ? 1000 : dayOf1000, gestationalWeeks: null };
  }
  const expected = dueDate ?? reference;
  const gestationalDays = Math.max(0, daysOfPregnancyFromLastPeriod - daysBetween(today, expected));
  const gestationalWeeks = Math.floor(gestationalDays / 7);
  const phase: Phase =
    gestationalWeeks < 14 ? 'prenatalT1' : gestationalWeeks < 28 ? 'prenatalT2' : 'prenatalT3';
  return { phase, dayOf1000, gestationalWeeks };
}
