import type { RoomState } from '@concerto/shared';
import type { AuthContext } from '../auth/sessions.ts';
import { loadConcertationFor } from '../policies/concertationAccess.ts';
import type { PresentParticipant } from './roomPresence.ts';

/**
 * The live state of a meeting as `auth` may see it, fresh from the database (status, agenda item, timer,
 * raised hands, attendance mode) around who is present; null once they may no longer follow the meeting.
 * Professionals hidden from the reader are left out, as everywhere else.
 */
export async function roomStateFor(
  auth: AuthContext,
  concertationId: string,
  present: PresentParticipant[],
): Promise<RoomState | null> {
  const loaded = await loadConcertationFor(auth, concertationId);
  if (!loaded) return null;
  const { concertation, opened } = loaded;
  const hidden = opened.hiddenProfessionals();
  const hands = new Set(concertation.raisedHands ?? []);
  const participants = present
    .filter(
      (participant) => !(participant.kind === 'professional' && hidden.has(participant.key.split(':')[1]!)),
    )
    .map((participant) => {
      const entry = concertation.attendance.find(
        (candidate) => `${candidate.participantKind}:${candidate.participantId}` === participant.key,
      );
      return { ...participant, handRaised: hands.has(participant.key), mode: entry?.mode ?? null };
    });
  const timer = concertation.timer;
  return {
    concertationId,
    status: concertation.status,
    currentAgendaIndex: concertation.currentAgendaIndex,
    timer: {
      running: timer?.running ?? false,
      startedAt: timer?.startedAt ?? null,
      elapsedMs: timer?.elapsedMs ?? 0,
    },
    participants,
  };
}
