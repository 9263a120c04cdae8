import { describe, expect, it } from 'vitest';
import {
  amendmentHiddenFrom,
  mayBeAskedPosition,
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

describe('mayBeAskedPosition()', () => {
  const family = buildFamilyScope();
  it('asks a member her position on a proposal shown to her', () => {
    expect(mayBeAskedPosition(family, { hiddenFromMemberIds: [], status: 'proposed' }, ids.partner)).toBe(
      true,
    );
  });
  it('never asks a member about a proposal hidden from her', () => {
    const hidden = { hiddenFromMemberIds: [ids.partner], status: 'proposed' } as const;
    expect(mayBeAskedPosition(family, hidden, ids.partner)).toBe(false);
    expect(mayBeAskedPosition(family, hidden, ids.mother)).toBe(true);
  });
  it('never asks a member who withdrew her concertation consent', () => {
    const withdrawn = buildFamilyScope({ participationWithdrawnMemberIds: [ids.mother] });
    expect(mayBeAskedPosition(withdrawn, { hiddenFromMemberIds: [], status: 'proposed' }, ids.mother)).toBe(
      false,
    );
  });
  it('asks nobody about a recorded decision', () => {
    expect(mayBeAskedPosition(family, { hiddenFromMemberIds: [], status: 'recorded' }, ids.mother)).toBe(
      false,
    );
  });
});
