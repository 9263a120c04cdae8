import mongoose from 'mongoose';
import type { z } from 'zod';
import {
  mayOrganiseConcertation,
  type ScheduleConcertationRequestSchema,
  professionalIdOf,
} from '@concerto/shared';
import type { AuthContext } from '../auth/sessions.ts';
import { invalidField, forbidden } from '../http/errors.ts';
import { ConcertationModel } from '../models/concertation.ts';
import type { OpenedFamily } from '../policies/familyAccess.ts';
import { loadPeople } from '../presenters/people.ts';
import { issueInvitation } from './invitationIssuer.ts';
import { newVideoRoom } from './videoRoomAssigner.ts';

type Request = z.output<typeof ScheduleConcertationRequestSchema>;

/**
 * Schedules a concertation: checks who may organise it, that invitees are on the team or in the family
 * (each member invited personally, with a personal invitation link and code), and lists everyone's
 * attendance as absent until they join.
 */
export async function scheduleConcertation(
  opened: OpenedFamily,
  auth: AuthContext,
  request: Request,
  origin: string,
) {
  const { family, scope } = opened;
  const organiserId = professionalIdOf(auth.actor);
  if (!organiserId) throw forbidden('Professionals schedule concertations.');
  const teamIds = scope.team.map((membership) => membership.professionalId);
  const previousConcertations = await ConcertationModel.countDocuments({
    familyId: family._id,
    status: mongoose.trusted({ $ne: 'cancelled' }),
  });
  const allowed = mayOrganiseConcertation({
    actorId: organiserId,
    previousConcertations,
    firstContactId: family.entryPoint?.byUserId ? String(family.entryPoint.byUserId) : null,
    coordinatorIds: scope.team
      .filter((membership) => membership.functions.includes('coordinator'))
      .map((membership) => membership.professionalId),
    referentIds: scope.team
      .filter((membership) => membership.functions.includes('referent'))
      .map((membership) => membership.professionalId),
    teamIds,
  });
  if (!allowed) {
    throw forbidden(
      previousConcertations === 0
        ? 'The first concertation is organised by whoever first met the family.'
        : 'Later concertations are organised by the coordinator or the referent.',
    );
  }
  const unknownProfessional = request.invitedProfessionalIds.find((id) => !teamIds.includes(id));
  if (unknownProfessional)
    throw invalidField('invitedProfessionalIds', `${unknownProfessional} is not on the care team`);
  const members = request.invitedMemberIds.map((id) =>
    family.members.find((member) => String(member._id) === id),
  );
  if (members.some((member) => !member))
    throw invalidField('invitedMemberIds', 'not a member of this family');

  const professionalIds = [...new Set([organiserId, ...request.invitedProfessionalIds])];
  const people = await loadPeople(professionalIds);
  const concertation = await ConcertationModel.create({
    familyId: family._id,
    scheduledAt: new Date(request.scheduledAt),
    durationMinutes: request.durationMinutes,
    place: request.place ?? null,
    remote: request.remote,
    videoRoom: request.remote ? newVideoRoom() : null,
    agenda: request.agenda,
    invitedProfessionalIds: professionalIds,
    invitedMemberIds: request.invitedMemberIds,
    interpreter: { needed: request.interpreter.needed, language: request.interpreter.language ?? null },
    organiserId,
    attendance: [
      ...professionalIds.map((id) => ({
        participantKind: 'professional',
        participantId: id,
        name: people.get(id)?.displayName ?? '—',
        detail: people.get(id)?.profession ?? null,
      })),
      ...members.map((member) => ({
        participantKind: 'familyMember',
        participantId: String(member!._id),
        name: member!.displayName,
        detail: member!.role,
      })),
    ],
  });
  const memberInvitations = [];
  for (const member of members) {
    const invitation = await issueInvitation({
      familyId: family._id,
      memberId: member!._id,
      createdBy: organiserId,
      expiresInDays: 7,
    });
    memberInvitations.push({
      memberId: String(member!._id),
      displayName: member!.displayName,
      // The link leads the member straight to this meeting once her code is accepted.
      link: `${origin}/invitation/${invitation.token}?next=/concertations/${concertation._id}`,
      code: invitation.code,
      expiresAt: invitation.expiresAt.toISOString(),
    });
  }
  return { concertation, memberInvitations };
}
