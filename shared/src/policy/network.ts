import type { SpaceAccess } from '../collab/spaces.ts';
import type { Actor } from './actor.ts';

/** What the policy needs to know about one network meeting (no family data in it). */
export interface NetworkMeetingScope {
  organiserId: string;
  memberOrganisationIds: readonly string[];
  /** Published meetings are read-only everywhere: attendance, decisions and the live notes. */
  published: boolean;
}

/** Actions on network meetings: read it, run it (the organiser), change it (the organiser, until published). */
export const networkMeetingActions = [
  'networkMeeting.read',
  'networkMeeting.manage',
  'networkMeeting.edit',
] as const;
/** An action on a network meeting. */
export type NetworkMeetingAction = (typeof networkMeetingActions)[number];

function belongs(actor: Actor, meeting: NetworkMeetingScope): boolean {
  return actor.kind === 'professional' && meeting.memberOrganisationIds.includes(actor.organisationId);
}

/** Professionals of member organisations take part; the organiser runs it; once published nothing changes. */
export function canOnNetworkMeeting(
  actor: Actor,
  action: NetworkMeetingAction,
  meeting: NetworkMeetingScope,
): boolean {
  if (!belongs(actor, meeting)) return false;
  const organiser = actor.kind === 'professional' && actor.userId === meeting.organiserId;
  switch (action) {
    case 'networkMeeting.read':
      return true;
    case 'networkMeeting.manage':
      return organiser;
    case 'networkMeeting.edit':
      return organiser && !meeting.published;
  }
}

/** Whether the actor may organise network meetings at all (any professional, for her organisation). */
export function mayOrganiseNetworkMeetings(actor: Actor): boolean {
  return actor.kind === 'professional';
}

/** The live notes of a network meeting: written by member organisations' professionals, read-only once published. */
export function networkNotesAccessFor(actor: Actor, meeting: NetworkMeetingScope): SpaceAccess {
  if (!belongs(actor, meeting)) return 'none';
  return meeting.published ? 'read' : 'write';
}

/** The organisation through which the actor takes part in network meetings, or null (members, the admin). */
export function networkOrganisationOf(actor: Actor): string | null {
  return actor.kind === 'professional' ? actor.organisationId : null;
}
