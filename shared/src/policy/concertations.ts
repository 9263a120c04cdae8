import { canOnFamily } from './family.ts';
import { isOwnFamilyMember, linkOf, type Actor, type FamilyScope } from './actor.ts';
import { guestMayOnConcertation } from './guests.ts';

/** What the policy needs to know about one concertation. */
export interface ConcertationScope {
  /** Which meeting this is: a guest's pass opens one meeting, named by its id. */
  concertationId: string;
  organiserId: string;
  invitedMemberIds: readonly string[];
  status: 'scheduled' | 'open' | 'closed' | 'cancelled';
}

/** Actions on one concertation (a meeting of the family and the team) and its live room. */
export const concertationActions = [
  'concertation.read',
  'concertation.manage',
  'concertation.room.join',
  'concertation.minutes.read',
  'concertation.call.join',
  'concertation.guests.invite',
] as const;
/** An action on one concertation. */
export type ConcertationAction = (typeof concertationActions)[number];

/** Team members follow every meeting; a member follows those she is invited to personally, with her consent. */
function mayFollow(actor: Actor, family: FamilyScope, concertation: ConcertationScope): boolean {
  if (!canOnFamily(actor, 'family.concertations.read', family)) return false;
  if (isOwnFamilyMember(actor, family)) return concertation.invitedMemberIds.includes(actor.memberId);
  return true;
}

/** Whether the actor may do `action` on this concertation; REST, the room and the minutes all ask here. */
export function canOnConcertation(
  actor: Actor,
  action: ConcertationAction,
  family: FamilyScope,
  concertation: ConcertationScope,
): boolean {
  // A guest's pass is decided on its own terms: her one meeting's room and call, never the file's rules.
  if (actor.kind === 'guest') return guestMayOnConcertation(actor, action, family, concertation);
  switch (action) {
    case 'concertation.read':
      return mayFollow(actor, family, concertation);
    case 'concertation.room.join':
      return (
        mayFollow(actor, family, concertation) &&
        (concertation.status === 'scheduled' || concertation.status === 'open')
      );
    // The video call's address opens the call to whoever holds it: only those who may follow the meeting
    // get it, and only while it can still take place.
    case 'concertation.call.join':
      return (
        mayFollow(actor, family, concertation) &&
        (concertation.status === 'scheduled' || concertation.status === 'open')
      );
    case 'concertation.minutes.read':
      return mayFollow(actor, family, concertation) && concertation.status === 'closed';
    case 'concertation.manage':
      return runsTheMeeting(actor, family, concertation);
    // Those who organise the meeting bring an interpreter to it (seed 004: interpreting « doit être
    // favorisée »), while it can still take place.
    case 'concertation.guests.invite':
      return (
        runsTheMeeting(actor, family, concertation) &&
        (concertation.status === 'scheduled' || concertation.status === 'open')
      );
  }
}

/** The organiser runs the meeting, and so does the family's coordinator; both need a link. */
function runsTheMeeting(actor: Actor, family: FamilyScope, concertation: ConcertationScope): boolean {
  const link = linkOf(actor, family);
  return (
    !!link && (link.professionalId === concertation.organiserId || link.functions.includes('coordinator'))
  );
}
