import { openReferralStatuses, referralTransitions, type ReferralView } from '@concerto/shared';
import type { ReferralDocument } from '../models/referral.ts';
import type { FamilyModel } from '../models/family.ts';
import { versionOf } from '../http/versions.ts';
import { calendarDate } from './familyPresenter.ts';

type Family = Pick<InstanceType<typeof FamilyModel>, 'members'>;

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

/**
 * Formats referrals already filtered for one caller; `asTeam` (the policy's answer) adds the team's
 * audience list and next steps, which a member never receives.
 */
export function presentReferrals(
  referrals: ReferralDocument[],
  family: Family,
  asTeam: boolean,
  today = new Date(),
): ReferralView[] {
  const names = new Map(family.members.map((member) => [String(member._id), member.displayName]));
  return referrals.map((referral) => ({
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
    ...(asTeam ? { hiddenFromMemberIds: referral.hiddenFromMemberIds.map(String) } : {}),
    allowedNext: asTeam ? [...referralTransitions[referral.status]] : [],
    version: versionOf(referral.lastChange),
  }));
}
