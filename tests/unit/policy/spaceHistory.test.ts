import { describe, expect, it } from 'vitest';
import {
  can,
  defaultAudience,
  type SpaceAction,
  type SpaceFamilyScope,
  type SpaceScope,
} from '@concerto/shared';
import { buildFamilyScope, eachIdentity, identities, ids, type Identity } from './identities.ts';

const family: SpaceFamilyScope = {
  ...buildFamilyScope(),
  participationWithdrawnMemberIds: [],
  roleAProfessionalIds: ['a1', 'c1'],
};
const planSharedWithMother: SpaceScope = {
  kind: 'sharedPlan',
  audience: { ...defaultAudience('sharedPlan'), members: [{ memberId: ids.mother, access: 'read' }] },
};
const planReadOnlyForB: SpaceScope = {
  kind: 'sharedPlan',
  audience: {
    ...defaultAudience('sharedPlan'),
    professionalAccess: [{ professionalId: 'b1', access: 'read' }],
    members: [{ memberId: ids.mother, access: 'write' }],
  },
};
const health: SpaceScope = { kind: 'health', audience: defaultAudience('health') };

/** A space's history follows its audience; naming a version is the team's, with write access. */
const table: {
  what: string;
  action: SpaceAction;
  space: SpaceScope;
  scope?: SpaceFamilyScope;
  allowed: Identity[];
}[] = [
  {
    what: "reads the history of the plan shared with the mother (not the partner's)",
    action: 'space.history.read',
    space: planSharedWithMother,
    allowed: ['roleAOnTeam', 'roleBOnTeam', 'coordinatorA', 'mother'],
  },
  {
    what: 'reads the history of the health space (Role A only)',
    action: 'space.history.read',
    space: health,
    allowed: ['roleAOnTeam', 'coordinatorA'],
  },
  {
    what: 'reads the history of the plan after the mother withdrew her concertation consent',
    action: 'space.history.read',
    space: planSharedWithMother,
    scope: { ...family, participationWithdrawnMemberIds: [ids.mother] },
    allowed: ['roleAOnTeam', 'roleBOnTeam', 'coordinatorA'],
  },
  {
    what: 'names a version of the shared plan',
    action: 'space.version.name',
    space: planSharedWithMother,
    allowed: ['roleAOnTeam', 'roleBOnTeam', 'coordinatorA'],
  },
  {
    what: 'names a version with read-only access (b1) or as a member who may write (the mother)',
    action: 'space.version.name',
    space: planReadOnlyForB,
    allowed: ['roleAOnTeam', 'coordinatorA'],
  },
  {
    what: 'names a version of the health space',
    action: 'space.version.name',
    space: health,
    allowed: ['roleAOnTeam', 'coordinatorA'],
  },
];

describe('can(): the history of a space', () => {
  for (const { what, action, space, scope, allowed } of table) {
    eachIdentity(allowed, (identity, expected) => {
      it(`${identity} ${expected ? 'may' : 'may not'}: ${what}`, () => {
        expect(can(identities[identity], action, { kind: 'space', family: scope ?? family, space })).toBe(
          expected,
        );
      });
    });
  }

  it('reading the history is allowed exactly when reading the space is, for every identity and space', () => {
    for (const space of [planSharedWithMother, planReadOnlyForB, health])
      for (const actor of Object.values(identities))
        expect(can(actor, 'space.history.read', { kind: 'space', family, space })).toBe(
          can(actor, 'space.read', { kind: 'space', family, space }),
        );
  });
});
