import { daysBetween } from './phase.ts';

/** The first assessment of a family, then each re-assessment (seed 004: « une réévaluation régulière »). */
export const assessmentKinds = ['initial', 'review'] as const;
/** Whether an assessment is the family's first or a re-assessment. */
export type AssessmentKind = (typeof assessmentKinds)[number];

/** Where the assessment took place (seed 004, line 404: at home, in consultation, at the hospital...). */
export const assessmentSettings = ['home', 'consultation', 'hospital', 'phone', 'other'] as const;
/** One place of assessment. */
export type AssessmentSetting = (typeof assessmentSettings)[number];

/** How a vulnerability evolves (seed 004, line 226: « atténuées, compensées ou renforcées »). */
export const indicatorStatuses = ['active', 'attenuated', 'resolved'] as const;
/** The status of one indicator. */
export type IndicatorStatus = (typeof indicatorStatuses)[number];

/** "Mon travail" reminds of a re-assessment from this many days before its date. */
export const reviewReminderDays = 7;

/** Where a family's next re-assessment stands on `today`: not planned, planned, soon due or overdue. */
export function reviewStateOf(
  nextReviewDate: Date | null,
  today: Date,
): { state: 'none' } | { state: 'planned' | 'due' | 'overdue'; days: number } {
  if (!nextReviewDate) return { state: 'none' };
  const days = daysBetween(today, nextReviewDate);
  if (days < 0) return { state: 'overdue', days };
  return { state: days <= reviewReminderDays ? 'due' : 'planned', days };
}
