import mongoose from 'mongoose';
import { refusalRepeated, stratumReviewDue, type StratumReviewTrigger } from '@concerto/shared';
import { HttpError } from '../http/errors.ts';
import { AssessmentModel } from '../models/assessment.ts';
import type { FamilyModel } from '../models/family.ts';
import { StratumEventModel } from '../models/stratumEvent.ts';

type FamilyHydrated = InstanceType<typeof FamilyModel>;
type FamilyFacts = Pick<FamilyHydrated, '_id' | 'strataHistory' | 'birthDate' | 'followUpExtensions'> & {
  createdAt?: Date;
};

/**
 * Whether the families' strata should be looked at again (a re-assessment, the birth, a day-1000 decision
 * since the stratum was last set or confirmed), in three queries whatever the number of families.
 */
export async function stratumReviewsDue(
  families: FamilyFacts[],
  today: Date,
): Promise<Map<string, { trigger: StratumReviewTrigger; since: Date } | null>> {
  const ids = families.map((family) => family._id);
  const [assessments, confirmations] = await Promise.all([
    AssessmentModel.find({ familyId: mongoose.trusted({ $in: ids }) }, { familyId: 1, recordedAt: 1 }).lean(),
    StratumEventModel.find(
      { familyId: mongoose.trusted({ $in: ids }), kind: 'review' },
      { familyId: 1, recordedAt: 1 },
    ).lean(),
  ]);
  const latest = (records: { familyId: unknown; recordedAt: Date }[], familyId: string) =>
    records
      .filter((record) => String(record.familyId) === familyId)
      .reduce<Date | null>(
        (last, record) => (!last || record.recordedAt > last ? record.recordedAt : last),
        null,
      );
  const due = new Map<string, { trigger: StratumReviewTrigger; since: Date } | null>();
  for (const family of families) {
    const id = String(family._id);
    const reviewedAt = [
      family.createdAt ?? new Date(0),
      ...family.strataHistory.map((change) => change.at),
      latest(confirmations, id),
    ].reduce<Date>((last, at) => (at && at > last ? at : last), new Date(0));
    due.set(
      id,
      stratumReviewDue(
        {
          lastReviewedAt: reviewedAt,
          latestAssessmentAt: latest(assessments, id),
          birthDate: family.birthDate ?? null,
          latestFollowUpExtensionAt: family.followUpExtensions.at(-1)?.at ?? null,
        },
        today,
      ),
    );
  }
  return due;
}

/**
 * 409 `refusal_not_repeated` unless explicit refusals were logged on two days at least: the guidelines'
 * definition of the refusal stratum (seed 004, line 192), checked before a family is moved there.
 */
export async function assertRefusalEstablished(familyId: mongoose.Types.ObjectId): Promise<void> {
  const refusals = await StratumEventModel.find({ familyId, kind: 'refusal' }, { at: 1, explicit: 1 }).lean();
  if (refusalRepeated(refusals.map((refusal) => ({ at: refusal.at, explicit: !!refusal.explicit })))) return;
  throw new HttpError(
    409,
    'refusal_not_repeated',
    'Refusal must be expressed several times and explicitly: log explicit refusals on two days first.',
  );
}
