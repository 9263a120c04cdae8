import type { Actor, FamilyScope, GuestActor } from './actor.ts';
import type { ConcertationAction, ConcertationScope } from './concertations.ts';

/**
 * What a guest's pass opens in her one meeting: its live room (presence, hands, agenda) and, for a remote
 * meeting, its call, so that she hears what she interprets. Never the meeting's record (invitations,
 * attendance), its minutes, nor running it.
 */
const guestConcertationActions: readonly ConcertationAction[] = [
  'concertation.room.join',
  'concertation.call.join',
];

/**
 * Whether a guest may do `action` on this concertation: only on the meeting her pass names, in the family it
 * belongs to, while the meeting can still take place.
 */
export function guestMayOnConcertation(
  guest: GuestActor,
  action: ConcertationAction,
  family: FamilyScope,
  concertation: ConcertationScope,
): boolean {
  return (
    guestConcertationActions.includes(action) &&
    guest.familyId === family.familyId &&
    guest.concertationId === concertation.concertationId &&
    (concertation.status === 'scheduled' || concertation.status === 'open')
  );
}

/**
 * Whether the actor's session reaches the API's general routes (her file, lists, directory, notifications…):
 * accounts and family members do; a guest's pass reaches only the routes made for it.
 */
export function reachesGeneralRoutes(actor: Actor): boolean {
  return actor.kind === 'professional' || actor.kind === 'admin' || actor.kind === 'familyMember';
}

/** How long after a meeting's planned end a guest's pass still works: meetings run late, or start late. */
export const guestPassGraceMs = 3 * 3600 * 1000;

/**
 * When a guest's pass for a meeting stops working: a few hours after its planned end, and never sooner than
 * that grace from `now` (a meeting already running late still gets its interpreter).
 */
export function guestPassExpiry(meeting: { scheduledAt: Date; durationMinutes: number }, now: Date): Date {
  const plannedEnd = meeting.scheduledAt.getTime() + meeting.durationMinutes * 60_000;
  return new Date(Math.max(plannedEnd, now.getTime()) + guestPassGraceMs);
}
