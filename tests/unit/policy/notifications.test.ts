import { describe, expect, it } from 'vitest';
import {
  defaultAudience,
  mayBeNotified,
  mayNameAuthor,
  notificationKeyOf,
  ownsPlanAction,
  familyWordsListeners,
  type NoticeAuthor,
  type NoticeScope,
  type SpaceFamilyScope,
  type TeamMembershipScope,
} from '@concerto/shared';
import { buildFamilyScope, eachIdentity, identities, ids, team, type Identity } from './identities.ts';

const family = buildFamilyScope();
const withReferent = buildFamilyScope({
  team: [
    { professionalId: 'a1', functions: ['referent'] },
    { professionalId: 'b1', functions: [] },
    { professionalId: 'c1', functions: ['coordinator'] },
  ],
});
const spaceFamily = (scope = family): SpaceFamilyScope => ({
  ...scope,
  participationWithdrawnMemberIds: scope.participationWithdrawnMemberIds ?? [],
  roleAProfessionalIds: ['a1', 'c1'],
});
const planSharedWithMother = {
  kind: 'sharedPlan' as const,
  audience: {
    ...defaultAudience('sharedPlan'),
    members: [{ memberId: ids.mother, access: 'contribute' as const }],
  },
};
const meeting = (status: 'scheduled' | 'closed') => ({
  concertationId: ids.meeting,
  organiserId: 'a1',
  invitedMemberIds: [ids.mother],
  status,
});
const proposal = {
  hiddenFromMemberIds: [],
  awaitedMemberIds: [ids.mother, ids.partner],
  status: 'proposed' as const,
  positionedMemberIds: [ids.partner],
};

const cases: { what: string; notice: NoticeScope; allowed: Identity[] }[] = [
  {
    what: 'invited to a meeting still to come',
    notice: { kind: 'concertationInvitation', family, concertation: meeting('scheduled') },
    allowed: [...team, 'mother'],
  },
  {
    what: 'invited to a meeting already closed',
    notice: { kind: 'concertationInvitation', family, concertation: meeting('closed') },
    allowed: [],
  },
  {
    what: 'invited to a meeting after she withdrew her concertation consent',
    notice: {
      kind: 'concertationInvitation',
      family: buildFamilyScope({ participationWithdrawnMemberIds: [ids.mother] }),
      concertation: meeting('scheduled'),
    },
    allowed: team,
  },
  {
    what: 'asked for her position (the partner already answered; the team never votes)',
    notice: { kind: 'positionAwaited', family, decision: proposal },
    allowed: ['mother'],
  },
  {
    what: 'asked for a position on a decision hidden from the partner',
    notice: {
      kind: 'positionAwaited',
      family,
      decision: { ...proposal, hiddenFromMemberIds: [ids.partner], positionedMemberIds: [] },
    },
    allowed: ['mother'],
  },
  {
    what: 'an action she owns changed in the plan shared with the mother',
    notice: { kind: 'actionChanged', family: spaceFamily(), space: planSharedWithMother },
    allowed: [...team, 'mother'],
  },
  {
    what: 'an action changed in the team notes',
    notice: {
      kind: 'actionChanged',
      family: spaceFamily(),
      space: { kind: 'teamNotes', audience: defaultAudience('teamNotes') },
    },
    allowed: team,
  },
  {
    what: "the family's words in the plan (referent and coordinator only)",
    notice: { kind: 'familyContribution', family: spaceFamily(withReferent), space: planSharedWithMother },
    allowed: ['roleAOnTeam', 'coordinatorA'],
  },
  {
    what: 'a referral waiting for follow-up (the team only, even her own referral)',
    notice: {
      kind: 'referralFollowUp',
      family,
      referral: { memberId: ids.mother, hiddenFromMemberIds: [] },
    },
    allowed: team,
  },
];

describe('mayBeNotified()', () => {
  for (const { what, notice, allowed } of cases) {
    eachIdentity(allowed, (identity, expected) => {
      it(`${identity} ${expected ? 'is' : 'is not'} told: ${what}`, () => {
        expect(mayBeNotified(identities[identity], notice)).toBe(expected);
      });
    });
  }
});

describe('mayNameAuthor()', () => {
  const memberships: TeamMembershipScope[] = [
    { professionalId: 'a1', hiddenFromMemberIds: [], ended: false },
    { professionalId: 'b1', hiddenFromMemberIds: [ids.partner], ended: false },
    { professionalId: 'r1', hiddenFromMemberIds: [], ended: true },
  ];
  const authors: { what: string; author: NoticeAuthor; allowed: Identity[] }[] = [
    {
      what: 'a professional on the team',
      author: { kind: 'professional', professionalId: 'a1' },
      allowed: [...team, 'mother', 'partner'],
    },
    {
      what: 'a professional hidden from the partner',
      author: { kind: 'professional', professionalId: 'b1' },
      allowed: [...team, 'mother'],
    },
    {
      what: 'a professional whose membership ended',
      author: { kind: 'professional', professionalId: 'r1' },
      allowed: team,
    },
    {
      what: 'a member of the family',
      author: { kind: 'familyMember', memberId: ids.mother },
      allowed: [...team, 'mother', 'partner'],
    },
  ];
  for (const { what, author, allowed } of authors) {
    eachIdentity(allowed, (identity, expected) => {
      it(`${identity} ${expected ? 'reads' : 'does not read'} the name of ${what}`, () => {
        expect(mayNameAuthor(identities[identity], family, memberships, author)).toBe(expected);
      });
    });
  }
  it('Concerto itself is named to anyone', () => {
    expect(mayNameAuthor(identities.partner, family, memberships, { kind: 'concerto' })).toBe(true);
  });
});

describe('who hears and who is told', () => {
  it("the family's words reach the referent and the coordinator", () => {
    expect(familyWordsListeners(withReferent).sort()).toEqual(['a1', 'c1']);
  });
  it('nobody is told of her own change to an action she owns', () => {
    expect(ownsPlanAction(identities.mother, { kind: 'member', id: ids.mother })).toBe(true);
    expect(ownsPlanAction(identities.partner, { kind: 'member', id: ids.mother })).toBe(false);
    expect(ownsPlanAction(identities.roleAOnTeam, { kind: 'professional', id: 'a1' })).toBe(true);
    expect(ownsPlanAction(identities.roleAOnTeam, { kind: 'member', id: 'a1' })).toBe(false);
  });
  it('the platform admin and an anonymous caller have no notifications', () => {
    expect(notificationKeyOf(identities.admin)).toBeNull();
    expect(notificationKeyOf(identities.anonymous)).toBeNull();
    expect(notificationKeyOf(identities.mother)).toBe(`familyMember:${ids.mother}`);
    expect(notificationKeyOf(identities.roleBOnTeam)).toBe('professional:b1');
  });
});
