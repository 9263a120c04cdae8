import { describe, expect, it } from 'vitest';
import {
  can,
  contactScopeOf,
  mayWriteMedicalContactNote,
  type Action,
  type ContactScope,
  type Resource,
} from '@concerto/shared';
import { buildFamilyScope, eachIdentity, identities, ids, team, type Identity } from './identities.ts';

const family = buildFamilyScope();

/** A contact recorded by a1 (Role A) with the mother; overrides for the case at hand. */
function contact(overrides: Partial<ContactScope> = {}): ContactScope {
  return {
    authorId: 'a1',
    professionalIds: ['a1'],
    memberIds: [ids.mother],
    medicalNote: false,
    hiddenFromMemberIds: [],
    ...overrides,
  };
}

const cases: { what: string; action: Action; resource: Resource; allowed: Identity[] }[] = [
  {
    what: 'reads the contact log',
    action: 'contacts.read',
    resource: { kind: 'contactLog', family },
    allowed: [...team, 'mother', 'partner'],
  },
  {
    what: 'records a contact (Roles A and B alike)',
    action: 'contacts.record',
    resource: { kind: 'contactLog', family },
    allowed: team,
  },
  {
    what: "exports the log for the funder (the team, never the family or the organisation's manager)",
    action: 'contacts.export',
    resource: { kind: 'contactLog', family },
    allowed: team,
  },
  {
    what: 'sees a contact she took part in',
    action: 'contact.read',
    resource: { kind: 'contact', family, contact: contact() },
    allowed: [...team, 'mother'],
  },
  {
    what: 'sees a contact with the mother and the partner',
    action: 'contact.read',
    resource: { kind: 'contact', family, contact: contact({ memberIds: [ids.mother, ids.partner] }) },
    allowed: [...team, 'mother', 'partner'],
  },
  {
    what: 'sees a contact with a professional hidden from the partner, though he took part',
    action: 'contact.read',
    resource: {
      kind: 'contact',
      family,
      contact: contact({ memberIds: [ids.mother, ids.partner], hiddenFromMemberIds: [ids.partner] }),
    },
    allowed: [...team, 'mother'],
  },
  {
    what: 'reads the social note of a contact',
    action: 'contact.note.read',
    resource: { kind: 'contact', family, contact: contact() },
    allowed: team,
  },
  {
    what: 'reads the medical note of a contact (Role A, and its author)',
    action: 'contact.note.read',
    resource: { kind: 'contact', family, contact: contact({ medicalNote: true }) },
    allowed: ['roleAOnTeam', 'coordinatorA'],
  },
  {
    what: 'reads the note of a contact with a member who withdrew her consent to sharing (its author only)',
    action: 'contact.note.read',
    resource: {
      kind: 'contact',
      family: buildFamilyScope({ sharingWithdrawnMemberIds: [ids.mother] }),
      contact: contact({ authorId: 'b1', professionalIds: ['b1'] }),
    },
    allowed: ['roleBOnTeam'],
  },
  {
    what: 'reads a contact of a closed file (kept read-only)',
    action: 'contact.read',
    resource: { kind: 'contact', family: buildFamilyScope({ closed: true }), contact: contact() },
    allowed: [...team, 'mother'],
  },
  {
    what: 'records a contact in a closed file',
    action: 'contacts.record',
    resource: { kind: 'contactLog', family: buildFamilyScope({ closed: true }) },
    allowed: [],
  },
];

describe('the contact log', () => {
  for (const { what, action, resource, allowed } of cases)
    it(`${what}: ${allowed.join(', ') || 'nobody'}`, () => {
      eachIdentity(allowed, (identity, expected) =>
        expect(can(identities[identity], action, resource), identity).toBe(expected),
      );
    });

  it('a contact action asked of a family resource is refused', () => {
    expect(can(identities.roleAOnTeam, 'contact.read', { kind: 'family', family })).toBe(false);
  });

  it('only Role A on the team writes a medical note', () => {
    eachIdentity(['roleAOnTeam', 'coordinatorA'], (identity, expected) =>
      expect(mayWriteMedicalContactNote(identities[identity], family), identity).toBe(expected),
    );
  });

  it('a professional hidden from a member, on the contact or as its author, hides it from her', () => {
    const memberships = [
      { professionalId: 'a1', hiddenFromMemberIds: [], ended: false },
      { professionalId: 'x9', hiddenFromMemberIds: [ids.partner], ended: true },
    ];
    const stored = { authorId: 'a1', professionalIds: ['a1'], memberIds: [ids.partner], medicalNote: false };
    expect(contactScopeOf(stored, memberships).hiddenFromMemberIds).toEqual([]);
    expect(
      contactScopeOf({ ...stored, professionalIds: ['a1', 'x9'] }, memberships).hiddenFromMemberIds,
    ).toEqual([ids.partner]);
    expect(contactScopeOf({ ...stored, authorId: 'x9' }, memberships).hiddenFromMemberIds).toEqual([
      ids.partner,
    ]);
  });
});
