import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ReferralView } from '@concerto/shared';
import * as referralsService from '../services/referralsService.ts';
import type { CreateReferralRequest, UpdateReferralRequest } from '../services/referralsService.ts';
import { useFamilyScopedLoad } from './familyScopedLoad.ts';

/** The referrals of the open family file, as the server filtered them for the caller. */
export const useReferralsStore = defineStore('referrals', () => {
  const referrals = ref<ReferralView[]>([]);
  const { familyId, loading, error, load } = useFamilyScopedLoad(
    referrals,
    () => [],
    referralsService.listReferrals,
  );

  /** Open referrals first (overdue on top), then the closed ones; newest first within each. */
  const ordered = computed(() => {
    const rank = (referral: ReferralView) => (referral.overdue ? 0 : isClosed(referral) ? 2 : 1);
    return [...referrals.value].sort((first, second) => rank(first) - rank(second));
  });

  async function create(request: CreateReferralRequest): Promise<ReferralView> {
    const created = await referralsService.createReferral(familyId.value, request);
    referrals.value = [created, ...referrals.value];
    return created;
  }

  async function update(referralId: string, request: UpdateReferralRequest): Promise<ReferralView> {
    // The version the user saw: a change made meanwhile by someone else answers 409 `stale`.
    const seen = referrals.value.find((shown) => shown.id === referralId)?.version ?? 0;
    const updated = await referralsService.updateReferral(referralId, request, seen);
    referrals.value = referrals.value.map((shown) => (shown.id === updated.id ? updated : shown));
    return updated;
  }

  return { familyId, referrals, ordered, loading, error, load, create, update };
});

/** Whether a referral reached its end: taken in charge, or declined. */
export function isClosed(referral: Pick<ReferralView, 'status'>): boolean {
  return referral.status === 'takenInCharge' || referral.status === 'declined';
}
