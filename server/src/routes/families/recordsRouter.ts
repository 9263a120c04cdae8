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
  type IndicatorKey,
} from '@concerto/shared';
import { announceAccessChange } from '../../collab/accessEvents.ts';
import { endpoint } from '../../http/endpoint.ts';
import { announceToFamilyRooms } from '../../realtime/roomEvents.ts';
import { HttpError, forbidden, notFound } from '../../http/errors.ts';
import { currentConsent, openFamily, scopeOf } from '../../policies/familyAccess.ts';
import { presentFamily } from '../../presenters/familyPresenter.ts';
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
      const { auth, family, scope } = await openFamily(request, params.id, {
        part: 'strata',
        write: true,
        action: 'family.strata.change',
      });
      if (body.stratum === family.stratum)
        throw new HttpError(400, 'invalid_request', 'The family is already in this stratum.', [
          { path: 'stratum', message: 'unchanged' },
        ]);
      family.strataHistory.push({
        from: family.stratum,
        to: body.stratum,
        at: new Date(),
        authorId: auth.actor.kind === 'professional' ? auth.actor.userId : '',
        reason: body.reason,
      });
      family.stratum = body.stratum;
      await family.save();
      await announceToFamilyRooms(String(family._id), 'stratum');
      return presentFamily(family, auth.actor, scope);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/screening',
      summary: 'Record the BIB scenario (O, A, B) as given by the screening tool',
      tags: ['families'],
      params: FamilyParams,
      body: RecordScreeningRequestSchema,
      response: FamilyViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const { auth, family, scope } = await openFamily(request, params.id, {
        part: 'screening',
        write: true,
        action: 'family.screening.record',
      });
      const recorderId = auth.actor.kind === 'professional' ? auth.actor.userId : '';
      const at = body.at ? new Date(body.at) : new Date();
      family.screening = { scenario: body.scenario, at, recordedBy: recorderId } as never;
      family.services.push({
        service: 'screening',
        at,
        deliveredBy: recorderId,
        note: `BIB ${body.scenario}`,
      });
      await family.save();
      return presentFamily(family, auth.actor, scope);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/services',
      summary: 'Record one of the four funded services as delivered',
      tags: ['families'],
      params: FamilyParams,
      body: RecordServiceRequestSchema,
      response: FamilyViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const { auth, family, scope } = await openFamily(request, params.id, {
        part: 'services',
        write: true,
        action: `family.services.record.${body.service}`,
      });
      family.services.push({
        service: body.service,
        at: body.at ? new Date(body.at) : new Date(),
        deliveredBy: auth.actor.kind === 'professional' ? auth.actor.userId : '',
        note: body.note ?? null,
      });
      await family.save();
      return presentFamily(family, auth.actor, scope);
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
      const { auth, family } = await openFamily(request, params.id, {
        part: 'indicators',
        write: true,
        action,
      });
      if (body.aboutMemberId) {
        assertMembers(family, [body.aboutMemberId], 'aboutMemberId');
        if (currentConsent(family, body.aboutMemberId, 'screening') === false) {
          throw new HttpError(409, 'consent_withdrawn', 'This member withdrew their consent to screening.');
        }
      }
      assertMembers(family, body.sharedWithMemberIds, 'sharedWithMemberIds');
      const recorderId = auth.actor.kind === 'professional' ? auth.actor.userId : '';
      family.indicators.push({
        key: body.key,
        category,
        aboutMemberId: body.aboutMemberId ?? null,
        note: body.note ?? null,
        recordedBy: recorderId,
        recordedAt: new Date(),
        sharedWithMemberIds: body.sharedWithMemberIds,
      });
      await family.save();
      const view = await presentFamily(family, auth.actor, scopeOf(family));
      return view.indicators.find(
        (indicator) => indicator.id === String(family.indicators[family.indicators.length - 1]!._id),
      );
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
      const { auth, family, scope } = await openFamily(request, params.id, {
        part: 'indicators',
        write: true,
      });
      const indicator = family.indicators.find((candidate) => String(candidate._id) === params.indicatorId);
      const item = indicator && {
        category: indicator.category,
        sharedWithMemberIds: indicator.sharedWithMemberIds.map(String),
        aboutMemberId: indicator.aboutMemberId ? String(indicator.aboutMemberId) : null,
        authorId: String(indicator.recordedBy),
      };
      if (!indicator || !item || !can(auth.actor, 'item.read', { kind: 'item', family: scope, item }))
        throw notFound('indicator');
      if (!can(auth.actor, 'item.share', { kind: 'item', family: scope, item })) throw forbidden();
      assertMembers(family, body.sharedWithMemberIds, 'sharedWithMemberIds');
      indicator.sharedWithMemberIds = body.sharedWithMemberIds as never;
      await family.save();
      const view = await presentFamily(family, auth.actor, scope);
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
      const { auth, family } = await openFamily(request, params.id, {
        part: 'consents',
        write: true,
        action: 'family.consents.record',
      });
      assertMembers(family, [body.memberId], 'memberId');
      const actor = auth.actor;
      // A family member speaks for themself only.
      if (actor.kind === 'familyMember' && actor.memberId !== body.memberId)
        throw forbidden('You can only record your own consent.');
      family.consents.push({
        memberId: body.memberId,
        scope: body.scope,
        granted: body.granted,
        at: new Date(),
        throughUserId: actor.kind === 'familyMember' ? null : actor.userId,
        throughMemberId: actor.kind === 'familyMember' ? actor.memberId : null,
      });
      await family.save();
      if (!body.granted) announceAccessChange({ kind: 'family', familyId: String(family._id) });
      return presentFamily(family, actor, scopeOf(family));
    },
  );

  return router;
}
