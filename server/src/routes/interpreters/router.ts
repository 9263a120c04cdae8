import { Router } from 'express';
import { z } from 'zod';
import {
  GuestMeetingSchema,
  IdSchema,
  InterpreterPassCreatedSchema,
  InterpreterPassSchema,
  InviteInterpreterRequestSchema,
  MeSchema,
  RedeemInvitationRequestSchema,
  asGuest,
  professionalIdOf,
} from '@concerto/shared';
import { setSessionCookie } from '../../auth/authenticate.ts';
import type { SessionRegistry } from '../../auth/sessionRegistry.ts';
import { openSession, resolveSession } from '../../auth/sessions.ts';
import { issueGuestPass } from '../../commands/guestPassIssuer.ts';
import { redeemGuestPass } from '../../commands/guestPassRedeemer.ts';
import { revokeGuestPass } from '../../commands/guestPassRevoker.ts';
import { assignVideoRoom } from '../../commands/videoRoomAssigner.ts';
import type { VideoSettings } from '../../config.ts';
import { endpoint } from '../../http/endpoint.ts';
import { forbidden, HttpError, notFound } from '../../http/errors.ts';
import { GuestPassModel } from '../../models/guestPass.ts';
import { recordAudit } from '../../policies/audit.ts';
import {
  canOnConcertation,
  loadConcertationFor,
  openConcertation,
  type OpenedConcertation,
} from '../../policies/concertationAccess.ts';
import { presentCall } from '../../presenters/callPresenter.ts';
import { presentInterpreterPasses } from '../../presenters/interpreterPassPresenter.ts';
import { presentMe } from '../../presenters/mePresenter.ts';
import { announceRoomChange } from '../../realtime/roomEvents.ts';

const ConcertationParams = z.strictObject({ id: IdSchema });
const PassParams = z.strictObject({ id: IdSchema, passId: IdSchema });

/** 403 unless the caller runs this meeting (the organiser or the coordinator: the policy's `manage`). */
function requireRunning({ opened, concertation }: OpenedConcertation): void {
  if (!canOnConcertation(opened, 'concertation.manage', concertation))
    throw forbidden('Only the organiser or the coordinator brings an interpreter to this concertation.');
}

/**
 * Interpreters as guests of one meeting: those who run it hand an interpreter a link and a code that open
 * that meeting's room and nothing else; the interpreter redeems them and reads what the room shows.
 */
export function interpretersRouter(sessions: SessionRegistry, video: VideoSettings): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'post',
      path: '/concertations/:id/interpreters',
      summary:
        "Invite an interpreter to this meeting only: a link and a 6-digit code, single use, shown once; the pass ends a few hours after the meeting's planned end",
      tags: ['concertations'],
      params: ConcertationParams,
      body: InviteInterpreterRequestSchema,
      response: InterpreterPassCreatedSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openConcertation(request, params.id, { write: true });
      requireRunning(opened);
      if (!canOnConcertation(opened.opened, 'concertation.guests.invite', opened.concertation))
        throw new HttpError(409, 'concertation_closed', 'This concertation can no longer take place.');
      const { pass, token, code } = await issueGuestPass(
        opened,
        body,
        professionalIdOf(opened.opened.actor) ?? '',
      );
      await opened.opened.audit('write', 'interpreterInvited');
      announceRoomChange({ concertationId: params.id, what: 'concertation' });
      const [presented] = await presentInterpreterPasses([pass]);
      const origin = `${request.protocol}://${request.get('host')}`;
      return { ...presented!, link: `${origin}/interpreter/${token}`, code };
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/concertations/:id/interpreters',
      summary: "This meeting's interpreter passes and their state (for the organiser and the coordinator)",
      tags: ['concertations'],
      params: ConcertationParams,
      response: z.array(InterpreterPassSchema),
      authenticated: true,
    },
    async ({ params, request }) => {
      const opened = await openConcertation(request, params.id, { write: false });
      requireRunning(opened);
      const passes = await GuestPassModel.find({ concertationId: opened.concertation._id })
        .sort({ createdAt: 1 })
        .lean();
      return presentInterpreterPasses(passes);
    },
  );

  endpoint(
    router,
    {
      method: 'delete',
      path: '/concertations/:id/interpreters/:passId',
      summary: "Withdraw an interpreter's pass: it no longer opens anything and her session ends at once",
      tags: ['concertations'],
      params: PassParams,
      status: 204,
      authenticated: true,
    },
    async ({ params, request, response }) => {
      const opened = await openConcertation(request, params.id, { write: true });
      requireRunning(opened);
      const pass = await GuestPassModel.findOne({
        _id: params.passId,
        concertationId: opened.concertation._id,
      }).lean();
      if (!pass) throw notFound('interpreter');
      const revoked = await revokeGuestPass(pass, professionalIdOf(opened.opened.actor) ?? '', sessions);
      if (revoked) {
        await opened.opened.audit('write', 'interpreterRevoked');
        announceRoomChange({ concertationId: params.id, what: 'concertation' });
      }
      response.status(204).end();
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/interpreter-invitations/redeem',
      summary:
        "Redeem an interpreter's one-meeting pass (link token + 6-digit code): opens that meeting's room only",
      tags: ['auth'],
      body: RedeemInvitationRequestSchema,
      response: MeSchema,
      status: 200,
    },
    async ({ body, request, response }) => {
      const pass = await redeemGuestPass(body.token, body.code, request.ip ?? 'unknown');
      const session = await openSession(
        { guestPassId: pass._id, familyId: pass.familyId, expiresAt: pass.expiresAt },
        request.get('user-agent'),
      );
      const auth = await resolveSession(session.token);
      if (!auth) throw new HttpError(400, 'invitation_invalid', 'This invitation cannot be used.');
      await recordAudit(auth, pass.familyId, 'write', 'interpreterRedeemed', request.id);
      setSessionCookie(request, response, session.token, session.expiresAt);
      return presentMe(auth, false);
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/interpreter/meeting',
      summary:
        "A guest's one meeting as its room shows it: time, agenda, current item and, when remote, its call",
      tags: ['concertations'],
      response: GuestMeetingSchema,
      authenticated: true,
      guest: true,
    },
    async ({ request }) => {
      const auth = request.auth!;
      const guest = asGuest(auth.actor);
      if (!guest) throw notFound('meeting');
      const loaded = await loadConcertationFor(auth, guest.concertationId, request.id);
      if (!loaded || !canOnConcertation(loaded.opened, 'concertation.room.join', loaded.concertation))
        throw notFound('meeting');
      const { opened, concertation } = loaded;
      await assignVideoRoom(concertation);
      const pass = await GuestPassModel.findById(guest.guestId, { language: 1 }).lean();
      return {
        id: String(concertation._id),
        scheduledAt: concertation.scheduledAt.toISOString(),
        durationMinutes: concertation.durationMinutes,
        status: concertation.status,
        agenda: concertation.agenda.map((item) => ({ title: item.title ?? '' })),
        currentAgendaIndex: concertation.currentAgendaIndex,
        call: presentCall(video, concertation, {
          join: canOnConcertation(opened, 'concertation.call.join', concertation),
          manage: false,
        }),
        language: pass?.language ?? '',
      };
    },
  );

  return router;
}
