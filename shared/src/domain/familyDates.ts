import { addDays, daysBetween, daysOfPregnancyFromLastPeriod } from './phase.ts';

/** Earliest birth the file accepts against its due date: 22 weeks of pregnancy, the limit of viability. */
export const earliestBirthWeeks = 22;
/** Latest birth the file accepts against its due date: 43 weeks of pregnancy (labour is induced by 42). */
export const latestBirthWeeks = 43;

/** One date of the file that cannot be right, with the message the UI translates (`validation.<code>`). */
export interface FamilyDateIssue {
  path: 'dueDate' | 'birthDate';
  code:
    | 'datesRequired'
    | 'birthInFuture'
    | 'dueDateTooFar'
    | 'birthTooEarlyForDueDate'
    | 'birthTooLateForDueDate';
  message: string;
}

/** The English message of each date problem, as the server sends it (the client maps it to its i18n key). */
export const familyDateMessages: Readonly<Record<FamilyDateIssue['code'], string>> = {
  datesRequired: 'give the due date or the birth date',
  birthInFuture: 'the birth date cannot be in the future',
  dueDateTooFar: 'a due date more than 40 weeks ahead means the pregnancy has not started',
  birthTooEarlyForDueDate: `a birth before ${earliestBirthWeeks} weeks of pregnancy does not match the due date`,
  birthTooLateForDueDate: `a birth after ${latestBirthWeeks} weeks of pregnancy does not match the due date`,
};

const issue = (path: FamilyDateIssue['path'], code: FamilyDateIssue['code']): FamilyDateIssue => ({
  path,
  code,
  message: familyDateMessages[code],
});

/**
 * Why a family's due date and birth date cannot both be right on `today`: one of them is needed, a birth is
 * not in the future, a pregnancy has started, and a birth falls between 22 and 43 weeks of the pregnancy the
 * due date describes. Empty when they hold together.
 */
export function familyDateIssues(
  dates: { dueDate?: Date | null; birthDate?: Date | null },
  today: Date,
): FamilyDateIssue[] {
  const { dueDate, birthDate } = dates;
  if (!dueDate && !birthDate) return [issue('dueDate', 'datesRequired')];
  const issues: FamilyDateIssue[] = [];
  if (birthDate && daysBetween(today, birthDate) > 0) issues.push(issue('birthDate', 'birthInFuture'));
  if (dueDate && !birthDate && daysBetween(today, dueDate) > daysOfPregnancyFromLastPeriod) {
    issues.push(issue('dueDate', 'dueDateTooFar'));
  }
  if (dueDate && birthDate) {
    const weeksAtBirth = gestationalDaysAtBirth(dueDate, birthDate) / 7;
    if (weeksAtBirth < earliestBirthWeeks) issues.push(issue('dueDate', 'birthTooEarlyForDueDate'));
    if (weeksAtBirth > latestBirthWeeks) issues.push(issue('dueDate', 'birthTooLateForDueDate'));
  }
  return issues;
}

/** Days of pregnancy (from the last period) on the day of birth, as the due date counts them. */
function gestationalDaysAtBirth(dueDate: Date, birthDate: Date): number {
  return daysBetween(addDays(dueDate, -daysOfPregnancyFromLastPeriod), birthDate);
}
