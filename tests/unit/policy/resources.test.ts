import { describe, expect, it } from 'vitest';
import {
  can,
  defaultAudience,
  hiddenProfessionalIds,
  maySeeProfessional,
  networkNotesAccessFor,
  spaceAccessFor,
  type Action,
  type Resource,
  type SpaceAccess,
  type SpaceFamilyScope,
  type SpaceScope,
} from '@concerto/shared';
import {
  buildFamilyScope,
  eachIdentity,
  everyone,
  guests,
  identities,
  ids,
  team,
  type Identity,
} from './identities.ts';

const family = buildFamilyScope();
const spaceFamily: SpaceFamilyScope = {
  ...family,
  participationWithdrawnMemberIds: [],
  roleAProfessionalIds: ['a1', 'c1'],
};

/** One table for the resource kinds that answer yes or no. */
const cases: { what: string; action: Action; resource: Resource; allowed: Identity[] }[] = [
  {
    what: 'reads her own referral',
    action: 'referral.read',
    resource: { kind: 'referral', family, referral: { memberId: ids.mother, hiddenFromMemberIds: [] } },
    allowed: [...team, 'mother'],
  },
  {
    what: 'reads a referral hidden from its subject',
    action: 'referral.read',
    resource: {
      kind: 'referral',
      family,
      referral: { memberId: ids.mother, hiddenFromMemberIds: [ids.mother] },
    },
    allowed: team,
  },
  {
    what: 'updates a referral',
    action: 'referral.update',
    resource: { kind: 'referral', family, referral: { memberId: ids.mother, hiddenFromMemberIds: [] } },
    allowed: team,
  },
  {
    what: 'reads a network meeting of her organisation',
    action: 'networkMeeting.read',
    resource: {
      kind: 'networkMeeting',
      meeting: { organiserId: 'a2', memberOrganisationIds: [ids.organisation], published: false },
    },
    allowed: [
      'roleAOnTeam',
      'roleBOnTeam',
      'coordinatorA',
      'roleAOffTeam',
      'roleBOffTeam',
      'accessManager',
      'removedMember',
    ],
  },
  {
    what: 'reads a network meeting of other organisations',
    action: 'networkMeeting.read',
    resource: {
      kind: 'networkMeeting',
      meeting: { organiserId: 'a2', memberOrganisationIds: [ids.otherOrganisation], published: false },
    },
    allowed: [],
  },
  {
    what: 'changes an unpublished network meeting (organiser a2)',
    action: 'networkMeeting.edit',
    resource: {
      kind: 'networkMeeting',
      meeting: { organiserId: 'a2', memberOrganisationIds: [ids.organisation], published: false },
    },
    allowed: ['roleAOffTeam'],
  },
  {
    what: 'changes a published network meeting',
    action: 'networkMeeting.edit',
    resource: {
      kind: 'networkMeeting',
      meeting: { organiserId: 'a2', memberOrganisationIds: [ids.organisation], published: true },
    },
    allowed: [],
  },
  {
    what: "maintains her organisation's directory entry",
    action: 'directory.entry.maintain',
    resource: { kind: 'directory', entry: { organisationId: ids.organisation } },
    allowed: ['admin', 'accessManager'],
  },
  {
    what: "maintains another organisation's directory entry",
    action: 'directory.entry.maintain',
    resource: { kind: 'directory', entry: { organisationId: ids.otherOrganisation } },
    allowed: ['admin'],
  },
  {
    what: 'suggests a correction to the directory',
    action: 'directory.entry.suggest',
    resource: { kind: 'directory', entry: { organisationId: null } },
    allowed: everyone.filter((identity) => identity !== 'anonymous' && !guests.includes(identity)),
  },
  {
    what: "updates a service's availability",
    action: 'directory.availability.update',
    resource: { kind: 'directory', entry: { organisationId: null } },
    allowed: everyone.filter(
      (identity) => !['anonymous', 'mother', 'partner', 'otherFamilysMember', ...guests].includes(identity),
    ),
  },
  {
    what: 'writes the shared plan',
    action: 'space.write',
    resource: {
      kind: 'space',
      family: spaceFamily,
      space: { kind: 'sharedPlan', audience: defaultAudience('sharedPlan') },
    },
    allowed: team,
  },
  {
    what: 'an action of another resource kind is refused',
    action: 'family.read',
    resource: { kind: 'directory', entry: null },
    allowed: [],
  },
];

describe('can(): referrals, network meetings, directory, spaces', () => {
  for (const { what, action, resource, allowed } of cases) {
    eachIdentity(allowed, (identity, expected) => {
      it(`${identity} ${expected ? 'may' : 'may not'}: ${what}`, () => {
        expect(can(identities[identity], action, resource)).toBe(expected);
      });
    });
  }
});

describe('spaceAccessFor()', () => {
  const sharedWithMother: SpaceScope = {
    kind: 'sharedPlan',
    audience: { ...defaultAudience('sharedPlan'), members: [{ memberId: ids.mother, access: 'contribute' }] },
  };
  const table: {
    what: string;
    space: SpaceScope;
    scope?: SpaceFamilyScope;
    access: Partial<Record<Identity, SpaceAccess>>;
  }[] = [
    {
      what: 'the shared plan, contributed to by the mother',
      space: sharedWithMother,
      access: { roleAOnTeam: 'write', roleBOnTeam: 'write', coordinatorA: 'write', mother: 'contribute' },
    },
    {
      what: 'the health space',
      space: { kind: 'health', audience: { ...defaultAudience('health'), team: 'allTeam' } },
      access: { roleAOnTeam: 'write', coordinatorA: 'write' },
    },
    {
      what: 'the shared plan after the mother withdrew her concertation consent',
      space: sharedWithMother,
      scope: { ...spaceFamily, participationWithdrawnMemberIds: [ids.mother] },
      access: { roleAOnTeam: 'write', roleBOnTeam: 'write', coordinatorA: 'write' },
    },
    {
      what: 'the health space when a1 is Role B in the database (stale session)',
      space: { kind: 'health', audience: defaultAudience('health') },
      scope: { ...spaceFamily, roleAProfessionalIds: ['c1'] },
      access: { coordinatorA: 'write' },
    },
  ];
  for (const { what, space, scope, access } of table) {
    for (const identity of everyone) {
      const expected = access[identity] ?? 'none';
      it(`${identity} opens ${what}: ${expected}`, () => {
        expect(spaceAccessFor(identities[identity], space, scope ?? spaceFamily)).toBe(expected);
      });
    }
  }

  it('network notes are written by member organisations until published, then read-only', () => {
    const meeting = { organiserId: 'a2', memberOrganisationIds: [ids.organisation], published: false };
    expect(networkNotesAccessFor(identities.roleBOffTeam, meeting)).toBe('write');
    expect(networkNotesAccessFor(identities.roleBOffTeam, { ...meeting, published: true })).toBe('read');
    expect(networkNotesAccessFor(identities.mother, meeting)).toBe('none');
    expect(networkNotesAccessFor(identities.admin, meeting)).toBe('none');
  });
});

describe('hidden professionals', () => {
  const memberships = [
    { professionalId: 'a1', hiddenFromMemberIds: [ids.partner], ended: false },
    { professionalId: 'b1', hiddenFromMemberIds: [], ended: false },
  ];
  it('the partner does not see the professional hidden from him; the mother and the team do', () => {
    expect(maySeeProfessional(identities.partner, family, memberships[0]!)).toBe(false);
    expect(maySeeProfessional(identities.mother, family, memberships[0]!)).toBe(true);
    expect(maySeeProfessional(identities.roleBOnTeam, family, memberships[0]!)).toBe(true);
    expect([...hiddenProfessionalIds(identities.partner, family, memberships)]).toEqual(['a1']);
    expect([...hiddenProfessionalIds(identities.roleAOnTeam, family, memberships)]).toEqual([]);
  });
  it('someone outside the family sees no professional', () => {
    expect([...hiddenProfessionalIds(identities.otherFamilysMember, family, memberships)].sort()).toEqual([
      'a1',
      'b1',
    ]);
    expect(maySeeProfessional(identities.roleAOffTeam, family, memberships[1]!)).toBe(false);
  });
  it('an ended membership is not shown to members', () => {
    expect(maySeeProfessional(identities.mother, family, { ...memberships[1]!, ended: true })).toBe(false);
  });
});
