import { Router } from 'express';
import {
  ChangeStratumRequestSchema,
  FamilyViewSchema,
  IndicatorSchema,
  RecordConsentRequestSchema,
  RecordIndicatorRequestSchema,
  RecordScreeningRequestSchema,
  RecordServiceRequestSchema,
  ShareIndicatorRequestSchema,
  can,
  indicatorCategories,
  maySpeakFor,
  memberIdOf,
  professionalIdOf,
  userIdOf,
  type IndicatorKey,
} from '@concerto/shared';
import { announceAccessChange } from '../../collab/accessEvents.ts';
import { addScreening } from '../../commands/screeningRecorder.ts';
import { assertRefusalEstablished } from '../../commands/stratumReviewer.ts';
import { endpoint } from '../../http/endpoint.ts';
import { updateVersionedItem } from '../../http/versionedWrite.ts';
import { announceToFamilyRooms } from '../../realtime/roomEvents.ts';
import mongoose from 'mongoose';
import { HttpError, forbidden, invalidField, notFound } from '../../http/errors.ts';
import { FamilyModel } from '../../models/family.ts';
import { currentConsent, openFamily } from '../../policies/familyAccess.ts';
import { indicatorItem } from '../../policies/familyRepository.ts';
import { presentFamily } from '../../presenters/familyPresenter.ts';
import { recordFundedService } from '../../commands/serviceRecorder.ts';
import { FamilyParams, IndicatorParams } from './params.ts';

type Family = Awaited<ReturnType<typeof openFamily>>['family'];

function assertMembers(family: Family, memberIds: readonly string[], path: string): void {
  const known = new Set(family.members.map((member) => String(member._id)));
  const unknown = memberIds.find((memberId) => !known.has(memberId));
  if (unknown)
    throw new HttpError(400, 'invalid_request', `${path}: ${unknown} is not a member of this family.`, [
      { path, message: 'unknown member' },
    ]);
}

/** Strata, screening, funded services, indicators and consents of a family file. */
export function recordsRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/strata',
      summary: 'Move the family to another stratum, with the reason (kept in the history)',
      tags: ['families'],
      params: FamilyParams,
      body: ChangeStratumRequestSchema,
      response: FamilyViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openFamily(request, params.id, {
        part: 'strata',
        write: true,
        action: 'family.strata.change',
      });
      if (body.stratum === opened.family.stratum)
        throw new HttpError(400, 'invalid_request', 'The family is already in this stratum.', [
          { path: 'stratum', message: 'unchanged' },
        ]);
      if (body.stratum === 'refusal') await assertRefusalEstablished(opened.family._id);
      const family = opened.family;
      family.strataHistory.push({
        from: family.stratum,
        to: body.stratum,
        at: new Date(),
        authorId: professionalIdOf(opened.actor) ?? '',
        reason: body.reason,
      });
      family.stratum = body.stratum;
      await family.save();
      await announceToFamilyRooms(String(family._id), 'stratum');
      return presentFamily(opened);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/screening',
      summary: 'Record a BIB screening (scenario O, A, B as given by the tool), added to the dated series',
      tags: ['families'],
      params: FamilyParams,
      body: RecordScreeningRequestSchema,
      response: FamilyViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openFamily(request, params.id, {
        part: 'screening',
        write: true,
        action: 'family.screening.record',
      });
      const family = opened.family;
      const recorderId = professionalIdOf(opened.actor) ?? '';
      if (body.at && body.at > new Date().toISOString().slice(0, 10))
        throw invalidField('at', 'a screening cannot be in the future');
      const at = body.at ? new Date(body.at) : new Date();
      addScreening(family, { scenario: body.scenario, at, recorderId });
      await family.save();
      return presentFamily(opened);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/services',
      summary:
        'Record a funded service the BIB scenario opens, with its proof (contacts of the log, or the closed meeting)',
      tags: ['families'],
      params: FamilyParams,
      body: RecordServiceRequestSchema,
      response: FamilyViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openFamily(request, params.id, {
        part: 'services',
        write: true,
        action: `family.services.record.${body.service}`,
      });
      await recordFundedService(opened, body);
      return presentFamily(opened);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/indicators',
      summary: 'Record a vulnerability indicator (medical ones: Role A only)',
      tags: ['families'],
      params: FamilyParams,
      body: RecordIndicatorRequestSchema,
      response: IndicatorSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const category = indicatorCategories[body.key as IndicatorKey];
      const action =
        category === 'medical' ? 'family.indicators.medical.record' : 'family.indicators.social.record';
      const opened = await openFamily(request, params.id, {
        part: 'indicators',
        write: true,
        action,
      });
      const family = opened.family;
      if (body.aboutMemberId) {
        assertMembers(family, [body.aboutMemberId], 'aboutMemberId');
        if (currentConsent(family, body.aboutMemberId, 'screening') === false) {
          throw new HttpError(409, 'consent_withdrawn', 'This member withdrew their consent to screening.');
        }
      }
      assertMembers(family, body.sharedWithMemberIds, 'sharedWithMemberIds');
      // The file was loaded without its indicators: the new one is appended in the database.
      const id = new mongoose.Types.ObjectId();
      await FamilyModel.updateOne(
        { _id: family._id },
        {
          $push: {
            indicators: {
              _id: id,
              key: body.key,
              category,
              aboutMemberId: body.aboutMemberId ?? null,
              note: body.note ?? null,
              recordedBy: professionalIdOf(opened.actor),
              recordedAt: new Date(),
              sharedWithMemberIds: body.sharedWithMemberIds,
            },
          },
        },
      );
      const view = await presentFamily(opened);
      return view.indicators.find((indicator) => indicator.id === String(id));
    },
  );

  endpoint(
    router,
    {
      method: 'patch',
      path: '/families/:id/indicators/:indicatorId',
      summary: 'Choose, member by member, who in the family sees an indicator',
      tags: ['families'],
      params: IndicatorParams,
      body: ShareIndicatorRequestSchema,
      response: IndicatorSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openFamily(request, params.id, {
        part: 'indicators',
        write: true,
      });
      // Only indicators the caller may read are loaded at all: any other id is unknown to her.
      const indicator = (await opened.indicators()).find(
        (candidate) => String(candidate._id) === params.indicatorId,
      );
      if (!indicator) throw notFound('indicator');
      const item = indicatorItem(indicator);
      if (!can(opened.actor, 'item.share', { kind: 'item', family: opened.scope, item })) throw forbidden();
      assertMembers(opened.family, body.sharedWithMemberIds, 'sharedWithMemberIds');
      const sharedWithMemberIds = body.sharedWithMemberIds.map((id) => new mongoose.Types.ObjectId(id));
      await updateVersionedItem(
        request,
        { model: FamilyModel as never, recordId: opened.family._id, array: 'indicators', item: indicator },
        { sharedWithMemberIds },
        { what: 'indicator', by: opened.auth.displayName },
      );
      const view = await presentFamily(opened);
      return view.indicators.find((candidate) => candidate.id === params.indicatorId);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/consents',
      summary: "Record a member's consent for a scope, granted or withdrawn (effective at once)",
      tags: ['families'],
      params: FamilyParams,
      body: RecordConsentRequestSchema,
      response: FamilyViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openFamily(request, params.id, {
        part: 'consents',
        write: true,
        action: 'family.consents.record',
      });
      const { family, actor } = opened;
      assertMembers(family, [body.memberId], 'memberId');
      // A family member speaks for herself only.
      if (!maySpeakFor(actor, opened.scope, body.memberId))
        throw forbidden('You can only record your own consent.');
      family.consents.push({
        memberId: body.memberId,
        scope: body.scope,
        granted: body.granted,
        at: new Date(),
        throughUserId: userIdOf(actor),
        throughMemberId: memberIdOf(actor),
      });
      await family.save();
      if (!body.granted) announceAccessChange({ kind: 'family', familyId: String(family._id) });
      return presentFamily(opened);
    },
  );

  return router;
}
