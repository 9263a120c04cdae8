import { openReferralStatuses, referralTransitions, type ReferralView } from '@concerto/shared';
import type { AuthContext } from '../auth/sessions.ts';
import type { ReferralDocument } from '../models/referral.ts';
import type { FamilyModel } from '../models/family.ts';
import { versionOf } from '../http/versions.ts';
import { calendarDate } from './familyPresenter.ts';

type Family = InstanceType<typeof FamilyModel>;

/** A referral is flagged when it is still open and nobody updated it since its follow-up date passed. */
export function isOverdue(
  referral: Pick<ReferralDocument, 'status' | 'followUpDate' | 'lastUpdateAt'>,
  today = new Date(),
): boolean {
  return (
    openReferralStatuses.includes(referral.status) &&
    calendarDate(referral.followUpDate)! < calendarDate(today)! &&
    referral.lastUpdateAt < referral.followUpDate
  );
}

/** Whether this caller may see the referral: professionals on the team; a member, her own unless hidden from her. */
export function referralVisibleTo(
  referral: Pick<ReferralDocument, 'memberId' | 'hiddenFromMemberIds'>,
  auth: AuthContext,
): boolean {
  const actor = auth.actor;
  if (actor.kind !== 'familyMember') return true;
  return (
    String(referral.memberId) === actor.memberId &&
    !referral.hiddenFromMemberIds.some((id) => String(id) === actor.memberId)
  );
}

/** Presents referrals for one caller (the professional-only audience list is left out for members). */
export function presentReferrals(
  referrals: ReferralDocument[],
  family: Family,
  auth: AuthContext,
  today = new Date(),
): ReferralView[] {
  const names = new Map(family.members.map((member) => [String(member._id), member.displayName]));
  const isProfessional = auth.actor.kind === 'professional';
  return referrals
    .filter((referral) => referralVisibleTo(referral, auth))
    .map((referral) => ({
      id: String(referral._id),
      familyId: String(referral.familyId),
      member: { id: String(referral.memberId), displayName: names.get(String(referral.memberId)) ?? '—' },
      entry: { id: String(referral.entryId), name: referral.entryName, kind: referral.entryKind },
      reason: referral.reason,
      status: referral.status,
      followUpDate: calendarDate(referral.followUpDate) ?? '',
      overdue: isOverdue(referral, today),
      history: referral.history.map((step) => ({
        from: step.from ?? null,
        to: step.to ?? '',
        at: step.at?.toISOString() ?? '',
        by: step.by ?? '',
        note: step.note ?? '',
      })),
      ...(isProfessional ? { hiddenFromMemberIds: referral.hiddenFromMemberIds.map(String) } : {}),
      allowedNext: isProfessional ? [...referralTransitions[referral.status]] : [],
      version: versionOf(referral.lastChange),
    }));
}
