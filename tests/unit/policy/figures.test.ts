import { describe, expect, it } from 'vitest';
import { can, type Actor, type FiguresScope } from '@concerto/shared';

const cpas = 'c'.repeat(24);
const hospital = 'h'.repeat(24);
const elsewhere = 'e'.repeat(24);
const professional = (userId: string, organisationId: string, accessManager = false): Actor => ({
  kind: 'professional',
  userId,
  healthRole: 'B',
  organisationId,
  accessManager,
});

const identities = {
  anonymous: { kind: 'anonymous' },
  admin: { kind: 'admin', userId: 'admin' },
  familyMember: { kind: 'familyMember', familyId: 'f'.repeat(24), memberId: 'm'.repeat(24) },
  cpasWorker: professional('w1', cpas),
  cpasManager: professional('m1', cpas, true),
  hospitalManager: professional('m2', hospital, true),
  outsider: professional('o1', elsewhere, true),
} satisfies Record<string, Actor>;
type Identity = keyof typeof identities;

const scopes: Record<string, FiguresScope> = {
  cpasWorkerCaseLoad: { kind: 'caseLoad', professionalId: 'w1' },
  cpasOrganisation: { kind: 'organisation', organisationId: cpas },
  bassinNord: { kind: 'bassin', bassin: 'bruxellesNord', organisationIds: [cpas, hospital] },
};

/** Who may read each scope; everyone else is refused. */
const readers: Record<keyof typeof scopes, Identity[]> = {
  // Her own case-load only: not even her manager or the admin sees it as hers.
  cpasWorkerCaseLoad: ['cpasWorker'],
  // An organisation's figures: its access managers and the admin, not its other staff.
  cpasOrganisation: ['admin', 'cpasManager'],
  // A bassin's: every professional of its organisations, and the admin.
  bassinNord: ['admin', 'cpasWorker', 'cpasManager', 'hospitalManager'],
};

describe('who reads which network figures', () => {
  for (const [scopeName, scope] of Object.entries(scopes))
    for (const [name, actor] of Object.entries(identities)) {
      const allowed = readers[scopeName]!.includes(name as Identity);
      it(`${name} ${allowed ? 'reads' : 'may not read'} ${scopeName}`, () => {
        expect(can(actor, 'figures.read', { kind: 'figures', scope })).toBe(allowed);
      });
    }

  it('a figures action on another kind of resource, or another action on figures, is refused', () => {
    expect(can(identities.admin, 'figures.read', { kind: 'platform' })).toBe(false);
    expect(
      can(identities.cpasManager, 'organisation.read', { kind: 'figures', scope: scopes.cpasOrganisation! }),
    ).toBe(false);
  });

  it('a bassin without organisations is read by the admin alone', () => {
    const empty: FiguresScope = { kind: 'bassin', bassin: 'namur', organisationIds: [] };
    const allowed = Object.entries(identities)
      .filter(([, actor]) => can(actor, 'figures.read', { kind: 'figures', scope: empty }))
      .map(([name]) => name);
    expect(allowed).toEqual(['admin']);
  });
});
