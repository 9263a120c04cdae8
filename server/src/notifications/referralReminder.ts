import mongoose from 'mongoose';
import type { ReferralStatus } from '@concerto/shared';
import { ReferralModel } from '../models/referral.ts';
import { announceNotification } from './notificationEvents.ts';

/** Steps after which a referral still waits for the family to be taken in charge. */
const openSteps: ReferralStatus[] = ['proposed', 'agreed', 'contactMade'];

/**
 * Tells the professional who made a referral that its follow-up date passed while the family is not yet
 * taken in charge (a closed loop, not a suggestion). Once per follow-up date. The notice names neither
 * the service nor the family: only that a referral waits, and where.
 */
export async function remindReferralFollowUps(now = new Date()): Promise<number> {
  const due = await ReferralModel.find({
    status: mongoose.trusted({ $in: openSteps }),
    followUpDate: mongoose.trusted({ $lte: now }),
    followUpNotifiedAt: null,
  })
    .limit(200)
    .lean();
  for (const referral of due) {
    const claimed = await ReferralModel.updateOne(
      { _id: referral._id, followUpNotifiedAt: null },
      { $set: { followUpNotifiedAt: now } },
    );
    if (claimed.modifiedCount === 0) continue;
    announceNotification({
      familyId: String(referral.familyId),
      kind: 'referralFollowUp',
      who: 'Concerto',
      author: { kind: 'concerto' },
      link: `/families/${referral.familyId}#referrals`,
      target: { kind: 'referral', referralId: String(referral._id) },
      recipients: [{ kind: 'professional', userId: String(referral.createdBy) }],
    });
  }
  return due.length;
}
