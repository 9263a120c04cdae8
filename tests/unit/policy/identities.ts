import type { Actor, FamilyScope } from '@concerto/shared';

/** Ids used across the policy tables. */
export const ids = {
  family: 'f'.repeat(24),
  otherFamily: 'e'.repeat(24),
  organisation: 'o'.repeat(24),
  otherOrganisation: 'q'.repeat(24),
  mother: 'm'.repeat(24),
  partner: 'p'.repeat(24),
  meeting: 'd'.repeat(24),
  otherMeeting: 'b'.repeat(24),
} as const;

const guest = (guestId: string, familyId: string, concertationId: string): Actor => ({
  kind: 'guest',
  guestId,
  familyId,
  concertationId,
});

const professional = (userId: string, healthRole: 'A' | 'B', accessManager = false): Actor => ({
  kind: 'professional',
  userId,
  healthRole,
  organisationId: ids.organisation,
  accessManager,
});

/** Every kind of identity the policy must tell apart (a1, b1, c1 are on the team; r1's membership ended). */
export const identities = {
  anonymous: { kind: 'anonymous' },
  admin: { kind: 'admin', userId: 'admin' },
  roleAOnTeam: professional('a1', 'A'),
  roleBOnTeam: professional('b1', 'B'),
  coordinatorA: professional('c1', 'A'),
  roleAOffTeam: professional('a2', 'A'),
  roleBOffTeam: professional('b2', 'B'),
  accessManager: professional('m1', 'B', true),
  removedMember: professional('r1', 'A'),
  mother: { kind: 'familyMember', familyId: ids.family, memberId: ids.mother },
  partner: { kind: 'familyMember', familyId: ids.family, memberId: ids.partner },
  otherFamilysMember: { kind: 'familyMember', familyId: ids.otherFamily, memberId: ids.mother },
  // An interpreter's one-meeting pass: for the family's meeting `ids.meeting`, for another of its meetings,
  // and one that names the same meeting id in another family (a forged or stale pass must open nothing).
  interpreter: guest('g1', ids.family, ids.meeting),
  otherMeetingInterpreter: guest('g2', ids.family, ids.otherMeeting),
  otherFamilysInterpreter: guest('g3', ids.otherFamily, ids.meeting),
} satisfies Record<string, Actor>;

/** One identity of the table. */
export type Identity = keyof typeof identities;
/** Every identity, for exhaustive tables. */
export const everyone = Object.keys(identities) as Identity[];
/** Interpreters' one-meeting passes: they open one meeting's room, nothing else. */
export const guests: Identity[] = ['interpreter', 'otherMeetingInterpreter', 'otherFamilysInterpreter'];
/** The professionals with a therapeutic link. */
export const team: Identity[] = ['roleAOnTeam', 'roleBOnTeam', 'coordinatorA'];

/** A family scope: a1, b1 and the coordinator c1 on the team; overrides for consents. */
export function buildFamilyScope(overrides: Partial<FamilyScope> = {}): FamilyScope {
  return {
    familyId: ids.family,
    team: [
      { professionalId: 'a1', functions: [] },
      { professionalId: 'b1', functions: [] },
      { professionalId: 'c1', functions: ['coordinator'] },
    ],
    sharingWithdrawnMemberIds: [],
    participationWithdrawnMemberIds: [],
    ...overrides,
  };
}

/** Runs one expectation per identity: those listed are allowed, everyone else refused. */
export function eachIdentity(
  allowed: readonly Identity[],
  check: (identity: Identity, expected: boolean) => void,
) {
  for (const identity of everyone) check(identity, allowed.includes(identity));
}
