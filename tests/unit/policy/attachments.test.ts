import { describe, expect, it } from 'vitest';
import {
  can,
  attachmentConcernsMember,
  defaultAudience,
  type AttachmentAction,
  type AttachmentScope,
  type SpaceFamilyScope,
  type SpaceScope,
} from '@concerto/shared';
import { buildFamilyScope, eachIdentity, identities, ids, type Identity } from './identities.ts';

const family: SpaceFamilyScope = {
  ...buildFamilyScope(),
  participationWithdrawnMemberIds: [],
  roleAProfessionalIds: ['a1', 'c1'],
};
const planWithMother: SpaceScope = {
  kind: 'sharedPlan',
  audience: { ...defaultAudience('sharedPlan'), members: [{ memberId: ids.mother, access: 'contribute' }] },
};
const health: SpaceScope = { kind: 'health', audience: defaultAudience('health') };
const onFile = (overrides: Partial<AttachmentScope> = {}): AttachmentScope => ({
  space: null,
  category: 'general',
  aboutMemberId: null,
  sharedWithMemberIds: [],
  addedBy: { professionalId: 'a1' },
  ...overrides,
});
const inSpace = (space: SpaceScope, overrides: Partial<AttachmentScope> = {}) =>
  onFile({ space, ...overrides });

/** Documents follow their space's audience; on the file, the indicator rule (per member, Role A for medical). */
const table: {
  what: string;
  action: AttachmentAction;
  attachment: AttachmentScope;
  scope?: SpaceFamilyScope;
  allowed: Identity[];
}[] = [
  {
    what: 'reads a document of the plan shared with the mother (not with the partner)',
    action: 'attachment.read',
    attachment: inSpace(planWithMother),
    allowed: ['roleAOnTeam', 'roleBOnTeam', 'coordinatorA', 'mother'],
  },
  {
    what: 'adds a document to the plan the mother contributes to',
    action: 'attachment.add',
    attachment: inSpace(planWithMother, { addedBy: { memberId: ids.mother } }),
    allowed: ['roleAOnTeam', 'roleBOnTeam', 'coordinatorA', 'mother'],
  },
  {
    what: "takes away the mother's own document in the plan (she and whoever writes the plan)",
    action: 'attachment.delete',
    attachment: inSpace(planWithMother, { addedBy: { memberId: ids.mother } }),
    allowed: ['roleAOnTeam', 'roleBOnTeam', 'coordinatorA', 'mother'],
  },
  {
    what: "takes away a professional's document in the plan (not the mother, who only contributes)",
    action: 'attachment.delete',
    attachment: inSpace(planWithMother),
    allowed: ['roleAOnTeam', 'roleBOnTeam', 'coordinatorA'],
  },
  {
    what: 'reads a document of the health space (Role A on the team only)',
    action: 'attachment.read',
    attachment: inSpace(health),
    allowed: ['roleAOnTeam', 'coordinatorA'],
  },
  {
    what: 'reads a document of the plan after the mother withdrew her consent to take part',
    action: 'attachment.read',
    attachment: inSpace(planWithMother),
    scope: { ...family, participationWithdrawnMemberIds: [ids.mother] },
    allowed: ['roleAOnTeam', 'roleBOnTeam', 'coordinatorA'],
  },
  {
    what: 'reads a social letter on the file shared with nobody in the family',
    action: 'attachment.read',
    attachment: onFile({ category: 'social' }),
    allowed: ['roleAOnTeam', 'roleBOnTeam', 'coordinatorA'],
  },
  {
    what: 'reads a medical letter on the file shared with the mother (never Role B)',
    action: 'attachment.read',
    attachment: onFile({ category: 'medical', sharedWithMemberIds: [ids.mother] }),
    allowed: ['roleAOnTeam', 'coordinatorA', 'mother'],
  },
  {
    what: 'reads a letter about the mother once she withdrew her consent to sharing (its author keeps it)',
    action: 'attachment.read',
    attachment: onFile({ aboutMemberId: ids.mother }),
    scope: { ...family, sharingWithdrawnMemberIds: [ids.mother] },
    allowed: ['roleAOnTeam'],
  },
  {
    what: 'adds a medical letter to the file',
    action: 'attachment.add',
    attachment: onFile({ category: 'medical' }),
    allowed: ['roleAOnTeam', 'coordinatorA'],
  },
  {
    what: 'adds a social letter to the file (the family adds in the spaces it contributes to)',
    action: 'attachment.add',
    attachment: onFile({ category: 'social', addedBy: { professionalId: 'b1' } }),
    allowed: ['roleAOnTeam', 'roleBOnTeam', 'coordinatorA'],
  },
  {
    what: "takes away a1's letter on the file (its author or the coordinator)",
    action: 'attachment.delete',
    attachment: onFile({ sharedWithMemberIds: [ids.mother] }),
    allowed: ['roleAOnTeam', 'coordinatorA'],
  },
];

describe('can(): documents', () => {
  for (const { what, action, attachment, scope, allowed } of table) {
    eachIdentity(allowed, (identity, expected) => {
      it(`${identity} ${expected ? 'may' : 'may not'}: ${what}`, () => {
        expect(
          can(identities[identity], action, { kind: 'attachment', family: scope ?? family, attachment }),
        ).toBe(expected);
      });
    });
  }

  it("a space's document is read by exactly who reads the space, for every identity and space", () => {
    for (const space of [
      planWithMother,
      health,
      { kind: 'teamNotes', audience: defaultAudience('teamNotes') } as const,
    ])
      for (const actor of Object.values(identities))
        expect(
          can(actor, 'attachment.read', { kind: 'attachment', family, attachment: inSpace(space) }),
        ).toBe(can(actor, 'space.read', { kind: 'space', family, space }));
  });

  it('a closed file keeps its documents readable and takes no new one', () => {
    const closed = { ...family, closed: true };
    const resource = (attachment: AttachmentScope) =>
      ({ kind: 'attachment', family: closed, attachment }) as const;
    expect(can(identities.roleAOnTeam, 'attachment.read', resource(onFile()))).toBe(true);
    expect(can(identities.roleAOnTeam, 'attachment.add', resource(onFile()))).toBe(false);
    expect(can(identities.roleAOnTeam, 'attachment.delete', resource(onFile()))).toBe(false);
    expect(can(identities.mother, 'attachment.add', resource(inSpace(planWithMother)))).toBe(false);
  });

  it("a member's data download takes the documents about her, shared with her or added by her", () => {
    const mother = identities.mother;
    expect(attachmentConcernsMember(mother, onFile({ aboutMemberId: ids.mother }))).toBe(true);
    expect(attachmentConcernsMember(mother, onFile({ sharedWithMemberIds: [ids.mother] }))).toBe(true);
    expect(
      attachmentConcernsMember(mother, inSpace(planWithMother, { addedBy: { memberId: ids.mother } })),
    ).toBe(true);
    expect(attachmentConcernsMember(mother, inSpace(planWithMother))).toBe(false);
    expect(attachmentConcernsMember(identities.partner, onFile({ aboutMemberId: ids.mother }))).toBe(false);
    expect(attachmentConcernsMember(identities.roleAOnTeam, onFile({ aboutMemberId: ids.mother }))).toBe(
      false,
    );
  });
});
