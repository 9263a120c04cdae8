import mongoose from 'mongoose';
import { can, memberIdOf, type ReferralAction } from '@concerto/shared';
import { ReferralModel, type ReferralDocument } from '../models/referral.ts';
import type { FamilyRepository } from './familyRepository.ts';

/** Whether the caller may do this on one referral of the opened family (the one policy). */
export function canOnReferral(
  opened: FamilyRepository,
  action: ReferralAction,
  referral: Pick<ReferralDocument, 'memberId' | 'hiddenFromMemberIds'>,
): boolean {
  return can(opened.actor, action, {
    kind: 'referral',
    family: opened.scope,
    referral: {
      memberId: String(referral.memberId),
      hiddenFromMemberIds: referral.hiddenFromMemberIds.map(String),
    },
  });
}

/** The database side of the rule: a member's own referrals, never one hidden from her. */
function visibleFilter(opened: FamilyRepository): Record<string, unknown> {
  const memberId = memberIdOf(opened.actor);
  if (!memberId) return {};
  const id = new mongoose.Types.ObjectId(memberId);
  return { memberId: id, hiddenFromMemberIds: mongoose.trusted({ $ne: id }) };
}

/** The family's referrals the caller may read. */
export async function visibleReferrals(opened: FamilyRepository): Promise<ReferralDocument[]> {
  if (!opened.can('family.referrals.read')) return [];
  const referrals = await ReferralModel.find({ familyId: opened.family._id, ...visibleFilter(opened) })
    .sort({ createdAt: -1 })
    .lean();
  return referrals.filter((referral) => canOnReferral(opened, 'referral.read', referral));
}

/** One referral of the family the caller may read (hydrated, to change it), or null. */
export async function visibleReferral(opened: FamilyRepository, referralId: string) {
  const referral = await ReferralModel.findOne({
    _id: referralId,
    familyId: opened.family._id,
    ...visibleFilter(opened),
  });
  return referral && canOnReferral(opened, 'referral.read', referral) ? referral : null;
}
