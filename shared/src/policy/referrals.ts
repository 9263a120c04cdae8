import { canOnFamily } from './family.ts';
import { isOwnFamilyMember, linkOf, type Actor, type FamilyScope } from './actor.ts';

/** What the policy needs to know about one referral (réorientation). */
export interface ReferralScope {
  memberId: string;
  hiddenFromMemberIds: readonly string[];
}

/** Actions on one referral. */
export const referralActions = ['referral.read', 'referral.update'] as const;
/** An action on one referral. */
export type ReferralAction = (typeof referralActions)[number];

/** The team follows every referral; a member sees her own unless it is hidden from her, and changes none. */
export function canOnReferral(
  actor: Actor,
  action: ReferralAction,
  family: FamilyScope,
  referral: ReferralScope,
): boolean {
  if (!canOnFamily(actor, 'family.referrals.read', family)) return false;
  if (linkOf(actor, family))
    return action === 'referral.read' || canOnFamily(actor, 'family.referrals.manage', family);
  if (!isOwnFamilyMember(actor, family)) return false;
  return (
    action === 'referral.read' &&
    referral.memberId === actor.memberId &&
    !referral.hiddenFromMemberIds.includes(actor.memberId)
  );
}
