import { describe, expect, it } from 'vitest';
import {
  amendmentHiddenFrom,
  can,
  type DecisionAction,
  type DecisionScope,
  type FamilyScope,
} from '@concerto/shared';
import { buildFamilyScope, eachIdentity, identities, ids, team, type Identity } from './identities.ts';

const proposal: DecisionScope = {
  hiddenFromMemberIds: [],
  awaitedMemberIds: [ids.mother, ids.partner],
  status: 'proposed',
  positionedMemberIds: [ids.partner],
};
const hiddenFromPartner: DecisionScope = {
  ...proposal,
  hiddenFromMemberIds: [ids.partner],
  awaitedMemberIds: [ids.mother],
};

const cases: {
  what: string;
  action: DecisionAction;
  decision?: DecisionScope;
  family?: FamilyScope;
  allowed: Identity[];
}[] = [
  { what: 'reads a decision shown to all', action: 'decision.read', allowed: [...team, 'mother', 'partner'] },
  {
    what: 'reads a decision hidden from the partner',
    action: 'decision.read',
    decision: hiddenFromPartner,
    allowed: [...team, 'mother'],
  },
  { what: 'gives her position when asked', action: 'decision.position', allowed: ['mother', 'partner'] },
  {
    what: 'gives a position on a decision hidden from her',
    action: 'decision.position',
    decision: hiddenFromPartner,
    allowed: ['mother'],
  },
  { what: 'records a proposal', action: 'decision.record', allowed: team },
  { what: 'amends a decision', action: 'decision.amend', allowed: team },
  {
    what: "sees the others' positions on a proposal (only after giving her own)",
    action: 'decision.positions.read',
    allowed: [...team, 'partner'],
  },
  {
    what: 'reads decisions after the mother withdrew her concertation consent',
    action: 'decision.read',
    family: buildFamilyScope({ participationWithdrawnMemberIds: [ids.mother] }),
    allowed: [...team, 'partner'],
  },
  {
    what: 'gives a position after the mother withdrew her concertation consent',
    action: 'decision.position',
    family: buildFamilyScope({ participationWithdrawnMemberIds: [ids.mother] }),
    allowed: ['partner'],
  },
];

describe('can(): decisions', () => {
  for (const { what, action, decision, family, allowed } of cases) {
    eachIdentity(allowed, (identity, expected) => {
      it(`${identity} ${expected ? 'may' : 'may not'}: ${what}`, () => {
        const resource = {
          kind: 'decision',
          family: family ?? buildFamilyScope(),
          decision: decision ?? proposal,
        } as const;
        expect(can(identities[identity], action, resource)).toBe(expected);
      });
    });
  }
});

describe('amendmentHiddenFrom()', () => {
  it('inherits the hidden members of the amended decision when the author names none', () => {
    expect(amendmentHiddenFrom([ids.partner], undefined, false)).toEqual([ids.partner]);
  });
  it('adds the members the author hides it from, without un-hiding anyone', () => {
    expect(amendmentHiddenFrom([ids.partner], [ids.mother], false).sort()).toEqual(
      [ids.mother, ids.partner].sort(),
    );
    expect(amendmentHiddenFrom([ids.partner], [], false)).toEqual([ids.partner]);
  });
  it('shows it to a member hidden before only when the author widens it explicitly', () => {
    expect(amendmentHiddenFrom([ids.partner], [], true)).toEqual([]);
  });
});
