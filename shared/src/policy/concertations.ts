import { canOnFamily } from './family.ts';
import { isOwnFamilyMember, linkOf, type Actor, type FamilyScope } from './actor.ts';

/** What the policy needs to know about one concertation. */
export interface ConcertationScope {
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
    case 'concertation.manage': {
      // The organiser runs the meeting, and so does the family's coordinator; both need a link.
      const link = linkOf(actor, family);
      return (
        !!link && (link.professionalId === concertation.organiserId || link.functions.includes('coordinator'))
      );
    }
  }
}
