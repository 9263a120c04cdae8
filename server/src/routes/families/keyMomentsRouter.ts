import { Router } from 'express';
import {
  KeyMomentTimelineSchema,
  RecordKeyMomentRequestSchema,
  medicalMomentKinds,
  professionalIdOf,
} from '@concerto/shared';
import { readTimeline, recordKeyMoment } from '../../commands/keyMomentWatcher.ts';
import { endpoint } from '../../http/endpoint.ts';
import { openFamily } from '../../policies/familyAccess.ts';
import { presentTimeline } from '../../presenters/keyMomentPresenter.ts';
import { FamilyParams } from './params.ts';

/** The rupture watch of one family: its timeline of key moments, and recording one as done. */
export function keyMomentsRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/key-moments',
      summary: "The family's timeline of key moments: due dates, what is done, what is late (the team only)",
      tags: ['families'],
      params: FamilyParams,
      response: KeyMomentTimelineSchema,
      authenticated: true,
    },
    async ({ params, request }) => {
      const opened = await openFamily(request, params.id, {
        part: 'keyMoments',
        write: false,
        action: 'family.keyMoments.read',
      });
      const { moments, latest } = await readTimeline(opened);
      return presentTimeline(opened, moments, latest);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/key-moments',
      summary:
        'Record a key moment as done on a day (the return home: the discharge date) or not applicable; the latest record counts',
      tags: ['families'],
      params: FamilyParams,
      body: RecordKeyMomentRequestSchema,
      response: KeyMomentTimelineSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const medical = medicalMomentKinds.includes(body.kind);
      const opened = await openFamily(request, params.id, {
        part: 'keyMoments',
        write: true,
        action: medical ? 'family.keyMoments.medical.record' : 'family.keyMoments.record',
      });
      await recordKeyMoment(opened, body, professionalIdOf(opened.actor) ?? '');
      const { moments, latest } = await readTimeline(opened);
      return presentTimeline(opened, moments, latest);
    },
  );

  return router;
}
