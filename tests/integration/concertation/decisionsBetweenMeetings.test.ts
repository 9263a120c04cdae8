import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brusselsDay } from '@concerto/shared';
import { DecisionModel } from '../../../server/src/models/decision.ts';
import type { TestApiClient } from '../../support/apiClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let midwife: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
let mother: TestApiClient;
let partner: TestApiClient;
const inDays = (days: number) => brusselsDay(new Date(Date.now() + days * 86_400_000));

beforeAll(async () => {
  server = await startTestServer();
  midwife = await buildProfessional(server.url, { healthRole: 'A', displayName: 'Sophie Midwife' });
  family = await buildFamily(midwife.client);
  mother = await inviteMember(server.url, midwife.client, family.id, family.members[0]!.id);
  partner = await inviteMember(server.url, midwife.client, family.id, family.members[1]!.id);
});
afterAll(() => server.dispose());

const viewOf = async (client: TestApiClient, id: string) =>
  (await client.get(`/families/${family.id}/decisions`)).body.find(
    (decision: { id: string }) => decision.id === id,
  );

const propose = (body: Record<string, unknown>) =>
  midwife.client.post(`/families/${family.id}/decisions`, { what: 'Visite à domicile le mardi', ...body });

describe('a decision proposed between meetings', () => {
  it('asks each member concerned by a given day; bad days and members are 400s', async () => {
    const askingNobody = await propose({});
    expect(askingNobody.status).toBe(201);
    expect(askingNobody.body.awaitingPositionFrom).toEqual([]);
    expect((await propose({ awaitedMemberIds: [family.members[0]!.id] })).status).toBe(400);
    expect((await propose({ positionsDueBy: inDays(-1) })).status).toBe(400);
    expect((await propose({ positionsDueBy: inDays(3), awaitedMemberIds: ['0'.repeat(24)] })).status).toBe(
      400,
    );
    const hiddenAsked = await propose({
      positionsDueBy: inDays(3),
      awaitedMemberIds: [family.members[1]!.id],
      hiddenFromMemberIds: [family.members[1]!.id],
    });
    expect(hiddenAsked.status).toBe(400);
    const proposed = await propose({ positionsDueBy: inDays(3) });
    expect(proposed.status).toBe(201);
    expect(proposed.body.positionsDueBy).toBe(inDays(3));
    expect(proposed.body.recordable).toBe(false);
    expect(
      proposed.body.awaitingPositionFrom.map((entry: { displayName: string }) => entry.displayName),
    ).toEqual(['Maria', 'Tom']);
  });

  it('each member answers from her space in her own words; it is recorded once all answered', async () => {
    const proposed = await propose({ what: 'Consultation chez le pédiatre', positionsDueBy: inDays(5) });
    const id = proposed.body.id;
    const mine = await viewOf(mother, id);
    expect(mine.awaitingPositionFrom).toEqual([{ memberId: family.members[0]!.id, displayName: 'Maria' }]);
    const given = await mother.post(`/decisions/${id}/positions`, {
      position: 'needsTime',
      words: 'Je dois en parler avec ma sœur',
    });
    expect(given.status).toBe(201);
    const early = await midwife.client.post(`/decisions/${id}/record`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('positions_awaited');
    expect((await partner.post(`/decisions/${id}/positions`, { position: 'agrees' })).status).toBe(201);
    const view = await viewOf(midwife.client, id);
    expect(view.recordable).toBe(true);
    expect(view.positions.map((position: { words: string }) => position.words)).toContain(
      'Je dois en parler avec ma sœur',
    );
    expect((await midwife.client.post(`/decisions/${id}/record`)).status).toBe(200);
  });

  it('is recorded after the day passed even if someone did not answer', async () => {
    const proposed = await propose({
      what: 'Aide familiale deux fois par semaine',
      positionsDueBy: inDays(2),
    });
    await DecisionModel.updateOne({ _id: proposed.body.id }, { $set: { positionsDueBy: inDays(-1) } });
    const view = await viewOf(midwife.client, proposed.body.id);
    expect(view.recordable).toBe(true);
    expect((await midwife.client.post(`/decisions/${proposed.body.id}/record`)).status).toBe(200);
  });
});

describe('a proposal hidden from the partner', () => {
  it('is never asked of him, never shown to him, and a member may not propose one', async () => {
    const partnerId = family.members[1]!.id;
    const proposed = await propose({
      what: 'Hébergement en maison maternelle',
      positionsDueBy: inDays(4),
      hiddenFromMemberIds: [partnerId],
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body.awaitingPositionFrom.map((entry: { memberId: string }) => entry.memberId)).toEqual([
      family.members[0]!.id,
    ]);
    expect(await viewOf(partner, proposed.body.id)).toBeUndefined();
    const answered = await partner.post(`/decisions/${proposed.body.id}/positions`, { position: 'agrees' });
    expect(answered.status).toBe(404);
    expect(JSON.stringify(answered.body)).not.toContain('maison maternelle');
    const byMember = await mother.post(`/families/${family.id}/decisions`, {
      what: 'Une proposition de la mère',
      positionsDueBy: inDays(4),
    });
    expect(byMember.status).toBe(403);
  });
});

describe('closing a meeting with proposals still open', () => {
  it('keeps the chosen proposals open for positions until a day; the others stay as they were', async () => {
    const scheduled = await midwife.client.post(`/families/${family.id}/concertations`, {
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
      remote: true,
      agenda: [{ title: 'Décisions' }],
      invitedMemberIds: family.members.map((member) => member.id),
    });
    expect(scheduled.status).toBe(201);
    const concertationId = scheduled.body.concertation?.id ?? scheduled.body.id;
    const kept = await propose({ concertationId, what: 'Suivi psychologique' });
    const left = await propose({ concertationId, what: 'Crèche en septembre' });
    expect(kept.body.positionsDueBy).toBeNull();
    const badDay = await midwife.client.post(`/concertations/${concertationId}/close`, {
      keepOpenForPositions: { decisionIds: [kept.body.id], until: inDays(-2) },
    });
    expect(badDay.status).toBe(400);
    const closed = await midwife.client.post(`/concertations/${concertationId}/close`, {
      keepOpenForPositions: { decisionIds: [kept.body.id], until: inDays(7) },
    });
    expect(closed.status).toBe(200);
    const after = (await mother.get(`/families/${family.id}/decisions`)).body;
    const keptView = after.find((decision: { id: string }) => decision.id === kept.body.id);
    expect(keptView).toMatchObject({ status: 'proposed', positionsDueBy: inDays(7), recordable: false });
    expect(after.find((decision: { id: string }) => decision.id === left.body.id).positionsDueBy).toBeNull();
    expect((await mother.post(`/decisions/${kept.body.id}/positions`, { position: 'agrees' })).status).toBe(
      201,
    );
  });
});
