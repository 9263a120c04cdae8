import { describe, expect, it } from 'vitest';
import {
  accountActions,
  can,
  familyActions,
  familyPoliciesFor,
  type Actor,
  type FamilyScope,
  type SharedItem,
} from '@concerto/shared';

const familyId = 'f'.repeat(24);
const organisationId = 'o'.repeat(24);
const motherId = 'm'.repeat(24);
const partnerId = 'p'.repeat(24);

const identities = {
  anonymous: { kind: 'anonymous' },
  roleAOnTeam: { kind: 'professional', userId: 'a1', healthRole: 'A', organisationId, accessManager: false },
  roleBOnTeam: { kind: 'professional', userId: 'b1', healthRole: 'B', organisationId, accessManager: false },
  coordinatorA: { kind: 'professional', userId: 'c1', healthRole: 'A', organisationId, accessManager: false },
  roleAOffTeam: { kind: 'professional', userId: 'a2', healthRole: 'A', organisationId, accessManager: false },
  roleBOffTeam: { kind: 'professional', userId: 'b2', healthRole: 'B', organisationId, accessManager: false },
  removedMember: {
    kind: 'professional',
    userId: 'r1',
    healthRole: 'A',
    organisationId,
    accessManager: false,
  },
  familyMember: { kind: 'familyMember', familyId, memberId: motherId },
  otherFamilysMember: { kind: 'familyMember', familyId: 'e'.repeat(24), memberId: motherId },
  accessManager: { kind: 'professional', userId: 'm1', healthRole: 'B', organisationId, accessManager: true },
  admin: { kind: 'admin', userId: 'admin' },
} satisfies Record<string, Actor>;

type Identity = keyof typeof identities;
const everyone = Object.keys(identities) as Identity[];

// The removed member's membership ended: the scope lists active memberships only.
const family: FamilyScope = {
  familyId,
  team: [
    { professionalId: 'a1', functions: [] },
    { professionalId: 'b1', functions: [] },
    { professionalId: 'c1', functions: ['coordinator'] },
  ],
  sharingWithdrawnMemberIds: [],
};

const team: Identity[] = ['roleAOnTeam', 'roleBOnTeam', 'coordinatorA'];
const roleAOnTeam: Identity[] = ['roleAOnTeam', 'coordinatorA'];

/** Who may do each family action; every other identity must be refused. */
const familyMatrix: Record<(typeof familyActions)[number], Identity[]> = {
  'family.read': [...team, 'familyMember'],
  'family.update': team,
  'family.members.add': team,
  'family.invitations.create': team,
  'family.team.read': [...team, 'familyMember'],
  'family.team.manage': team,
  'family.strata.read': team,
  'family.strata.change': team,
  'family.screening.read': team,
  'family.screening.record': team,
  // Needs, strengths and networks are not medical data: the whole team (clinical observations: see assessments.test.ts).
  'family.assessments.read': team,
  'family.assessments.record': team,
  'family.services.record.screening': team,
  // Seed 004 line 849: the coordination flat rate is limited to AR 78 professionals.
  'family.services.record.prenatalConsultation': roleAOnTeam,
  'family.services.record.coordination': roleAOnTeam,
  'family.services.record.concertation': team,
  'family.indicators.social.record': team,
  'family.indicators.medical.record': roleAOnTeam,
  'family.flags.raise': team,
  'family.flags.read': roleAOnTeam,
  'family.consents.read': [...team, 'familyMember'],
  'family.consents.record': [...team, 'familyMember'],
  'family.audit.read': ['coordinatorA', 'familyMember'],
  'family.functions.read': [...team, 'familyMember'],
  'family.functions.assign': team,
  'family.referent.choose': [...team, 'familyMember'],
  'family.concertations.read': [...team, 'familyMember'],
  'family.concertations.schedule': team,
  'family.decisions.read': [...team, 'familyMember'],
  'family.decisions.propose': team,
  'family.decisions.position': ['familyMember'],
  'family.referrals.read': [...team, 'familyMember'],
  'family.referrals.manage': team,
  'family.spaces.manage': team,
  'family.export.fhir': [...team, 'familyMember'],
  'family.export.calendar': [...team, 'familyMember'],
  // Day 1000: the coordinator closes or extends; any professional of the team records a departure.
  'family.closing.decide': ['coordinatorA'],
  'family.leave.record': team,
  // GDPR rights are the member's; the coordinator answers her requests.
  'family.data.export': ['familyMember'],
  'family.rights.request': ['familyMember'],
  'family.rights.handle': ['coordinatorA'],
  // The rupture watch is the team's; post-partum depression screening, the six-week visit and contraception
  // are health acts recorded by Role A. Family members do not read the watch.
  'family.keyMoments.read': team,
  'family.keyMoments.record': team,
  'family.keyMoments.medical.record': roleAOnTeam,
};

describe('can(): family actions for every identity', () => {
  for (const action of familyActions) {
    for (const identity of everyone) {
      const expected = familyMatrix[action].includes(identity);
      it(`${identity} ${expected ? 'may' : 'may not'} ${action}`, () => {
        expect(can(identities[identity], action, { kind: 'family', family })).toBe(expected);
      });
    }
  }
});

describe('can(): accounts and organisations', () => {
  const professionals: Identity[] = [
    'roleAOnTeam',
    'roleBOnTeam',
    'coordinatorA',
    'roleAOffTeam',
    'roleBOffTeam',
    'removedMember',
    'accessManager',
  ];
  const matrix: Record<
    (typeof accountActions)[number],
    { resource: Parameters<typeof can>[2]; allowed: Identity[] }
  > = {
    'organisation.create': { resource: { kind: 'platform' }, allowed: ['admin'] },
    'family.create': { resource: { kind: 'platform' }, allowed: professionals },
    'professionals.search': { resource: { kind: 'platform' }, allowed: professionals },
    'organisation.staff.manage': {
      resource: { kind: 'organisation', organisationId },
      allowed: ['admin', 'accessManager'],
    },
    'organisation.read': {
      resource: { kind: 'organisation', organisationId },
      allowed: ['admin', ...professionals],
    },
    'organisation.services.export': {
      resource: { kind: 'organisation', organisationId },
      allowed: ['accessManager'],
    },
    'programme.eligibility.read': { resource: { kind: 'platform' }, allowed: ['admin', ...professionals] },
    'programme.eligibility.change': { resource: { kind: 'platform' }, allowed: ['admin'] },
  };
  for (const action of accountActions) {
    for (const identity of everyone) {
      const { resource, allowed } = matrix[action];
      const expected = allowed.includes(identity);
      it(`${identity} ${expected ? 'may' : 'may not'} ${action}`, () => {
        expect(can(identities[identity], action, resource)).toBe(expected);
      });
    }
  }

  it("an access manager may not manage another organisation's staff", () => {
    expect(
      can(identities.accessManager, 'organisation.staff.manage', {
        kind: 'organisation',
        organisationId: 'x'.repeat(24),
      }),
    ).toBe(false);
  });
});

describe('can(): items of the file', () => {
  const items: Record<
    string,
    { item: SharedItem; scope?: FamilyScope; read: Identity[]; share: Identity[] }
  > = {
    'a social indicator shared with the mother': {
      item: { category: 'social', sharedWithMemberIds: [motherId] },
      read: [...team, 'familyMember'],
      share: team,
    },
    'a social indicator shared with nobody': {
      item: { category: 'social', sharedWithMemberIds: [] },
      read: team,
      share: team,
    },
    'a medical indicator': {
      item: { category: 'medical', sharedWithMemberIds: [] },
      read: roleAOnTeam,
      share: roleAOnTeam,
    },
    'a medical indicator a Role A member shared with the mother': {
      item: { category: 'medical', sharedWithMemberIds: [motherId] },
      read: [...roleAOnTeam, 'familyMember'],
      share: roleAOnTeam,
    },
    "an item shared with the partner only (the mother's session)": {
      item: { category: 'general', sharedWithMemberIds: [partnerId] },
      read: team,
      share: team,
    },
    'an item about a member who withdrew sharing consent, recorded by a1': {
      item: { category: 'social', sharedWithMemberIds: [], aboutMemberId: partnerId, authorId: 'a1' },
      scope: { ...family, sharingWithdrawnMemberIds: [partnerId] },
      read: ['roleAOnTeam'],
      share: ['roleAOnTeam'],
    },
  };
  for (const [description, { item, scope, read, share }] of Object.entries(items)) {
    for (const identity of everyone) {
      const resource = { kind: 'item', family: scope ?? family, item } as const;
      it(`${identity} ${read.includes(identity) ? 'reads' : 'does not read'} ${description}`, () => {
        expect(can(identities[identity], 'item.read', resource)).toBe(read.includes(identity));
      });
      it(`${identity} ${share.includes(identity) ? 'shares' : 'does not share'} ${description}`, () => {
        expect(can(identities[identity], 'item.share', resource)).toBe(share.includes(identity));
      });
    }
  }
});

describe('familyPoliciesFor()', () => {
  it('lists every family action with the same answers as can()', () => {
    const policies = familyPoliciesFor(identities.roleBOnTeam, family);
    expect(Object.keys(policies).sort()).toEqual([...familyActions].sort());
    expect(policies['family.flags.raise']).toBe(true);
    expect(policies['family.flags.read']).toBe(false);
  });

  it('gives a removed member nothing', () => {
    expect(Object.values(familyPoliciesFor(identities.removedMember, family)).some(Boolean)).toBe(false);
  });
});
