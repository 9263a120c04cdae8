import { describe, expect, it } from 'vitest';
import {
  can,
  defaultAudience,
  familyActions,
  familyPoliciesFor,
  spaceAccessFor,
  type Action,
  type Resource,
  type SpaceAccess,
  type SpaceFamilyScope,
} from '@concerto/shared';
import { buildFamilyScope, eachIdentity, identities, ids, team, type Identity } from './identities.ts';

const closed = buildFamilyScope({ closed: true });

/** On a closed file, who may still do each family action: reads and the family's rights, nothing else. */
const closedMatrix: Partial<Record<(typeof familyActions)[number], Identity[]>> = {
  'family.read': [...team, 'mother', 'partner'],
  'family.team.read': [...team, 'mother', 'partner'],
  'family.strata.read': team,
  'family.screening.read': team,
  'family.assessments.read': team,
  'family.flags.read': ['roleAOnTeam', 'coordinatorA'],
  'family.consents.read': [...team, 'mother', 'partner'],
  'family.audit.read': ['coordinatorA', 'mother', 'partner'],
  'family.functions.read': [...team, 'mother', 'partner'],
  'family.concertations.read': [...team, 'mother', 'partner'],
  'family.decisions.read': [...team, 'mother', 'partner'],
  'family.referrals.read': [...team, 'mother', 'partner'],
  'family.export.fhir': [...team, 'mother', 'partner'],
  'family.export.calendar': [...team, 'mother', 'partner'],
  'family.data.export': ['mother', 'partner'],
  'family.rights.request': ['mother', 'partner'],
  'family.rights.handle': ['coordinatorA'],
  'family.keyMoments.read': team,
};

describe('a closed file is read-only for everyone', () => {
  for (const action of familyActions) {
    eachIdentity(closedMatrix[action] ?? [], (identity, expected) => {
      it(`${identity} ${expected ? 'may' : 'may not'} ${action} on a closed file`, () => {
        expect(can(identities[identity], action, { kind: 'family', family: closed })).toBe(expected);
      });
    });
  }

  it('the policies sent to the UI say the same (no write offered on a closed file)', () => {
    const policies = familyPoliciesFor(identities.coordinatorA, closed);
    expect(policies['family.update']).toBe(false);
    expect(policies['family.closing.decide']).toBe(false);
    expect(policies['family.read']).toBe(true);
    expect(familyPoliciesFor(identities.coordinatorA, buildFamilyScope())['family.update']).toBe(true);
  });

  const item = { category: 'social' as const, sharedWithMemberIds: [ids.mother] };
  const decision = {
    hiddenFromMemberIds: [],
    awaitedMemberIds: [ids.mother],
    status: 'proposed' as const,
    positionedMemberIds: [],
  };
  const concertation = {
    concertationId: ids.meeting,
    organiserId: 'a1',
    invitedMemberIds: [ids.mother],
    status: 'open' as const,
  };
  const referral = { memberId: ids.mother, hiddenFromMemberIds: [] };
  const table: { action: Action; resource: (family: typeof closed) => Resource; who: Identity }[] = [
    { action: 'item.read', resource: (family) => ({ kind: 'item', family, item }), who: 'mother' },
    { action: 'item.share', resource: (family) => ({ kind: 'item', family, item }), who: 'roleAOnTeam' },
    {
      action: 'decision.read',
      resource: (family) => ({ kind: 'decision', family, decision }),
      who: 'mother',
    },
    {
      action: 'decision.position',
      resource: (family) => ({ kind: 'decision', family, decision }),
      who: 'mother',
    },
    {
      action: 'decision.record',
      resource: (family) => ({ kind: 'decision', family, decision }),
      who: 'roleAOnTeam',
    },
    {
      action: 'concertation.read',
      resource: (family) => ({ kind: 'concertation', family, concertation }),
      who: 'roleBOnTeam',
    },
    {
      action: 'concertation.room.join',
      resource: (family) => ({ kind: 'concertation', family, concertation }),
      who: 'roleAOnTeam',
    },
    {
      action: 'concertation.manage',
      resource: (family) => ({ kind: 'concertation', family, concertation }),
      who: 'roleAOnTeam',
    },
    {
      action: 'referral.read',
      resource: (family) => ({ kind: 'referral', family, referral }),
      who: 'mother',
    },
    {
      action: 'referral.update',
      resource: (family) => ({ kind: 'referral', family, referral }),
      who: 'coordinatorA',
    },
  ];
  for (const { action, resource, who } of table) {
    const readsOnly = action.endsWith('.read');
    it(`${who} ${readsOnly ? 'still may' : 'no longer may'} ${action} once the file is closed`, () => {
      expect(can(identities[who], action, resource(buildFamilyScope()))).toBe(true);
      expect(can(identities[who], action, resource(closed))).toBe(readsOnly);
    });
  }
});

describe('the spaces of a closed file are frozen', () => {
  const space = {
    kind: 'sharedPlan' as const,
    audience: {
      ...defaultAudience('sharedPlan'),
      members: [{ memberId: ids.mother, access: 'contribute' as const }],
    },
  };
  const scope = (closedFile: boolean): SpaceFamilyScope => ({
    ...buildFamilyScope({ closed: closedFile }),
    participationWithdrawnMemberIds: [],
    roleAProfessionalIds: ['a1', 'c1'],
  });
  const table: { who: Identity; open: SpaceAccess; closed: SpaceAccess }[] = [
    { who: 'roleAOnTeam', open: 'write', closed: 'read' },
    { who: 'roleBOnTeam', open: 'write', closed: 'read' },
    { who: 'mother', open: 'contribute', closed: 'read' },
    { who: 'partner', open: 'none', closed: 'none' },
    { who: 'roleAOffTeam', open: 'none', closed: 'none' },
  ];
  for (const row of table) {
    it(`${row.who}: ${row.open} while open, ${row.closed} once closed`, () => {
      expect(spaceAccessFor(identities[row.who], space, scope(false))).toBe(row.open);
      expect(spaceAccessFor(identities[row.who], space, scope(true))).toBe(row.closed);
    });
  }

  it('nobody edits the audience of a frozen space', () => {
    const resource = { kind: 'space', family: scope(true), space } as const;
    expect(can(identities.roleAOnTeam, 'space.audience.edit', resource)).toBe(false);
    expect(can(identities.roleAOnTeam, 'space.read', resource)).toBe(true);
  });
});

describe('who decides at day 1000', () => {
  it('the referent decides when the family has no coordinator, and not beside one; with neither, the team', () => {
    const lowRisk = buildFamilyScope({
      team: [
        { professionalId: 'a1', functions: ['referent'] },
        { professionalId: 'b1', functions: [] },
      ],
    });
    expect(can(identities.roleAOnTeam, 'family.closing.decide', { kind: 'family', family: lowRisk })).toBe(
      true,
    );
    expect(can(identities.roleBOnTeam, 'family.closing.decide', { kind: 'family', family: lowRisk })).toBe(
      false,
    );
    const withCoordinator = buildFamilyScope({
      team: [
        { professionalId: 'a1', functions: ['referent'] },
        { professionalId: 'c1', functions: ['coordinator'] },
      ],
    });
    expect(
      can(identities.roleAOnTeam, 'family.closing.decide', { kind: 'family', family: withCoordinator }),
    ).toBe(false);
    const nobodyHoldsAFunction = buildFamilyScope({
      team: [
        { professionalId: 'a1', functions: [] },
        { professionalId: 'b1', functions: [] },
      ],
    });
    eachIdentity(['roleAOnTeam', 'roleBOnTeam'], (identity, expected) =>
      expect(
        can(identities[identity], 'family.closing.decide', { kind: 'family', family: nobodyHoldsAFunction }),
        identity,
      ).toBe(expected),
    );
  });
});
