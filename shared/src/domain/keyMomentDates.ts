import { postnatalMomentKinds, type MomentOutcome, type RecordableMomentKind } from './keyMomentWatch.ts';
import { daysBetween } from './phase.ts';

/** A discharge may be recorded up to two weeks ahead, so that the return home is prepared (seed 004, line 264). */
export const plannedDischargeDays = 14;

/** Why the day of a recorded moment cannot be right (the client maps each to `watch.validation.<code>`). */
export const keyMomentDateMessages = {
  inFuture: 'the day cannot be in the future',
  dischargeTooFar: 'a discharge can be planned at most 14 days ahead',
  birthFirst: 'record the birth date first',
  beforeBirth: 'the day cannot be before the birth',
} as const;

/** One problem with the day of a recorded moment. */
export type KeyMomentDateIssue = keyof typeof keyMomentDateMessages;

/**
 * What is wrong with recording `kind` on `at`, or null: no day in the future (a discharge may be planned two
 * weeks ahead); a moment after the birth, once done, needs the birth recorded and cannot precede it.
 */
export function keyMomentDateIssue(
  record: { kind: RecordableMomentKind; outcome: MomentOutcome; at: Date },
  birthDate: Date | null,
  today: Date,
): KeyMomentDateIssue | null {
  const ahead = daysBetween(today, record.at);
  if (record.kind === 'returnHome' ? ahead > plannedDischargeDays : ahead > 0)
    return record.kind === 'returnHome' ? 'dischargeTooFar' : 'inFuture';
  if (record.outcome !== 'done' || !postnatalMomentKinds.includes(record.kind)) return null;
  if (!birthDate) return 'birthFirst';
  return daysBetween(birthDate, record.at) < 0 ? 'beforeBirth' : null;
}
