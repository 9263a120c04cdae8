import { Router } from 'express';
import {
  ConfirmStratumRequestSchema,
  RecordRefusalRequestSchema,
  SelfCoordinationRequestSchema,
  StratumNeedsSchema,
  professionalIdOf,
  selfCoordinationStrata,
} from '@concerto/shared';
import { assertFamilyMembers } from '../../commands/assessmentRecorder.ts';
import { endpoint } from '../../http/endpoint.ts';
import { HttpError, notFound } from '../../http/errors.ts';
import { StratumEventModel } from '../../models/stratumEvent.ts';
import { openFamily } from '../../policies/familyAccess.ts';
import type { FamilyRepository } from '../../policies/familyRepository.ts';
import { presentStratumNeeds } from '../../presenters/stratumPresenter.ts';
import { FamilyParams } from '../families/params.ts';

/** Opens the file to change something about its stratum: the team, on an open file. */
function openForStratum(request: Parameters<typeof openFamily>[0], familyId: string) {
  return openFamily(request, familyId, { part: 'strata', write: true, action: 'family.strata.change' });
}

/** The event's author and the time it was recorded. */
const recorded = (opened: FamilyRepository) => ({
  familyId: opened.family._id,
  authorId: professionalIdOf(opened.actor) ?? undefined,
  recordedAt: new Date(),
});

/** What each stratum needs, refusals as dated events, self-coordination, and stratum reviews. */
export function strataRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/strata/needs',
      summary: "What the family's stratum needs, what answers it, its refusals and whether to review it",
      tags: ['strata'],
      params: FamilyParams,
      response: StratumNeedsSchema,
      authenticated: true,
    },
    async ({ params, request }) => {
      const opened = await openFamily(request, params.id, { part: 'strata', write: false });
      // The stratum is the team's reading: to anyone else there is nothing here.
      if (!opened.can('family.strata.read')) throw notFound('stratum');
      return presentStratumNeeds(opened);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/strata/refusals',
      summary: 'Log a refusal of care or support, on the day it was expressed (explicitly or not)',
      tags: ['strata'],
      params: FamilyParams,
      body: RecordRefusalRequestSchema,
      response: StratumNeedsSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openForStratum(request, params.id);
      if (body.memberId) assertFamilyMembers(opened, [body.memberId], 'memberId');
      await StratumEventModel.create({
        ...recorded(opened),
        kind: 'refusal',
        at: new Date(body.at),
        memberId: body.memberId ?? null,
        what: body.what,
        explicit: body.explicit,
        note: body.note || null,
      });
      return presentStratumNeeds(opened);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/strata/self-coordination',
      summary:
        'Record that the family coordinates itself between professionals (low risk or specific), or no longer',
      tags: ['strata'],
      params: FamilyParams,
      body: SelfCoordinationRequestSchema,
      response: StratumNeedsSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openForStratum(request, params.id);
      if (body.on && !selfCoordinationStrata.includes(opened.family.stratum))
        throw new HttpError(
          409,
          'self_coordination_not_possible',
          'A family coordinates itself only in the low-risk or specific strata.',
        );
      await StratumEventModel.create({
        ...recorded(opened),
        kind: 'selfCoordination',
        at: new Date(),
        on: body.on,
        note: body.note || null,
      });
      return presentStratumNeeds(opened);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/strata/reviews',
      summary:
        'Confirm the stratum after a key moment (it stays as it is); a change goes through POST .../strata',
      tags: ['strata'],
      params: FamilyParams,
      body: ConfirmStratumRequestSchema,
      response: StratumNeedsSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openForStratum(request, params.id);
      await StratumEventModel.create({
        ...recorded(opened),
        kind: 'review',
        at: new Date(),
        stratum: opened.family.stratum,
        note: body.note || null,
      });
      return presentStratumNeeds(opened);
    },
  );

  return router;
}
