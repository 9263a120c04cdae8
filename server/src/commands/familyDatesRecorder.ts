import { familyDateIssues } from '@concerto/shared';
import { HttpError } from '../http/errors.ts';

/** A family's two dates as stored. */
export interface FamilyDates {
  dueDate: Date | null;
  birthDate: Date | null;
}

/**
 * The dates a file will hold after a change, refused with a 400 naming each field when they cannot both be
 * right (a birth in the future, a due date 20 months after the birth...). `undefined` keeps a stored date.
 */
export function recordableFamilyDates(
  stored: FamilyDates,
  change: { dueDate?: string | null; birthDate?: string | null },
  today = new Date(),
): FamilyDates {
  const next: FamilyDates = {
    dueDate: change.dueDate === undefined ? stored.dueDate : change.dueDate ? new Date(change.dueDate) : null,
    birthDate:
      change.birthDate === undefined
        ? stored.birthDate
        : change.birthDate
          ? new Date(change.birthDate)
          : null,
  };
  const issues = familyDateIssues(next, today);
  if (issues.length) {
    const details = issues.map(({ path, message }) => ({ path, message }));
    const summary = details.map((detail) => `${detail.path}: ${detail.message}`).join('; ');
    throw new HttpError(400, 'invalid_request', `Inconsistent dates: ${summary}.`, details);
  }
  return next;
}
