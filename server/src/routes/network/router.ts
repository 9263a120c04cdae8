import { Router, type Request } from 'express';
import mongoose from 'mongoose';
import { z } from 'zod';
import {
  IdSchema,
  NetworkAttendanceRequestSchema,
  NetworkDecisionRequestSchema,
  NetworkMeetingViewSchema,
  ScheduleNetworkMeetingRequestSchema,
  UpdateNetworkMeetingRequestSchema,
  defaultAudience,
  type NetworkMeetingAction,
  type NetworkMeetingScope,
  type NetworkMeetingView,
  can,
  networkOrganisationOf,
  professionalIdOf,
} from '@concerto/shared';
import { requireAuth } from '../../auth/authenticate.ts';
import type { AuthContext } from '../../auth/sessions.ts';
import { announceAccessChange } from '../../collab/accessEvents.ts';
import type { DocumentRegistry } from '../../collab/documentRegistry.ts';
import { notesAsText } from '../../collab/notesText.ts';
import { endpoint } from '../../http/endpoint.ts';
import { HttpError, forbidden, notFound } from '../../http/errors.ts';
import { NetworkMeetingModel, type NetworkMeetingDocument } from '../../models/networkMeeting.ts';
import { OrganisationModel } from '../../models/organisation.ts';
import { SpaceModel } from '../../models/space.ts';
import { loadPeople, personRef } from '../../presenters/people.ts';
import { inTransaction } from '../../db/transaction.ts';
import { saveVersioned } from '../../http/versionedWrite.ts';
import { versionOf } from '../../http/versions.ts';

const MeetingParams = z.strictObject({ id: IdSchema });

/** A stored network meeting as the policy reads it. */
function meetingScopeOf(
  meeting: Pick<NetworkMeetingDocument, 'organiserId' | 'memberOrganisationIds' | 'status'>,
): NetworkMeetingScope {
  return {
    organiserId: String(meeting.organiserId),
    memberOrganisationIds: meeting.memberOrganisationIds.map(String),
    published: meeting.status === 'published',
  };
}

function canOnMeeting(
  auth: AuthContext,
  action: NetworkMeetingAction,
  meeting: Parameters<typeof meetingScopeOf>[0],
): boolean {
  return can(auth.actor, action, { kind: 'networkMeeting', meeting: meetingScopeOf(meeting) });
}

/**
 * A meeting its caller belongs to (through their organisation): 404 otherwise, 403 for organiser-only
 * acts, 409 for a change once the summary is published (nothing changes any more, notes included).
 */
async function openMeeting(request: Request, meetingId: string, change = false) {
  const auth = requireAuth(request);
  const meeting = await NetworkMeetingModel.findById(meetingId);
  if (!meeting || !canOnMeeting(auth, 'networkMeeting.read', meeting)) throw notFound('network meeting');
  if (change && !canOnMeeting(auth, 'networkMeeting.manage', meeting))
    throw forbidden('Only the organiser runs this meeting.');
  if (change && !canOnMeeting(auth, 'networkMeeting.edit', meeting))
    throw new HttpError(409, 'meeting_published', 'The summary is published; the meeting is closed.');
  return { auth, meeting };
}

async function present(meeting: NetworkMeetingDocument, auth: AuthContext): Promise<NetworkMeetingView> {
  const organisations = await OrganisationModel.find(
    { _id: mongoose.trusted({ $in: meeting.memberOrganisationIds }) },
    { name: 1 },
  ).lean();
  const people = await loadPeople([meeting.organiserId]);
  return {
    id: String(meeting._id),
    title: meeting.title,
    kind: meeting.kind,
    bassin: meeting.bassin ?? null,
    hospital: meeting.hospital ?? null,
    scheduledAt: meeting.scheduledAt.toISOString(),
    place: meeting.place,
    remote: meeting.remote,
    agenda: [...meeting.agenda],
    organiser: personRef(people, meeting.organiserId),
    organisations: organisations.map((organisation) => {
      const attendance = meeting.attendance.find(
        (entry) => String(entry.organisationId) === String(organisation._id),
      );
      return {
        id: String(organisation._id),
        name: organisation.name,
        status: (attendance?.status as 'present') ?? 'absent',
        attendees: [...(attendance?.attendees ?? [])],
      };
    }),
    decisions: meeting.decisions.map((decision) => ({
      what: decision.what ?? '',
      who: decision.who ?? '',
      byWhen: decision.byWhen ?? null,
    })),
    nextDate: meeting.nextDate?.toISOString() ?? null,
    status: meeting.status,
    notesSpaceId: String(meeting.notesSpaceId),
    publishedAt: meeting.publishedAt?.toISOString() ?? null,
    summary: meeting.summary
      ? { notes: meeting.summary.notes ?? '', publishedBy: meeting.summary.publishedBy ?? '' }
      : null,
    canManage: canOnMeeting(auth, 'networkMeeting.edit', meeting),
    version: versionOf(meeting.lastChange),
  };
}

/** Network meetings (Rencontres périnatalité, GT Liaison): the meeting tools without any family. */
export function networkRouter(documents: DocumentRegistry): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/network-meetings',
      summary: "Network meetings of the caller's organisation",
      tags: ['network'],
      response: z.array(NetworkMeetingViewSchema),
      authenticated: true,
    },
    async ({ request }) => {
      const auth = requireAuth(request);
      const organisationId = networkOrganisationOf(auth.actor);
      if (!organisationId) return [];
      const meetings = await NetworkMeetingModel.find({
        memberOrganisationIds: new mongoose.Types.ObjectId(organisationId),
      })
        .sort({ scheduledAt: -1 })
        .limit(100)
        .lean();
      return Promise.all(meetings.map((meeting) => present(meeting, auth)));
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/network-meetings',
      summary: 'Schedule a network meeting; the organiser’s organisation is a member',
      tags: ['network'],
      body: ScheduleNetworkMeetingRequestSchema,
      response: NetworkMeetingViewSchema,
      authenticated: true,
    },
    async ({ body, request }) => {
      const auth = requireAuth(request);
      const organisationId = networkOrganisationOf(auth.actor);
      const organiserId = professionalIdOf(auth.actor);
      if (!organisationId || !organiserId) throw forbidden('Professionals organise network meetings.');
      const memberIds = [...new Set([organisationId, ...body.memberOrganisationIds])];
      const known = await OrganisationModel.countDocuments({ _id: mongoose.trusted({ $in: memberIds }) });
      if (known !== memberIds.length)
        throw new HttpError(400, 'invalid_request', 'memberOrganisationIds: unknown organisation', [
          { path: 'memberOrganisationIds', message: 'unknown organisation' },
        ]);
      const meeting = new NetworkMeetingModel({
        ...body,
        bassin: body.bassin ?? null,
        hospital: body.hospital ?? null,
        organiserId,
        memberOrganisationIds: memberIds,
      });
      // The meeting and its notes space exist together or not at all.
      await inTransaction(async (session) => {
        const [notes] = await SpaceModel.create(
          [
            {
              kind: 'networkNotes',
              title: body.title,
              networkMeetingId: meeting._id,
              audience: { ...defaultAudience('custom'), team: 'none' },
            },
          ],
          { session },
        );
        meeting.notesSpaceId = notes!._id;
        await meeting.save({ session });
      });
      return present(meeting.toObject(), auth);
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/network-meetings/:id',
      summary: 'A network meeting (members only)',
      tags: ['network'],
      params: MeetingParams,
      response: NetworkMeetingViewSchema,
      authenticated: true,
    },
    async ({ params, request }) => {
      const { auth, meeting } = await openMeeting(request, params.id);
      return present(meeting.toObject(), auth);
    },
  );

  endpoint(
    router,
    {
      method: 'patch',
      path: '/network-meetings/:id',
      summary: 'Open or close the meeting, set the next date (organiser)',
      tags: ['network'],
      params: MeetingParams,
      body: UpdateNetworkMeetingRequestSchema,
      response: NetworkMeetingViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const { auth, meeting } = await openMeeting(request, params.id, true);
      if (body.status) meeting.status = body.status;
      if (body.nextDate !== undefined) meeting.nextDate = body.nextDate ? new Date(body.nextDate) : null;
      await saveVersioned(request, meeting, { what: 'meeting', by: auth.displayName });
      return present(meeting.toObject(), auth);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/network-meetings/:id/attendance',
      summary: 'Record attendance by organisation (organiser)',
      tags: ['network'],
      params: MeetingParams,
      body: NetworkAttendanceRequestSchema,
      response: NetworkMeetingViewSchema,
      status: 200,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const { auth, meeting } = await openMeeting(request, params.id, true);
      if (!meeting.memberOrganisationIds.some((id) => String(id) === body.organisationId))
        throw new HttpError(400, 'invalid_request', 'organisationId: not a member of this meeting', [
          { path: 'organisationId', message: 'not a member' },
        ]);
      const others = meeting.attendance.filter(
        (entry) => String(entry.organisationId) !== body.organisationId,
      );
      meeting.set('attendance', [...others, body]);
      await meeting.save();
      return present(meeting.toObject(), auth);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/network-meetings/:id/decisions',
      summary: 'Record a decision of the network (organiser)',
      tags: ['network'],
      params: MeetingParams,
      body: NetworkDecisionRequestSchema,
      response: NetworkMeetingViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const { auth, meeting } = await openMeeting(request, params.id, true);
      meeting.decisions.push({ what: body.what, who: body.who, byWhen: body.byWhen ?? null });
      await meeting.save();
      return present(meeting.toObject(), auth);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/network-meetings/:id/publish',
      summary:
        'Publish the summary to the member organisations: notes frozen with decisions, attendance and next date',
      tags: ['network'],
      params: MeetingParams,
      response: NetworkMeetingViewSchema,
      status: 200,
      authenticated: true,
    },
    async ({ params, request }) => {
      const { auth, meeting } = await openMeeting(request, params.id, true);
      const document = await documents.open(String(meeting.notesSpaceId));
      try {
        meeting.summary = { notes: notesAsText(document.doc), publishedBy: auth.displayName } as never;
      } finally {
        documents.release(document);
      }
      meeting.status = 'published';
      meeting.publishedAt = new Date();
      await meeting.save();
      // The live notes become read-only now: open connections are re-checked and reconnect read-only.
      announceAccessChange({ kind: 'space', spaceId: String(meeting.notesSpaceId) });
      return present(meeting.toObject(), auth);
    },
  );

  return router;
}
