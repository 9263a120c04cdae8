import { Router, type Request } from 'express';
import { z } from 'zod';
import {
  CloseConcertationRequestSchema,
  ConcertationViewSchema,
  IdSchema,
  MinutesSchema,
  ScheduleConcertationRequestSchema,
  ScheduledConcertationSchema,
  UpdateConcertationRequestSchema,
  brusselsDay,
  professionalIdOf,
} from '@concerto/shared';
import { readSharedPlan } from '../../collab/planReader.ts';
import type { DocumentRegistry } from '../../collab/documentRegistry.ts';
import { scheduleConcertation } from '../../commands/concertationScheduler.ts';
import { freezeMinutes } from '../../commands/minutesFreezer.ts';
import { recordConcertationVersion } from '../../commands/versionRecorder.ts';
import { servicesByScenarioNow } from '../../commands/eligibilityRules.ts';
import { endpoint } from '../../http/endpoint.ts';
import { concertationService } from '../../commands/serviceRecorder.ts';
import { HttpError, invalidField } from '../../http/errors.ts';
import { saveVersioned } from '../../http/versionedWrite.ts';
import { refuseStaleWrite } from '../../http/versions.ts';
import { announceNotification } from '../../notifications/notificationEvents.ts';
import { askPositions } from '../../notifications/positionRequests.ts';
import { openConcertation, visibleConcertations } from '../../policies/concertationAccess.ts';
import { keepOpenForPositions } from '../../policies/decisionReads.ts';
import { openFamily } from '../../policies/familyAccess.ts';
import { toIcs } from '../../presenters/calendarPresenter.ts';
import { presentConcertation } from '../../presenters/concertationPresenter.ts';
import { presentMinutes } from '../../presenters/minutesPresenter.ts';
import { announceRoomChange } from '../../realtime/roomEvents.ts';
import { FamilyParams } from '../families/params.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { VideoSettings } from '../../config.ts';
import { assignVideoRoom, newVideoRoom } from '../../commands/videoRoomAssigner.ts';
import { concertationEvent } from '../../presenters/calendarEvent.ts';

const ConcertationParams = z.strictObject({ id: IdSchema });
const AttendanceRequestSchema = z.strictObject({
  participantKind: z.enum(['professional', 'familyMember', 'guest']),
  participantId: IdSchema,
  status: z.enum(['present', 'excused', 'absent']),
  mode: z.enum(['remote', 'onSite']).nullable().default(null),
});

const originOf = (request: { protocol: string; get(name: string): string | undefined }) =>
  `${request.protocol}://${request.get('host')}`;

/** Keeps the plan's version for a meeting; the meeting goes on if that fails (the plan itself is stored). */
async function keepPlanVersion(
  documents: DocumentRegistry,
  familyId: Parameters<typeof recordConcertationVersion>[1],
  concertation: Parameters<typeof recordConcertationVersion>[2],
  reason: Parameters<typeof recordConcertationVersion>[3],
  request: Request,
): Promise<void> {
  await recordConcertationVersion(documents, familyId, concertation, reason).catch((error: unknown) =>
    request.log?.error({ err: error }, 'the plan version of a concertation could not be kept'),
  );
}

/** Concertations: scheduling, the meeting's state, closing, minutes and calendar files. */
export function concertationsRouter(documents: DocumentRegistry, video: VideoSettings): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/concertations',
      summary: "The family's concertations the caller takes part in or follows",
      tags: ['concertations'],
      params: FamilyParams,
      response: z.array(ConcertationViewSchema),
      authenticated: true,
    },
    async ({ params, request }) => {
      const opened = await openFamily(request, params.id, {
        part: 'concertations',
        write: false,
        action: 'family.concertations.read',
      });
      const visible = await visibleConcertations(opened);
      return Promise.all(visible.map((concertation) => presentConcertation(concertation, opened, video)));
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/concertations',
      summary:
        'Schedule a concertation; invited family members each get a personal link and code (shown once)',
      tags: ['concertations'],
      params: FamilyParams,
      body: ScheduleConcertationRequestSchema,
      response: ScheduledConcertationSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openFamily(request, params.id, {
        part: 'concertations',
        write: true,
        action: 'family.concertations.schedule',
      });
      const { concertation, memberInvitations } = await scheduleConcertation(
        opened,
        opened.auth,
        body,
        originOf(request),
      );
      announceNotification({
        familyId: String(concertation.familyId),
        kind: 'concertationInvitation',
        who: opened.auth.displayName,
        author: { kind: 'professional', userId: professionalIdOf(opened.actor) ?? '' },
        link: `/concertations/${concertation._id}`,
        target: { kind: 'concertation', concertationId: String(concertation._id) },
        // Each one is still asked of the policy before being told (a member must be invited, with consent).
        recipients: [
          ...concertation.invitedProfessionalIds
            .map(String)
            .filter((id) => id !== String(concertation.organiserId))
            .map((userId) => ({ kind: 'professional' as const, userId })),
          ...concertation.invitedMemberIds.map((id) => ({
            kind: 'familyMember' as const,
            memberId: String(id),
          })),
        ],
      });
      return { ...(await presentConcertation(concertation, opened, video)), memberInvitations };
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/concertations/:id',
      summary: 'A concertation as the caller may see it',
      tags: ['concertations'],
      params: ConcertationParams,
      response: ConcertationViewSchema,
      authenticated: true,
    },
    async ({ params, request }) => {
      const { opened, concertation } = await openConcertation(request, params.id, { write: false });
      await assignVideoRoom(concertation);
      return presentConcertation(concertation, opened, video);
    },
  );

  endpoint(
    router,
    {
      method: 'patch',
      path: '/concertations/:id',
      summary:
        'Reschedule, edit the agenda, open the room, move to an agenda item (organiser or coordinator)',
      tags: ['concertations'],
      params: ConcertationParams,
      body: UpdateConcertationRequestSchema,
      response: ConcertationViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const { opened, concertation } = await openConcertation(request, params.id, {
        write: true,
        manage: true,
      });
      if (concertation.status === 'closed' || concertation.status === 'cancelled')
        throw new HttpError(
          409,
          'concertation_closed',
          'This concertation is closed; its minutes are frozen.',
        );
      // Before anything is kept for the opening: a change based on an older version stops here.
      refuseStaleWrite(request, concertation.lastChange, 'concertation');
      const agendaLength = (body.agenda ?? concertation.agenda).length;
      if (body.currentAgendaIndex !== undefined && body.currentAgendaIndex >= agendaLength) {
        throw new HttpError(400, 'invalid_request', 'currentAgendaIndex: beyond the agenda', [
          { path: 'currentAgendaIndex', message: 'beyond the agenda' },
        ]);
      }
      if (body.scheduledAt) concertation.scheduledAt = new Date(body.scheduledAt);
      if (body.durationMinutes) concertation.durationMinutes = body.durationMinutes;
      if (body.place !== undefined) concertation.place = body.place;
      if (body.remote !== undefined) concertation.remote = body.remote;
      if (concertation.remote && !concertation.videoRoom) concertation.videoRoom = newVideoRoom();
      if (body.agenda) concertation.set('agenda', body.agenda);
      if (body.currentAgendaIndex !== undefined) concertation.currentAgendaIndex = body.currentAgendaIndex;
      const opening = body.status === 'open' && concertation.status === 'scheduled';
      if (opening) {
        concertation.status = 'open';
        concertation.startedAt = new Date();
        concertation.planAtOpening = (await readSharedPlan(documents, opened.family._id)).plan;
      }
      if (body.status === 'cancelled') concertation.status = 'cancelled';
      await saveVersioned(request, concertation, {
        what: 'concertation',
        by: opened.auth.displayName,
        fields: Object.keys(body),
      });
      // Only the write that won opens the meeting, so only it keeps the plan's version for the opening.
      if (opening)
        await keepPlanVersion(documents, opened.family._id, concertation, 'concertationOpened', request);
      announceRoomChange({ concertationId: String(concertation._id), what: 'concertation' });
      return presentConcertation(concertation, opened, video);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/concertations/:id/attendance',
      summary: 'The organiser marks someone present on site, remote, excused or absent',
      tags: ['concertations'],
      params: ConcertationParams,
      body: AttendanceRequestSchema,
      response: ConcertationViewSchema,
      status: 200,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const { opened, concertation } = await openConcertation(request, params.id, {
        write: true,
        manage: true,
      });
      const entry = concertation.attendance.find(
        (candidate) =>
          candidate.participantKind === body.participantKind &&
          candidate.participantId === body.participantId,
      );
      if (!entry)
        throw new HttpError(400, 'invalid_request', 'participantId: not invited to this concertation', [
          { path: 'participantId', message: 'not invited' },
        ]);
      entry.status = body.status;
      entry.mode = body.status === 'present' ? (body.mode ?? entry.mode ?? 'onSite') : null;
      entry.markedBy = opened.auth.displayName;
      await concertation.save();
      announceRoomChange({ concertationId: params.id, what: 'concertation' });
      return presentConcertation(concertation, opened, video);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/concertations/:id/close',
      summary:
        'Close the meeting: freezes its minutes and logs the funded concertation service with its attendance',
      tags: ['concertations'],
      params: ConcertationParams,
      body: CloseConcertationRequestSchema,
      response: ConcertationViewSchema,
      status: 200,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const { opened, concertation } = await openConcertation(request, params.id, {
        write: true,
        manage: true,
      });
      const { family, auth } = opened;
      const keptOpen = body.keepOpenForPositions;
      if (keptOpen && keptOpen.until < brusselsDay())
        throw invalidField('keepOpenForPositions.until', 'the day for positions is already past');
      if (concertation.status === 'closed')
        throw new HttpError(409, 'concertation_closed', 'Already closed.');
      if (concertation.status === 'cancelled')
        throw new HttpError(409, 'concertation_closed', 'This concertation was cancelled.');
      const minutes = await freezeMinutes(concertation, family, documents);
      concertation.status = 'closed';
      concertation.closedAt = minutes.closedAt;
      concertation.startedAt ??= concertation.scheduledAt;
      concertation.minutes = minutes;
      const present = concertation.attendance.filter((entry) => entry.status === 'present');
      family.services.push(
        concertationService(
          family,
          await servicesByScenarioNow(),
          concertation,
          professionalIdOf(auth.actor) ?? '',
          minutes.closedAt,
          `Concertation ${concertation._id}: ${present.length} présent(s) — ${present.map((entry) => entry.name).join(', ')}`,
        ),
      );
      // A closed meeting always has its funded-service record, and the record always its closed meeting;
      // proposals kept open for positions are kept open with it.
      await inTransaction(async (session) => {
        await concertation.save({ session });
        await family.save({ session });
        if (keptOpen) await keepOpenForPositions(opened, concertation._id, keptOpen, session);
      });
      await keepPlanVersion(documents, family._id, concertation, 'concertationClosed', request);
      if (keptOpen?.decisionIds.length) await askPositions(keptOpen.decisionIds, auth);
      announceRoomChange({ concertationId: params.id, what: 'concertation' });
      return presentConcertation(concertation, opened, video);
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/concertations/:id/minutes',
      summary: "The frozen minutes, filtered to what the caller may see (each participant's own copy)",
      tags: ['concertations'],
      params: ConcertationParams,
      response: MinutesSchema,
      authenticated: true,
    },
    async ({ params, request }) => {
      const opened = await openConcertation(request, params.id, { write: false });
      if (opened.concertation.status !== 'closed' || !opened.concertation.minutes)
        throw new HttpError(
          409,
          'concertation_not_closed',
          'The minutes exist once the concertation is closed.',
        );
      return presentMinutes(opened);
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/concertations/:id/calendar.ics',
      summary: 'The concertation as an iCalendar file (no family name in it)',
      tags: ['concertations'],
      params: ConcertationParams,
      contentType: 'text/calendar',
      authenticated: true,
    },
    async ({ params, request, response }) => {
      const { opened, concertation } = await openConcertation(request, params.id, { write: false });
      await assignVideoRoom(concertation);
      const { call } = await presentConcertation(concertation, opened, video);
      const ics = toIcs([concertationEvent(concertation, originOf(request), call)]);
      response.setHeader('Content-Type', 'text/calendar; charset=utf-8');
      response.setHeader('Content-Disposition', 'attachment; filename="concertation.ics"');
      response.status(200).send(ics);
    },
  );

  return router;
}
