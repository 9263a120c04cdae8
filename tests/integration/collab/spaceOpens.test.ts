import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import mongoose from 'mongoose';
import type { AuthContext } from '../../../server/src/auth/sessions.ts';
import { recordSpaceOpen } from '../../../server/src/collab/spaceOpens.ts';
import { AuditEntryModel } from '../../../server/src/models/auditEntry.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

const newId = () => new mongoose.Types.ObjectId().toHexString();

function professional(name: string): AuthContext {
  return {
    actor: {
      kind: 'professional',
      userId: newId(),
      healthRole: 'B',
      organisationId: newId(),
      accessManager: false,
    },
    sessionId: new mongoose.Types.ObjectId(),
    displayName: name,
    expiresAt: new Date(Date.now() + 3_600_000),
    detail: 'Sage-femme',
  };
}

function mother(familyId: string): AuthContext {
  return {
    actor: { kind: 'familyMember', familyId, memberId: newId() },
    sessionId: new mongoose.Types.ObjectId(),
    displayName: 'Amina',
    expiresAt: new Date(Date.now() + 3_600_000),
    detail: 'Mère',
  };
}

const entriesOf = (familyId: string) =>
  AuditEntryModel.find({ familyId, part: 'spaces' }).sort({ at: 1 }).lean();

describe('opening a space live is audited once per person, space and hour', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('the opens of one turn are checked in one query and written in one insert', async () => {
    const familyId = newId();
    const [plan, health] = [newId(), newId()];
    const midwife = professional('Sophie Sage-femme');
    const social = professional('Marc Assistant social');
    const amina = mother(familyId);
    const at = new Date('2026-12-07T09:10:00Z');
    // The social worker's open of this hour was recorded before a restart (or by another instance).
    await AuditEntryModel.create({
      familyId,
      spaceId: plan,
      at: new Date('2026-12-07T09:02:00Z'),
      actorKind: 'professional',
      actorUserId: social.actor.kind === 'professional' ? social.actor.userId : null,
      actorName: social.displayName,
      access: 'read',
      part: 'spaces',
    });
    const find = vi.spyOn(AuditEntryModel, 'find');
    const insertMany = vi.spyOn(AuditEntryModel, 'insertMany');
    try {
      await Promise.all([
        recordSpaceOpen(midwife, familyId, plan, at),
        recordSpaceOpen(midwife, familyId, health, at),
        recordSpaceOpen(social, familyId, plan, at),
        recordSpaceOpen(amina, familyId, plan, at),
        recordSpaceOpen(amina, familyId, plan, at),
      ]);
      expect(find).toHaveBeenCalledTimes(1);
      expect(insertMany).toHaveBeenCalledTimes(1);
    } finally {
      find.mockRestore();
      insertMany.mockRestore();
    }
    const entries = await entriesOf(familyId);
    const opened = entries.map(
      (entry) => `${entry.actorName} ${String(entry.spaceId) === plan ? 'plan' : 'health'}`,
    );
    expect(opened.sort()).toEqual([
      'Amina plan',
      'Marc Assistant social plan',
      'Sophie Sage-femme health',
      'Sophie Sage-femme plan',
    ]);
    const aminaEntry = entries.find((entry) => entry.actorName === 'Amina');
    expect(aminaEntry).toMatchObject({ actorKind: 'familyMember', access: 'read', actorUserId: null });

    // The next hour is a new entry; the same hour again is not.
    await recordSpaceOpen(amina, familyId, plan, new Date('2026-12-07T09:50:00Z'));
    await recordSpaceOpen(amina, familyId, plan, new Date('2026-12-07T10:05:00Z'));
    const aminas = (await entriesOf(familyId)).filter((entry) => entry.actorName === 'Amina');
    expect(aminas.map((entry) => entry.at.toISOString())).toEqual([
      '2026-12-07T09:10:00.000Z',
      '2026-12-07T10:05:00.000Z',
    ]);
  });

  it('a failed write refuses every open of its turn, and the next open records it', async () => {
    const familyId = newId();
    const plan = newId();
    const midwife = professional('Sophie Sage-femme');
    const amina = mother(familyId);
    const at = new Date('2026-12-07T11:15:00Z');
    const insertMany = vi
      .spyOn(AuditEntryModel, 'insertMany')
      .mockRejectedValueOnce(new Error('database unreachable'));
    try {
      const outcomes = await Promise.allSettled([
        recordSpaceOpen(midwife, familyId, plan, at),
        recordSpaceOpen(amina, familyId, plan, at),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
      expect(await entriesOf(familyId)).toHaveLength(0);
      await recordSpaceOpen(amina, familyId, plan, at);
      expect((await entriesOf(familyId)).map((entry) => entry.actorName)).toEqual(['Amina']);
    } finally {
      insertMany.mockRestore();
    }
  });
});
