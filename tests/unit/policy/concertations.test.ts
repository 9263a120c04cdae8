import { describe, expect, it } from 'vitest';
import { can, type ConcertationAction, type ConcertationScope, type FamilyScope } from '@concerto/shared';
import { buildFamilyScope, eachIdentity, identities, ids, team, type Identity } from './identities.ts';

const scheduled: ConcertationScope = {
  concertationId: ids.meeting,
  organiserId: 'b1',
  invitedMemberIds: [ids.mother],
  status: 'scheduled',
};

const cases: {
  what: string;
  action: ConcertationAction;
  concertation?: ConcertationScope;
  family?: FamilyScope;
  allowed: Identity[];
}[] = [
  { what: 'reads a meeting she is invited to', action: 'concertation.read', allowed: [...team, 'mother'] },
  {
    what: 'joins the room of a scheduled meeting (the interpreter: hers only)',
    action: 'concertation.room.join',
    allowed: [...team, 'mother', 'interpreter'],
  },
  {
    what: 'joins the room of an open meeting',
    action: 'concertation.room.join',
    concertation: { ...scheduled, status: 'open' },
    allowed: [...team, 'mother', 'interpreter'],
  },
  {
    what: 'joins the room of a cancelled meeting',
    action: 'concertation.room.join',
    concertation: { ...scheduled, status: 'cancelled' },
    allowed: [],
  },
  {
    what: "joins another meeting's room of the same family",
    action: 'concertation.room.join',
    concertation: { ...scheduled, concertationId: ids.otherMeeting },
    allowed: [...team, 'mother', 'otherMeetingInterpreter'],
  },
  {
    what: 'invites an interpreter to a scheduled meeting (organiser b1, coordinator c1)',
    action: 'concertation.guests.invite',
    allowed: ['roleBOnTeam', 'coordinatorA'],
  },
  {
    what: 'invites an interpreter to a closed meeting',
    action: 'concertation.guests.invite',
    concertation: { ...scheduled, status: 'closed' },
    allowed: [],
  },
  {
    what: 'joins the room of a closed meeting',
    action: 'concertation.room.join',
    concertation: { ...scheduled, status: 'closed' },
    allowed: [],
  },
  {
    what: 'gets the video call of a scheduled meeting (the interpreter hears what she interprets)',
    action: 'concertation.call.join',
    allowed: [...team, 'mother', 'interpreter'],
  },
  {
    what: 'gets the video call of a closed meeting',
    action: 'concertation.call.join',
    concertation: { ...scheduled, status: 'closed' },
    allowed: [],
  },
  {
    what: 'gets the video call after the mother withdrew her concertation consent',
    action: 'concertation.call.join',
    family: buildFamilyScope({ participationWithdrawnMemberIds: [ids.mother] }),
    allowed: [...team, 'interpreter'],
  },
  {
    what: 'reads the minutes of a closed meeting',
    action: 'concertation.minutes.read',
    concertation: { ...scheduled, status: 'closed' },
    allowed: [...team, 'mother'],
  },
  { what: 'reads minutes before the meeting is closed', action: 'concertation.minutes.read', allowed: [] },
  {
    what: 'runs the meeting (organiser b1, coordinator c1)',
    action: 'concertation.manage',
    allowed: ['roleBOnTeam', 'coordinatorA'],
  },
  {
    what: 'reads a meeting after the mother withdrew her concertation consent',
    action: 'concertation.read',
    family: buildFamilyScope({ participationWithdrawnMemberIds: [ids.mother] }),
    allowed: team,
  },
  {
    what: 'joins the room after the mother withdrew her concertation consent',
    action: 'concertation.room.join',
    family: buildFamilyScope({ participationWithdrawnMemberIds: [ids.mother] }),
    allowed: [...team, 'interpreter'],
  },
];

describe('can(): concertations and their room', () => {
  for (const { what, action, concertation, family, allowed } of cases) {
    eachIdentity(allowed, (identity, expected) => {
      it(`${identity} ${expected ? 'may' : 'may not'}: ${what}`, () => {
        const resource = {
          kind: 'concertation',
          family: family ?? buildFamilyScope(),
          concertation: concertation ?? scheduled,
        } as const;
        expect(can(identities[identity], action, resource)).toBe(expected);
      });
    });
  }
});
