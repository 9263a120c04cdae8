import type { ConcertationView } from '@concerto/shared';
import type { AuthContext } from '../auth/sessions.ts';
import type { ConcertationModel } from '../models/concertation.ts';
import type { OpenedFamily } from '../policies/familyAccess.ts';
import { mayFollow, mayManage } from '../policies/concertationAccess.ts';
import { loadPeople, personRef } from './people.ts';

type Concertation = InstanceType<typeof ConcertationModel>;

/** Professionals hidden from this family member on the care team (the same rule as the team list). */
export function hiddenProfessionalsFor(auth: AuthContext, opened: OpenedFamily): Set<string> {
  const actor = auth.actor;
  if (actor.kind !== 'familyMember') return new Set();
  return new Set(
    opened.family.team
      .filter((membership) => membership.hiddenFromMemberIds.some((id) => String(id) === actor.memberId))
      .map((membership) => String(membership.professionalId)),
  );
}

/** A concertation as this caller may see it: a family member sees herself and the visible professionals only. */
export async function presentConcertation(
  concertation: Concertation,
  auth: AuthContext,
  opened: OpenedFamily,
): Promise<ConcertationView> {
  const actor = auth.actor;
  const hidden = hiddenProfessionalsFor(auth, opened);
  const people = await loadPeople([...concertation.invitedProfessionalIds, concertation.organiserId]);
  const memberNames = new Map(
    opened.family.members.map((member) => [String(member._id), member.displayName]),
  );
  const visibleMember = (id: string) => actor.kind !== 'familyMember' || id === actor.memberId;
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
    invitedProfessionals: concertation.invitedProfessionalIds
      .map(String)
      .filter((id) => !hidden.has(id))
      .map((id) => ({
        id,
        displayName: people.get(id)?.displayName ?? '—',
        profession: people.get(id)?.profession ?? '',
      })),
    invitedMembers: concertation.invitedMemberIds
      .map(String)
      .filter(visibleMember)
      .map((id) => ({ id, displayName: memberNames.get(id) ?? '—' })),
    interpreter: {
      needed: concertation.interpreter?.needed ?? false,
      language: concertation.interpreter?.language ?? null,
    },
    organiser: personRef(people, concertation.organiserId),
    status: concertation.status,
    startedAt: concertation.startedAt?.toISOString() ?? null,
    closedAt: concertation.closedAt?.toISOString() ?? null,
    attendance: concertation.attendance
      .filter((entry) =>
        entry.participantKind === 'familyMember'
          ? visibleMember(entry.participantId)
          : !hidden.has(entry.participantId),
      )
      .map((entry) => ({
        participantKind: entry.participantKind,
        participantId: entry.participantId,
        name: entry.name,
        detail: entry.detail ?? null,
        status: entry.status,
        mode: entry.mode ?? null,
        joinedAt: entry.joinedAt?.toISOString() ?? null,
        leftAt: entry.leftAt?.toISOString() ?? null,
      })),
    policies: {
      manage: mayManage(auth, concertation, opened),
      join:
        mayFollow(auth, concertation, opened) &&
        (concertation.status === 'scheduled' || concertation.status === 'open'),
    },
  };
}
