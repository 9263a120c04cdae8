import type { ConcertationView } from '@concerto/shared';
import type { VideoSettings } from '../config.ts';
import { versionOf } from '../http/versions.ts';
import type { ConcertationModel } from '../models/concertation.ts';
import type { OpenedFamily } from '../policies/familyAccess.ts';
import { canOnConcertation, visibleParticipants } from '../policies/concertationAccess.ts';
import { presentCall } from './callPresenter.ts';
import { loadPeopleFor, personRef } from './people.ts';

type Concertation = InstanceType<typeof ConcertationModel>;

/**
 * Formats a concertation; who it names was narrowed to what the caller may see by `visibleParticipants`,
 * and the call of a remote meeting goes to those the policy lets join it (`video`: the server's service).
 */
export async function presentConcertation(
  concertation: Concertation,
  opened: OpenedFamily,
  video: VideoSettings,
): Promise<ConcertationView> {
  const manage = canOnConcertation(opened, 'concertation.manage', concertation);
  const visible = visibleParticipants(opened, concertation);
  const people = await loadPeopleFor(opened.hiddenProfessionals(), [
    ...visible.professionalIds,
    concertation.organiserId,
  ]);
  const memberNames = new Map(
    opened.family.members.map((member) => [String(member._id), member.displayName]),
  );
  return {
    id: String(concertation._id),
    familyId: String(concertation.familyId),
    familyLabel: opened.family.label,
    scheduledAt: concertation.scheduledAt.toISOString(),
    durationMinutes: concertation.durationMinutes,
    place: concertation.place ?? null,
    remote: concertation.remote,
    agenda: concertation.agenda.map((item) => ({ title: item.title ?? '' })),
    currentAgendaIndex: concertation.currentAgendaIndex,
    invitedProfessionals: visible.professionalIds.map((id) => ({
      id,
      displayName: people.get(id)?.displayName ?? '—',
      profession: people.get(id)?.profession ?? '',
    })),
    invitedMembers: visible.memberIds.map((id) => ({ id, displayName: memberNames.get(id) ?? '—' })),
    interpreter: {
      needed: concertation.interpreter?.needed ?? false,
      language: concertation.interpreter?.language ?? null,
    },
    organiser: personRef(people, concertation.organiserId),
    status: concertation.status,
    startedAt: concertation.startedAt?.toISOString() ?? null,
    closedAt: concertation.closedAt?.toISOString() ?? null,
    attendance: visible.attendance.map((entry) => ({
      participantKind: entry.participantKind,
      participantId: entry.participantId,
      name: entry.name,
      detail: entry.detail ?? null,
      status: entry.status,
      mode: entry.mode ?? null,
      joinedAt: entry.joinedAt?.toISOString() ?? null,
      leftAt: entry.leftAt?.toISOString() ?? null,
    })),
    call: presentCall(video, concertation, {
      join: canOnConcertation(opened, 'concertation.call.join', concertation),
      manage,
    }),
    policies: {
      manage,
      join: canOnConcertation(opened, 'concertation.room.join', concertation),
      inviteInterpreters: canOnConcertation(opened, 'concertation.guests.invite', concertation),
    },
    version: versionOf(concertation.lastChange),
  };
}
