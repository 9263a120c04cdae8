import { describe, expect, it } from 'vitest';
import {
  auditEntryView,
  can,
  familyActions,
  guestPassExpiry,
  hiddenProfessionalIds,
  participantKeyOf,
  participantKindOf,
  reachesGeneralRoutes,
} from '@concerto/shared';
import { buildFamilyScope, everyone, guests, identities, ids } from './identities.ts';

const family = buildFamilyScope();
const meeting = {
  concertationId: ids.meeting,
  organiserId: 'a1',
  invitedMemberIds: [ids.mother],
  status: 'open' as const,
};

describe("an interpreter's one-meeting pass", () => {
  it('opens no action on the family file, whatever the file', () => {
    for (const guest of guests)
      for (const action of familyActions)
        expect(can(identities[guest], action, { kind: 'family', family }), `${guest} ${action}`).toBe(false);
  });

  it('never reads, runs or reads the minutes of her own meeting: only its room and call', () => {
    const interpreter = identities.interpreter;
    const resource = { kind: 'concertation', family, concertation: meeting } as const;
    expect(can(interpreter, 'concertation.room.join', resource)).toBe(true);
    expect(can(interpreter, 'concertation.call.join', resource)).toBe(true);
    for (const action of [
      'concertation.read',
      'concertation.manage',
      'concertation.guests.invite',
      'concertation.minutes.read',
    ] as const)
      expect(can(interpreter, action, resource), action).toBe(false);
    const closed = { kind: 'concertation', family, concertation: { ...meeting, status: 'closed' } } as const;
    expect(can(interpreter, 'concertation.minutes.read', closed)).toBe(false);
    expect(can(interpreter, 'concertation.room.join', closed)).toBe(false);
  });

  it('reaches only the routes made for it, never the general ones', () => {
    for (const identity of everyone) {
      const general = identity !== 'anonymous' && !guests.includes(identity);
      expect(reachesGeneralRoutes(identities[identity]), identity).toBe(general);
    }
  });

  it('names her in the room as a guest, apart from professionals and members', () => {
    expect(participantKindOf(identities.interpreter)).toBe('guest');
    expect(participantKeyOf(identities.interpreter)).toBe('guest:g1');
    expect(participantKeyOf(identities.mother)).toBe(`familyMember:${ids.mother}`);
    expect(participantKeyOf(identities.roleAOnTeam)).toBe('professional:a1');
  });

  it('shows her the professionals who speak, except anyone hidden from a member or gone', () => {
    const memberships = [
      { professionalId: 'a1', hiddenFromMemberIds: [], ended: false },
      { professionalId: 'v1', hiddenFromMemberIds: [ids.partner], ended: false },
      { professionalId: 'r1', hiddenFromMemberIds: [], ended: true },
    ];
    expect([...hiddenProfessionalIds(identities.interpreter, family, memberships)].sort()).toEqual([
      'r1',
      'v1',
    ]);
    // A pass for another family sees nobody of this one.
    expect(hiddenProfessionalIds(identities.otherFamilysInterpreter, family, memberships).size).toBe(3);
  });

  it('never reads the audit trail, even through its view rule', () => {
    const entry = {
      actorKind: 'professional' as const,
      actorUserId: 'a1',
      actorMemberId: null,
      access: 'read' as const,
      part: 'file',
      spaceId: null,
    };
    const context = { hiddenProfessionalIds: new Set<string>(), sharedSpaceIds: new Set<string>() };
    expect(auditEntryView(identities.interpreter, entry, context)).toBe('left out');
    expect(auditEntryView(identities.roleAOnTeam, entry, context)).toBe('shown');
    // The family never sees the interpreter's own entries in its trail.
    expect(
      auditEntryView(identities.mother, { ...entry, actorKind: 'guest', actorUserId: null }, context),
    ).toBe('left out');
  });

  it('ends a few hours after the planned end of the meeting, and never before a late meeting gets her', () => {
    const now = new Date('2026-03-02T09:00:00Z');
    const meetingAt = { scheduledAt: new Date('2026-03-02T10:00:00Z'), durationMinutes: 60 };
    expect(guestPassExpiry(meetingAt, now).toISOString()).toBe('2026-03-02T14:00:00.000Z');
    const lateNow = new Date('2026-03-02T12:30:00Z');
    expect(guestPassExpiry(meetingAt, lateNow).toISOString()).toBe('2026-03-02T15:30:00.000Z');
  });
});
