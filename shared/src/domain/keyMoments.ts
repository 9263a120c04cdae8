import { closingDue, secondBirthday } from './closing.ts';
import { watchAlertsFor } from './keyMomentAlerts.ts';
import type { MaternityLiaisonKind, MomentRecordFacts } from './keyMomentWatch.ts';
import { computePhase, daysBetween } from './phase.ts';

/** Moments where ruptures happen, computed from dates (an i18n key suffix each). */
export type KeyMomentKind =
  | 'unscreenedAfterFirstTrimester'
  | 'unscreenedAfterSecondTrimester'
  | 'thirdTrimesterWithoutMaternityLiaison'
  | 'birthExpectedSoon'
  | 'birthNotice'
  | 'dischargeNotRecorded'
  | 'returnHome'
  | 'postpartumDepressionScreening'
  | 'sixWeekVisit'
  | 'contraceptionTalk'
  | 'childcareEntry'
  | 'returnToWork'
  | 'coordinatorTermEnding'
  | 'noReferent'
  | 'endOfThousandDays';

/**
 * One key moment of one family, with the number of days it concerns (until birth, since birth, until the
 * term ends, until a watched moment is due) and, for the maternity liaison, what is still to record.
 */
export interface KeyMoment {
  kind: KeyMomentKind;
  days: number | null;
  missing?: MaternityLiaisonKind[];
}

/** What the key-moment watch looks at for one family. */
export interface KeyMomentInput {
  dueDate: Date | null;
  birthDate: Date | null;
  /** A referral to a maternity reached contact (the maternity is then chosen). */
  maternityLiaisonRecorded: boolean;
  /** The first BIB screening, if any. */
  screenedAt?: Date | null;
  /** The moments recorded on the family's timeline, oldest first. */
  records?: readonly MomentRecordFacts[];
  hasReferent: boolean;
  /** The current coordinator's expected end, and whether a successor was already named. */
  coordinatorTerm: { expectedEnd: Date | null; successorNamed: boolean } | null;
  /** The review date of the latest extension of the follow-up past day 1000, if any. */
  followUpExtendedUntil?: Date | null;
}

/** Windows of the watch. */
export const keyMomentWindows = { birthWithinDays: 28, termEndingWithinDays: 30 };

/**
 * The key moments of a family on `today`: the rupture watch (unscreened at the end of T1 or T2, the T3
 * maternity liaison, the birth notice, the discharge and return home, the post-partum moments, childcare
 * and return to work; see keyMomentAlerts.ts), birth expected within four weeks, a coordinator's term
 * ending within 30 days without a hand-over, no referent, and the end of the 1000 days (close or extend;
 * days since the second birthday). Each appears only from the date it applies.
 */
export function keyMomentsFor(input: KeyMomentInput, today: Date): KeyMoment[] {
  const phase = computePhase({ dueDate: input.dueDate, birthDate: input.birthDate }, today);
  const watch = {
    dueDate: input.dueDate,
    birthDate: input.birthDate,
    screenedAt: input.screenedAt ?? null,
    maternityReferralContact: input.maternityLiaisonRecorded,
    records: input.records ?? [],
  };
  const moments: KeyMoment[] = watchAlertsFor(watch, today);
  if (!input.birthDate && input.dueDate) {
    const untilBirth = daysBetween(today, input.dueDate);
    if (untilBirth <= keyMomentWindows.birthWithinDays && untilBirth >= -14)
      moments.push({ kind: 'birthExpectedSoon', days: untilBirth });
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
