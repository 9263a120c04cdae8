import { closingDue, secondBirthday } from './closing.ts';
import { computePhase, daysBetween } from './phase.ts';

/** Moments where ruptures happen, computed from dates (an i18n key suffix each). */
export type KeyMomentKind =
  | 'thirdTrimesterWithoutMaternityLiaison'
  | 'birthExpectedSoon'
  | 'returnHome'
  | 'coordinatorTermEnding'
  | 'noReferent'
  | 'endOfThousandDays';

/** One key moment of one family, with the number of days it concerns (until birth, since birth, until the term ends). */
export interface KeyMoment {
  kind: KeyMomentKind;
  days: number | null;
}

/** What the key-moment watch looks at for one family. */
export interface KeyMomentInput {
  dueDate: Date | null;
  birthDate: Date | null;
  maternityLiaisonRecorded: boolean;
  hasReferent: boolean;
  /** The current coordinator's expected end, and whether a successor was already named. */
  coordinatorTerm: { expectedEnd: Date | null; successorNamed: boolean } | null;
  /** The review date of the latest extension of the follow-up past day 1000, if any. */
  followUpExtendedUntil?: Date | null;
}

/** Windows of the watch. */
export const keyMomentWindows = { birthWithinDays: 28, returnHomeDays: 14, termEndingWithinDays: 30 };

/**
 * The key moments of a family on `today`: third trimester without a maternity liaison, birth expected within
 * four weeks, the return home after birth, a coordinator's term ending within 30 days without a hand-over,
 * no referent, and the end of the 1000 days (close or extend; days since the second birthday). Each appears
 * only from the date it applies.
 */
export function keyMomentsFor(input: KeyMomentInput, today: Date): KeyMoment[] {
  const moments: KeyMoment[] = [];
  const phase = computePhase({ dueDate: input.dueDate, birthDate: input.birthDate }, today);
  if (phase?.phase === 'prenatalT3' && !input.maternityLiaisonRecorded)
    moments.push({ kind: 'thirdTrimesterWithoutMaternityLiaison', days: null });
  if (!input.birthDate && input.dueDate) {
    const untilBirth = daysBetween(today, input.dueDate);
    if (untilBirth <= keyMomentWindows.birthWithinDays && untilBirth >= -14)
      moments.push({ kind: 'birthExpectedSoon', days: untilBirth });
  }
  if (input.birthDate) {
    const sinceBirth = daysBetween(input.birthDate, today);
    if (sinceBirth >= 0 && sinceBirth <= keyMomentWindows.returnHomeDays)
      moments.push({ kind: 'returnHome', days: sinceBirth });
  }
  const term = input.coordinatorTerm;
  if (term?.expectedEnd && !term.successorNamed) {
    const untilEnd = daysBetween(today, term.expectedEnd);
    if (untilEnd <= keyMomentWindows.termEndingWithinDays)
      moments.push({ kind: 'coordinatorTermEnding', days: untilEnd });
  }
  if (!input.hasReferent && (phase === null || phase.phase !== 'completed'))
    moments.push({ kind: 'noReferent', days: null });
  const dates = { dueDate: input.dueDate, birthDate: input.birthDate };
  if (closingDue({ ...dates, extendedUntil: input.followUpExtendedUntil ?? null, closed: false }, today))
    moments.push({ kind: 'endOfThousandDays', days: daysBetween(secondBirthday(dates)!, today) });
  return moments;
}
