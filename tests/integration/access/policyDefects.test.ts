import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { Socket } from 'socket.io-client';
import { CollabCloseCode } from '@concerto/shared';
import { AuditEntryModel } from '../../../server/src/models/auditEntry.ts';
import type { TestApiClient } from '../../support/apiClient.ts';
import { CollabTestClient, waitFor } from '../../support/collabClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { connectRoom, emitWithAck } from '../../support/roomClient.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

// Each defect found on the main branch before issue 10 (one policy, enforced where data is read).
let server: TestServer;
let midwife: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
let mother: TestApiClient;
let partner: TestApiClient;
const sockets: Socket[] = [];
const collabs: CollabTestClient[] = [];

const motherId = () => family.members[0]!.id;
const partnerId = () => family.members[1]!.id;

async function recordedDecision(hiddenFromMemberIds: string[]) {
  const proposed = await midwife.client.post(`/families/${family.id}/decisions`, {
    what: 'Hébergement en maison maternelle, adresse confidentielle',
    hiddenFromMemberIds,
  });
  expect(proposed.status).toBe(201);
  expect((await midwife.client.post(`/decisions/${proposed.body.id}/record`)).status).toBe(200);
  return proposed.body.id as string;
}

beforeAll(async () => {
  server = await startTestServer();
  midwife = await buildProfessional(server.url, { healthRole: 'A', displayName: 'Sophie Midwife' });
  family = await buildFamily(midwife.client);
  mother = await inviteMember(server.url, midwife.client, family.id, motherId());
  partner = await inviteMember(server.url, midwife.client, family.id, partnerId());
});
afterAll(async () => {
  sockets.forEach((socket) => socket.disconnect());
  collabs.forEach((client) => client.close());
  await server.dispose();
});

describe('Amending un-hides', () => {
  it('an amendment sent without an audience stays hidden from whoever the amended decision was hidden from', async () => {
    const decisionId = await recordedDecision([partnerId()]);
    const amendment = await midwife.client.post(`/decisions/${decisionId}/amendments`, {
      what: 'Maison maternelle à Uccle, adresse confidentielle',
      reason: 'Autre place libérée',
    });
    expect(amendment.status).toBe(201);
    expect(amendment.body.hiddenFromMemberIds).toEqual([partnerId()]);
    const seenByPartner = await partner.get(`/families/${family.id}/decisions`);
    expect(seenByPartner.status).toBe(200);
    expect(seenByPartner.text).not.toContain('Uccle');
    expect(seenByPartner.text).not.toContain('maison maternelle');
    expect((await mother.get(`/families/${family.id}/decisions`)).text).toContain('Uccle');
  });

  it('a list that leaves a hidden member out does not un-hide her; widening is explicit', async () => {
    const decisionId = await recordedDecision([partnerId()]);
    const kept = await midwife.client.post(`/decisions/${decisionId}/amendments`, {
      what: 'Rendez-vous au planning familial, sans le partenaire',
      reason: 'Précision',
      hiddenFromMemberIds: [],
    });
    expect(kept.body.hiddenFromMemberIds).toEqual([partnerId()]);
    const widened = await midwife.client.post(`/decisions/${kept.body.id}/record`);
    expect(widened.status).toBe(200);
    const shown = await midwife.client.post(`/decisions/${kept.body.id}/amendments`, {
      what: 'Réunion de famille commune au CPAS',
      reason: 'La situation a changé',
      hiddenFromMemberIds: [],
      widenAudience: true,
    });
    expect(shown.body.hiddenFromMemberIds).toEqual([]);
    const seenByPartner = (await partner.get(`/families/${family.id}/decisions`)).text;
    expect(seenByPartner).toContain('Réunion de famille commune');
    expect(seenByPartner).not.toContain('planning familial');
  });
});

describe('Channels disagree', () => {
  it('after the partner withdrew his concertation consent, REST refuses his meetings, decisions and positions as the room does', async () => {
    const scheduled = await midwife.client.post(`/families/${family.id}/concertations`, {
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      remote: true,
      agenda: [{ title: 'Plan' }],
      invitedMemberIds: [motherId(), partnerId()],
    });
    expect(scheduled.status).toBe(201);
    const concertationId = scheduled.body.id as string;
    const proposal = await midwife.client.post(`/families/${family.id}/decisions`, {
      what: 'Suivi hebdomadaire par la sage-femme',
      concertationId,
    });
    expect(proposal.status).toBe(201);
    expect((await partner.get(`/concertations/${concertationId}`)).status).toBe(200);

    const withdrawn = await partner.post(`/families/${family.id}/consents`, {
      memberId: partnerId(),
      scope: 'concertation',
      granted: false,
    });
    expect(withdrawn.status).toBe(201);

    const socket = await connectRoom(server.url, partner);
    sockets.push(socket);
    const joined = await emitWithAck(socket, 'concertation:join', { concertationId });
    expect(joined).toEqual({ ok: false, error: 'not_found' });

    expect((await partner.get(`/concertations/${concertationId}`)).status).toBe(404);
    expect((await partner.get(`/concertations/${concertationId}/calendar.ics`)).status).toBe(404);
    const meetings = await partner.get(`/families/${family.id}/concertations`);
    expect(meetings.status).toBe(403);
    const decisions = await partner.get(`/families/${family.id}/decisions`);
    expect(decisions.status).toBe(403);
    expect(decisions.text).not.toContain('Suivi hebdomadaire');
    const position = await partner.post(`/decisions/${proposal.body.id}/positions`, {
      position: 'agrees',
      words: 'ok',
    });
    expect(position.status).toBe(404);
    // The mother, who did not withdraw, still takes part.
    expect((await mother.get(`/concertations/${concertationId}`)).status).toBe(200);
  });
});

describe('One space, two documents', () => {
  it('the same space id in upper case answers 404 and never opens a second document', async () => {
    const spaces = (await midwife.client.get(`/families/${family.id}/spaces`)).body as {
      id: string;
      kind: string;
    }[];
    const plan = spaces.find((space) => space.kind === 'sharedPlan')!;
    const variant = await CollabTestClient.connect(
      server.url,
      plan.id.toUpperCase(),
      midwife.client.credentials,
    );
    expect(variant).toEqual({ ok: false, status: 404, body: '' });
    const canonical = await CollabTestClient.connect(server.url, plan.id, midwife.client.credentials);
    if (!canonical.ok) throw new Error('the canonical id must open');
    collabs.push(canonical.client);
    await waitFor(() => canonical.client.synced, 5000, 'sync');
    const names = (await server.collab.registry.loaded()).map((document) => document.name);
    expect(names).toContain(plan.id);
    expect(names).not.toContain(plan.id.toUpperCase());
    await expect(server.collab.registry.open(plan.id.toUpperCase())).rejects.toThrow(/canonical/);
  });
});

describe('Reads not audited', () => {
  it('opening the health space over the websocket is audited once per person, space and hour', async () => {
    const spaces = (await midwife.client.get(`/families/${family.id}/spaces`)).body as {
      id: string;
      kind: string;
    }[];
    const health = spaces.find((space) => space.kind === 'health')!;
    const websocketReads = () =>
      AuditEntryModel.countDocuments({
        familyId: family.id,
        spaceId: health.id,
        part: 'spaces',
        access: 'read',
        requestId: null,
      });
    expect(await websocketReads()).toBe(0);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const opened = await CollabTestClient.connect(server.url, health.id, midwife.client.credentials);
      if (!opened.ok) throw new Error('the midwife must open the health space');
      collabs.push(opened.client);
      await waitFor(() => opened.client.synced, 5000, 'sync');
      opened.client.doc.getText('typing').insert(0, 'a few keystrokes');
    }
    await waitFor(async () => (await websocketReads()) === 1, 3000, 'one audit entry');
    const entries = await AuditEntryModel.find({
      familyId: family.id,
      part: 'spaces',
      requestId: null,
    }).lean();
    const healthEntries = entries.filter((entry) => String(entry.spaceId) === health.id);
    expect(healthEntries).toHaveLength(1);
    expect(healthEntries[0]).toMatchObject({ actorName: 'Sophie Midwife', access: 'read' });
  });
});

describe('Network meetings', () => {
  it('after publication, attendance and the live notes refuse changes', async () => {
    const colleague = await buildProfessional(server.url, { healthRole: 'B' });
    const scheduled = await midwife.client.post('/network-meetings', {
      title: 'GT Liaison',
      kind: 'gtLiaison',
      hospital: 'CHU Saint-Pierre',
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      memberOrganisationIds: [colleague.organisationId],
      agenda: ['Retour à domicile'],
    });
    expect(scheduled.status).toBe(201);
    const meetingId = scheduled.body.id as string;
    const notesSpaceId = scheduled.body.notesSpaceId as string;
    const before = await CollabTestClient.connect(server.url, notesSpaceId, colleague.client.credentials);
    if (!before.ok) throw new Error('a member organisation opens the notes');
    collabs.push(before.client);
    await waitFor(() => before.client.synced, 5000, 'sync');

    expect((await midwife.client.post(`/network-meetings/${meetingId}/publish`)).status).toBe(200);
    const attendance = await midwife.client.post(`/network-meetings/${meetingId}/attendance`, {
      organisationId: colleague.organisationId,
      status: 'present',
      attendees: ['Après coup'],
    });
    expect(attendance.status).toBe(409);
    expect((await colleague.client.get(`/network-meetings/${meetingId}`)).text).not.toContain('Après coup');

    // The open connection is closed (its access changed) and a new one is read-only.
    await waitFor(() => before.client.closeCode !== null, 3000, 'connection closed');
    expect(before.client.closeCode).toBe(CollabCloseCode.accessChanged);
    const after = await CollabTestClient.connect(server.url, notesSpaceId, colleague.client.credentials);
    if (!after.ok) throw new Error('the published notes stay readable');
    collabs.push(after.client);
    await waitFor(() => after.client.synced, 5000, 'sync');
    const paragraph = new Y.XmlElement('paragraph');
    after.client.doc.getXmlFragment('notes').insert(0, [paragraph]);
    paragraph.insert(0, [new Y.XmlText('Ajout après publication')]);
    // A sync request sent after the edit is answered after the edit was handled: a barrier, not a sleep.
    const answered = after.client.received.length;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, new Y.Doc());
    after.client.sendRaw(encoding.toUint8Array(encoder));
    await waitFor(() => after.client.received.length > answered, 3000, 'the server handled the edit');
    const onServer = (await server.collab.registry.loaded()).find(
      (document) => document.name === notesSpaceId,
    );
    expect(onServer?.doc.getXmlFragment('notes').toString() ?? '').not.toContain('Ajout après publication');
  });
});
