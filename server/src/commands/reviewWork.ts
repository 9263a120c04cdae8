import mongoose from 'mongoose';
import { can, isRemindedOfReview, reviewStateOf, type Actor, type MyWork } from '@concerto/shared';
import { AssessmentModel } from '../models/assessment.ts';
import type { FamilyModel } from '../models/family.ts';
import { scopeOf } from '../policies/familyScope.ts';
import { stratumReviewsDue } from './stratumReviewer.ts';
import { calendarDate } from '../presenters/familyPresenter.ts';

type FamilyHydrated = Pick<
  InstanceType<typeof FamilyModel>,
  | '_id'
  | 'label'
  | 'closure'
  | 'team'
  | 'members'
  | 'consents'
  | 'strataHistory'
  | 'birthDate'
  | 'followUpExtensions'
> & { createdAt?: Date };

/**
 * The assessments "Mon travail" asks of this professional: an initial assessment not yet recorded, and a
 * re-assessment whose date is near or past (seed 004, line 419). Only for the families where the policy
 * says she is the one reminded (coordinator or case manager, else the referent) and the file is open.
 */
export async function assessmentReviewsFor(
  actor: Actor,
  families: FamilyHydrated[],
  today: Date,
): Promise<MyWork['assessmentReviews']> {
  const mine = remindedFamilies(actor, families);
  if (mine.length === 0) return [];
  const assessments = await AssessmentModel.find(
    { familyId: mongoose.trusted({ $in: mine.map((family) => family._id) }) },
    { familyId: 1, nextReviewDate: 1 },
  )
    .sort({ at: 1, recordedAt: 1 })
    .lean();
  // The latest assessment of each family sets its next review.
  const byFamily = new Map(
    assessments.map((assessment) => [String(assessment.familyId), assessment.nextReviewDate ?? null]),
  );
  const reviews: MyWork['assessmentReviews'] = [];
  for (const family of mine) {
    const id = String(family._id);
    const base = { familyId: id, familyLabel: family.label, link: `/families/${id}#assessment` };
    if (!byFamily.has(id)) {
      reviews.push({ ...base, state: 'initialMissing', date: null, days: null });
      continue;
    }
    const review = reviewStateOf(byFamily.get(id) ?? null, today);
    if (review.state === 'due' || review.state === 'overdue')
      reviews.push({ ...base, state: review.state, date: calendarDate(byFamily.get(id)), days: review.days });
  }
  return reviews;
}

/** The open files in which the policy reminds this professional of reviews. */
function remindedFamilies(actor: Actor, families: FamilyHydrated[]): FamilyHydrated[] {
  return families.filter((family) => !family.closure && isRemindedOfReview(actor, scopeOf(family)));
}

/**
 * The strata this professional should look at again: a key moment (a re-assessment, the birth, a
 * day-1000 decision) came after the stratum was last set or confirmed.
 */
export async function stratumReviewsFor(
  actor: Actor,
  families: FamilyHydrated[],
  today: Date,
): Promise<MyWork['stratumReviews']> {
  const mine = remindedFamilies(actor, families).filter((family) =>
    can(actor, 'family.strata.change', { kind: 'family', family: scopeOf(family) }),
  );
  if (mine.length === 0) return [];
  const due = await stratumReviewsDue(mine, today);
  return mine.flatMap((family) => {
    const review = due.get(String(family._id));
    if (!review) return [];
    const id = String(family._id);
    return [
      {
        familyId: id,
        familyLabel: family.label,
        link: `/families/${id}#strata`,
        trigger: review.trigger,
        since: review.since.toISOString(),
      },
    ];
  });
}
