import { describe, expect, it } from 'vitest';
import {
  InamiNumberSchema,
  inamiNumberFor,
  isValidInamiNumber,
  healthRoleChangesFor,
  mayChangeHealthRole,
  mayGrantHealthRole,
  type Actor,
} from '@concerto/shared';

const hospital = { id: 'h'.repeat(24), kind: 'hospital' } as const;
const cpas = { id: 'c'.repeat(24), kind: 'cpas' } as const;
const manager = (healthRole: 'A' | 'B', organisationId: string): Actor => ({
  kind: 'professional',
  userId: `${healthRole}${organisationId}`,
  healthRole,
  organisationId,
  accessManager: true,
});

describe('INAMI/RIZIV numbers', () => {
  it('accepts a check number under the modulo-97 rule and under the modulo-89 rule', () => {
    expect(isValidInamiNumber('10829059000')).toBe(true); // 97 - 108290 % 97 = 59
    expect(isValidInamiNumber('10185748004')).toBe(true); // 89 - 101857 % 89 = 48
    expect(isValidInamiNumber(inamiNumberFor(412345, '002'))).toBe(true);
  });

  it('refuses a wrong check number, a wrong length and letters', () => {
    expect(isValidInamiNumber('10829058000')).toBe(false);
    expect(isValidInamiNumber('1082905900')).toBe(false);
    expect(isValidInamiNumber('1082905900a')).toBe(false);
  });

  it('reads the number as people type it, groups separated', () => {
    expect(InamiNumberSchema.parse('1-08290-59-000')).toBe('10829059000');
    expect(InamiNumberSchema.safeParse('1.08290.58.000').success).toBe(false);
  });
});

/** [who, role, organisation, may grant]: every other combination is covered by the rows' negation. */
const grants: [string, Actor, 'A' | 'B', typeof hospital | typeof cpas, boolean][] = [
  ['admin', { kind: 'admin', userId: 'admin' }, 'A', cpas, true],
  ['Role A manager of the hospital', manager('A', hospital.id), 'A', hospital, true],
  ['Role A manager of the hospital', manager('A', hospital.id), 'B', hospital, true],
  ['Role A manager of a CPAS', manager('A', cpas.id), 'A', cpas, false],
  ['Role B manager of a CPAS', manager('B', cpas.id), 'A', cpas, false],
  ['Role B manager of a CPAS', manager('B', cpas.id), 'B', cpas, true],
  ['Role B manager of the hospital', manager('B', hospital.id), 'A', hospital, false],
  ['Role A manager of another organisation', manager('A', hospital.id), 'B', cpas, false],
  [
    'Role A professional, not a manager',
    { kind: 'professional', userId: 'x', healthRole: 'A', organisationId: hospital.id, accessManager: false },
    'B',
    hospital,
    false,
  ],
  ['a family member', { kind: 'familyMember', familyId: 'f', memberId: 'm' }, 'B', hospital, false],
  ['anonymous', { kind: 'anonymous' }, 'B', hospital, false],
];

describe('who grants which health role', () => {
  it.each(grants)('%s granting Role %s: %s', (_who, actor, role, organisation, expected) => {
    expect(mayGrantHealthRole(actor, role, organisation)).toBe(expected);
  });

  it('nobody changes their own health role, even a Role A access manager', () => {
    const self = manager('A', hospital.id);
    const account = {
      id: (self as { userId: string }).userId,
      healthRole: 'A' as const,
      organisationId: hospital.id,
    };
    expect(mayChangeHealthRole(self, account, 'B', hospital)).toBe(false);
    expect(mayChangeHealthRole(self, { ...account, id: 'someone' }, 'B', hospital)).toBe(true);
  });
});

/** [who, account's role, account's organisation, the role changes offered]. */
const offers: [string, Actor, 'A' | 'B', typeof hospital | typeof cpas, ('A' | 'B')[]][] = [
  ['admin', { kind: 'admin', userId: 'admin' }, 'B', cpas, ['A']],
  ['Role A manager of the hospital', manager('A', hospital.id), 'B', hospital, ['A']],
  ['Role A manager of the hospital', manager('A', hospital.id), 'A', hospital, ['B']],
  ['Role B manager of the hospital', manager('B', hospital.id), 'A', hospital, []],
  ['Role B manager of the hospital', manager('B', hospital.id), 'B', hospital, []],
  ['Role B manager of a CPAS', manager('B', cpas.id), 'B', cpas, []],
  ['Role A manager of another organisation', manager('A', hospital.id), 'B', cpas, []],
];

describe('which role changes the staff list offers', () => {
  it.each(offers)('%s, on a Role %s account: %j', (_who, actor, role, organisation, expected) => {
    const account = { id: 'someone', healthRole: role, organisationId: organisation.id };
    expect(healthRoleChangesFor(actor, account, organisation)).toEqual(expected);
  });

  it('never offers a change on her own account', () => {
    const self = manager('A', hospital.id);
    const account = {
      id: (self as { userId: string }).userId,
      healthRole: 'A' as const,
      organisationId: hospital.id,
    };
    expect(healthRoleChangesFor(self, account, hospital)).toEqual([]);
  });
});
