import { Router } from 'express';
import { z } from 'zod';
import {
  CreateReferralRequestSchema,
  IdSchema,
  ReferralViewSchema,
  UpdateReferralRequestSchema,
  professionalIdOf,
  readsAsTeam,
  referralTransitions,
} from '@concerto/shared';
import { endpoint } from '../../http/endpoint.ts';
import { refuseStaleWrite } from '../../http/versions.ts';
import { saveVersioned } from '../../http/versionedWrite.ts';
import { invalidField, HttpError, forbidden, notFound } from '../../http/errors.ts';
import { DirectoryEntryModel } from '../../models/directoryEntry.ts';
import { ReferralModel } from '../../models/referral.ts';
import { openFamily, type OpenedFamily } from '../../policies/familyAccess.ts';
import { presentReferrals } from '../../presenters/referralPresenter.ts';
import { canOnReferral, visibleReferral, visibleReferrals } from '../../policies/referralReads.ts';
import { FamilyParams } from '../families/params.ts';

/** A follow-up date is when someone checks the family was taken in charge: never a day already gone. */
function refusePastFollowUp(followUpDate: string | undefined): void {
  if (followUpDate && followUpDate < new Date().toISOString().slice(0, 10))
    throw invalidField('followUpDate', 'must be today or later');
}

const ReferralParams = z.strictObject({ id: IdSchema });
/** Closed-loop referrals: proposed -> agreed with the family -> contact made -> taken in charge (or declined / no answer). */
export function referralsRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/referrals',
      summary: "The family's referrals the caller may see, overdue ones flagged",
      tags: ['referrals'],
      params: FamilyParams,
      response: z.array(ReferralViewSchema),
      authenticated: true,
    },
    async ({ params, request }) => {
      const opened = await openFamily(request, params.id, { part: 'referrals', write: false });
      return presentReferrals(
        await visibleReferrals(opened),
        opened.family,
        readsAsTeam(opened.actor, opened.scope),
      );
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/referrals',
      summary: 'Refer a family member to a directory service, with the reason and the family’s agreement',
      tags: ['referrals'],
      params: FamilyParams,
      body: CreateReferralRequestSchema,
      response: ReferralViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openFamily(request, params.id, {
        part: 'referrals',
        write: true,
        action: 'family.referrals.manage',
      });
      const { family, auth } = opened;
      const members = new Set(family.members.map((member) => String(member._id)));
      if (!members.has(body.memberId)) throw invalidField('memberId', 'not a member of this family');
      const unknown = body.hiddenFromMemberIds.find((id) => !members.has(id));
      if (unknown) throw invalidField('hiddenFromMemberIds', `${unknown} is not a member of this family`);
      refusePastFollowUp(body.followUpDate);
      const entry = await DirectoryEntryModel.findById(body.entryId).lean();
      if (!entry) throw invalidField('entryId', 'no such service in the directory');
      const now = new Date();
      const history = [{ from: null, to: 'proposed', at: now, by: auth.displayName, note: body.reason }];
      if (body.familyAgreed)
        history.push({ from: 'proposed', to: 'agreed', at: now, by: auth.displayName, note: '' } as never);
      const referral = await ReferralModel.create({
        familyId: family._id,
        memberId: body.memberId,
        entryId: entry._id,
        entryName: entry.name,
        entryKind: entry.kind,
        reason: body.reason,
        status: body.familyAgreed ? 'agreed' : 'proposed',
        followUpDate: new Date(body.followUpDate),
        hiddenFromMemberIds: body.hiddenFromMemberIds,
        concertationId: body.concertationId ?? null,
        createdBy: professionalIdOf(auth.actor) ?? undefined,
        history,
        lastUpdateAt: now,
      });
      return presentReferrals([referral.toObject()], family, true)[0];
    },
  );

  endpoint(
    router,
    {
      method: 'patch',
      path: '/referrals/:id',
      summary:
        'Move a referral to its next step (a reason for declined / no answer), or reschedule its follow-up',
      tags: ['referrals'],
      params: ReferralParams,
      body: UpdateReferralRequestSchema,
      response: ReferralViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const found = await ReferralModel.findById(params.id, { familyId: 1 }).lean();
      if (!found) throw notFound('referral');
      let opened: OpenedFamily;
      try {
        opened = await openFamily(request, String(found.familyId), { part: 'referrals', write: true });
      } catch {
        throw notFound('referral');
      }
      const { auth, family } = opened;
      const referral = await visibleReferral(opened, params.id);
      if (!referral) throw notFound('referral');
      if (!canOnReferral(opened, 'referral.update', referral))
        throw forbidden('The care team follows referrals up.');
      refuseStaleWrite(request, referral.lastChange, 'referral');
      refusePastFollowUp(body.followUpDate);
      const now = new Date();
      const before = { status: referral.status, followUpDate: referral.followUpDate?.getTime() };
      if (body.status && body.status !== referral.status) {
        if (!referralTransitions[referral.status].includes(body.status)) {
          throw new HttpError(
            409,
            'invalid_transition',
            `A referral goes from ${referral.status} to ${referralTransitions[referral.status].join(' or ') || 'nothing'}.`,
          );
        }
        referral.history.push({
          from: referral.status,
          to: body.status,
          at: now,
          by: auth.displayName,
          note: body.note,
        });
        referral.status = body.status;
      } else if (body.note) {
        referral.history.push({
          from: referral.status,
          to: referral.status,
          at: now,
          by: auth.displayName,
          note: body.note,
        });
      }
      if (body.followUpDate) referral.followUpDate = new Date(body.followUpDate);
      referral.lastUpdateAt = now;
      const fields = [
        ...(referral.status !== before.status ? ['status'] : []),
        ...(referral.followUpDate?.getTime() !== before.followUpDate ? ['followUpDate'] : []),
        ...(body.note ? ['note'] : []),
      ];
      await saveVersioned(request, referral, { what: 'referral', by: auth.displayName, fields });
      return presentReferrals([referral.toObject()], family, true)[0];
    },
  );

  return router;
}
