import { describe, expect, it } from 'vitest';
import { auditEntryView, type Actor, type AuditEntryFacts } from '@concerto/shared';

const mother: Actor = { kind: 'familyMember', familyId: 'f', memberId: 'mother' };
const coordinator: Actor = {
  kind: 'professional',
  userId: 'coordinator',
  healthRole: 'B',
  organisationId: 'o',
  accessManager: false,
};
const context = { hiddenProfessionalIds: new Set(['hidden']), sharedSpaceIds: new Set(['planShared']) };
const entry = (facts: Partial<AuditEntryFacts>): AuditEntryFacts => ({
  actorKind: 'professional',
  actorUserId: 'midwife',
  actorMemberId: null,
  access: 'read',
  part: 'file',
  spaceId: null,
  ...facts,
});

/** [what happened, the entry, how the mother sees it]. */
const rows: [string, AuditEntryFacts, ReturnType<typeof auditEntryView>][] = [
  ['a professional read her file', entry({}), 'shown'],
  ['a professional changed the decisions', entry({ part: 'decisions' }), 'shown'],
  ['a professional wrote to the flags', entry({ part: 'flags' }), 'left out'],
  [
    'a professional changed the team (maybe adding someone hidden from her)',
    entry({ part: 'team', access: 'write' }),
    'left out',
  ],
  ['a professional read the team', entry({ part: 'team' }), 'shown'],
  ['a professional read the indicators', entry({ part: 'indicators' }), 'left out'],
  ['a professional hidden from her read her file', entry({ actorUserId: 'hidden' }), 'left out'],
  [
    'the partner read the file',
    entry({ actorKind: 'familyMember', actorUserId: null, actorMemberId: 'partner' }),
    'left out',
  ],
  [
    'she read her file',
    entry({ actorKind: 'familyMember', actorUserId: null, actorMemberId: 'mother' }),
    'own',
  ],
  ['the admin', entry({ actorKind: 'admin', actorUserId: 'admin' }), 'left out'],
  [
    'a professional opened a space shared with her',
    entry({ part: 'spaces', spaceId: 'planShared' }),
    'shown',
  ],
  ['a professional opened the health space', entry({ part: 'spaces', spaceId: 'health' }), 'left out'],
];

describe("a member's view of the family's audit trail", () => {
  it.each(rows)('%s: %s', (_what, facts, expected) => {
    expect(auditEntryView(mother, facts, context)).toBe(expected);
  });

  it('the coordinator keeps the full trail, flags and hidden professionals included', () => {
    for (const [, facts] of rows) expect(auditEntryView(coordinator, facts, context)).toBe('shown');
  });
});
