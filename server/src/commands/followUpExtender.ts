import { daysBetween, thousandDaysOver, userIdOf } from '@concerto/shared';
import { HttpError, invalidField } from '../http/errors.ts';
import type { FamilyRepository } from '../policies/familyRepository.ts';

/** The longest an extension runs before it is looked at again. */
export const longestExtensionDays = 366;

/**
 * Records that the follow-up goes on past day 1000, with its reason and the date it is reviewed: until
 * then "my work" no longer asks to close the file. Only from the second birthday on, within a year.
 */
export async function extendFollowUp(
  opened: FamilyRepository,
  extension: { reason: string; reviewDate: string },
  today = new Date(),
): Promise<void> {
  const { family } = opened;
  opened.require('family.closing.decide');
  const dates = { dueDate: family.dueDate ?? null, birthDate: family.birthDate ?? null };
  if (!thousandDaysOver(dates, today))
    throw new HttpError(
      409,
      'thousand_days_not_over',
      'The 1000 days are not over: the follow-up is extended from the child’s second birthday.',
    );
  const reviewDate = new Date(extension.reviewDate);
  const days = daysBetween(today, reviewDate);
  if (days <= 0) throw invalidField('reviewDate', 'the review date must be after today');
  if (days > longestExtensionDays) throw invalidField('reviewDate', 'an extension is reviewed within a year');
  family.followUpExtensions.push({
    reason: extension.reason,
    reviewDate,
    at: today,
    byUserId: userIdOf(opened.actor),
  });
  await family.save();
}
