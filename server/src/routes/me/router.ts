import { Router } from 'express';
import mongoose from 'mongoose';
import { z } from 'zod';
import { MyWorkSchema, PlanActionSchema, invitationsOf } from '@concerto/shared';
import { requireAuth } from '../../auth/authenticate.ts';
import { myOpenActions } from '../../commands/actionsCollector.ts';
import { collectWork } from '../../commands/workCollector.ts';
import { endpoint } from '../../http/endpoint.ts';
import { ConcertationModel } from '../../models/concertation.ts';
import { loadFamilyFor } from '../../policies/familyAccess.ts';
import { toIcs } from '../../presenters/calendarPresenter.ts';
import type { VideoSettings } from '../../config.ts';
import { canOnConcertation } from '../../policies/concertationAccess.ts';
import { presentCall } from '../../presenters/callPresenter.ts';
import { concertationEvent } from '../../presenters/calendarEvent.ts';

const MyActionSchema = PlanActionSchema.extend({
  familyId: z.string(),
  familyLabel: z.string(),
  spaceId: z.string(),
  needText: z.string().nullable().describe('The need the action answers, as the plan words it'),
});

/** The signed-in user's own lists across families: actions, work, calendar. */
export function meRouter(video: VideoSettings): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/me/actions',
      summary: 'Open actions of shared plans that I carry, across families',
      tags: ['me'],
      response: z.array(MyActionSchema),
      authenticated: true,
    },
    async ({ request }) => myOpenActions(requireAuth(request), request.id),
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/me/work',
      summary: 'My work: functions held, open actions and referrals, upcoming concertations, key moments',
      tags: ['me'],
      response: MyWorkSchema,
      authenticated: true,
    },
    async ({ request }) => collectWork(requireAuth(request), request.id),
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/me/calendar.ics',
      summary: 'My upcoming concertations as an iCalendar file (no family names)',
      tags: ['me'],
      contentType: 'text/calendar',
      authenticated: true,
    },
    async ({ request, response }) => {
      const auth = requireAuth(request);
      const invitations = invitationsOf(auth.actor);
      let filter: Record<string, unknown> | null = null;
      if (invitations && 'professionalId' in invitations)
        filter = { invitedProfessionalIds: new mongoose.Types.ObjectId(invitations.professionalId) };
      else if (invitations) {
        // A member's calendar follows the same rule as her meetings: none once she withdrew her consent.
        const family = await loadFamilyFor(auth, invitations.familyId);
        if (family?.can('family.export.calendar'))
          filter = { invitedMemberIds: new mongoose.Types.ObjectId(invitations.memberId) };
      }
      const concertations = filter
        ? await ConcertationModel.find({
            ...filter,
            status: mongoose.trusted({ $in: ['scheduled', 'open', 'cancelled'] }),
          })
            .sort({ scheduledAt: 1 })
            .lean()
        : [];
      const origin = `${request.protocol}://${request.get('host')}`;
      // Each meeting's call goes to those the policy lets join it, family by family.
      const families = new Map<string, Awaited<ReturnType<typeof loadFamilyFor>>>();
      const events = [];
      for (const concertation of concertations) {
        const familyId = String(concertation.familyId);
        if (!families.has(familyId)) families.set(familyId, await loadFamilyFor(auth, familyId));
        const opened = families.get(familyId);
        const call = opened
          ? presentCall(video, concertation, {
              join: canOnConcertation(opened, 'concertation.call.join', concertation),
              manage: canOnConcertation(opened, 'concertation.manage', concertation),
            })
          : null;
        events.push(concertationEvent(concertation, origin, call));
      }
      response.setHeader('Content-Type', 'text/calendar; charset=utf-8');
      response.setHeader('Content-Disposition', 'attachment; filename="concertations.ics"');
      response.status(200).send(toIcs(events));
    },
  );

  return router;
}
