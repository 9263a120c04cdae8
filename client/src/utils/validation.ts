import { familyDateIssues, familyDateMessages, keyMomentDateMessages } from '@concerto/shared';
import { assessmentValidationMessages } from './assessmentMessages.ts';
/** One problem with one field, as zod reports it on the client or the server sends it in `details`. */
export interface FieldIssue {
  path: string | readonly PropertyKey[];
  message: string;
}

/** Field path (`members.0.displayName`) to the i18n key of its message. */
export type FieldErrors = Record<string, string>;

// The shared zod schemas speak English to developers; the user reads the matching i18n message.
const knownMessages: Record<string, string> = {
  'must be an email address': 'validation.email',
  'is required': 'validation.required',
  'say why in a few words': 'validation.reason',
  'must be the 6-digit code': 'validation.code',
  'must be the 6-digit code of your app or a recovery code': 'validation.secondFactorCode',
  'is not the current code of your app': 'errors.invalid_code',
  'must be the issuer URL of the provider (https://…)': 'validation.issuer',
  'must start with https://': 'validation.issuer',
  'must be a domain such as chu-exemple.be': 'validation.emailDomain',
  'must be at least 12 characters': 'validation.password',
  'is easy to guess: use a longer phrase of unrelated words, without your name or email':
    'validation.passwordWeak',
  'is not your current password': 'validation.currentPasswordWrong',
  'must match the new password': 'validation.passwordMismatch',
  'must be 11 digits': 'validation.inami',
  'is not a valid INAMI number': 'access.validation.inamiCheck',
  'required for Role A (health professional, AR 78)': 'access.validation.inamiRequired',
  'add at least one member': 'validation.atLeastOneMember',
  'must be a date as YYYY-MM-DD': 'validation.date',
  'must be a language code such as fr, nl, ar': 'validation.language',
  'must be a 24-character hexadecimal id': 'validation.invalid',
  'nothing to change': 'validation.nothingToChange',
  'must be today or later': 'validation.notBeforeToday',
  'say in a few words what should change': 'closing.validation.requestText',
  'the family cannot leave on a future date': 'closing.validation.leftInFuture',
  'the family cannot leave before its file was opened': 'closing.validation.leftBeforeOpened',
  'the review date must be after today': 'closing.validation.reviewNotAfterToday',
  'an extension is reviewed within a year': 'closing.validation.reviewTooFar',
  ...assessmentValidationMessages,
  ...Object.fromEntries(
    Object.entries(familyDateMessages).map(([code, message]) => [message, `validation.${code}`]),
  ),
  ...Object.fromEntries(
    Object.entries(keyMomentDateMessages).map(([code, message]) => [message, `watch.validation.${code}`]),
  ),
};

/** The i18n key for a validation message from a zod schema (client) or an `invalid_request` (server). */
export function validationMessageKey(message: string): string {
  if (message.startsWith('validation.')) return message;
  const known = knownMessages[message];
  if (known) return known;
  if (message.endsWith('received undefined')) return 'validation.required';
  if (message.startsWith('Too small')) return 'validation.tooShort';
  if (message.startsWith('Too big')) return 'validation.tooLong';
  if (message.startsWith('Invalid option') || message.startsWith('Invalid input: expected "')) {
    return 'validation.choose';
  }
  return 'validation.invalid';
}

function pathKey(path: FieldIssue['path']): string {
  return typeof path === 'string' ? path : path.map(String).join('.');
}

/** Groups issues by field path; the first problem of each field is the one shown. */
export function toFieldErrors(issues: readonly FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = pathKey(issue.path);
    errors[key] ??= validationMessageKey(issue.message);
  }
  return errors;
}

/** Reads the per-field `details` of an `invalid_request` answer, ignoring anything of another shape. */
export function detailsToIssues(details: unknown): FieldIssue[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (detail): detail is FieldIssue =>
      typeof detail === 'object' &&
      detail !== null &&
      typeof (detail as FieldIssue).message === 'string' &&
      (typeof (detail as FieldIssue).path === 'string' || Array.isArray((detail as FieldIssue).path)),
  );
}

/** Today's date as `YYYY-MM-DD` in the user's time zone. */
export function todayAsCalendarDate(): string {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** Empty text fields become absent, as the API expects optional values to be left out rather than "". */
export function withoutEmptyStrings<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== '')) as T;
}

/** Dates the contract accepts but that cannot be right (the shared rule the server applies too). */
export function dateIssues(dates: { dueDate?: string | null; birthDate?: string | null }): FieldIssue[] {
  const asDate = (value?: string | null) => (value ? new Date(`${value}T12:00:00Z`) : null);
  return familyDateIssues(
    { dueDate: asDate(dates.dueDate), birthDate: asDate(dates.birthDate) },
    new Date(`${todayAsCalendarDate()}T12:00:00Z`),
  ).map(({ path, code }) => ({ path, message: `validation.${code}` }));
}
