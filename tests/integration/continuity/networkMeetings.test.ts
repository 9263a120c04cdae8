import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CollabTestClient, waitFor } from '../../support/collabClient.ts';
import { buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let organiser: BuiltProfessional;
let colleague: BuiltProfessional;
let outsider: BuiltProfessional;
let meetingId: string;
let notesSpaceId: string;

const schedule = (overrides: Record<string, unknown> = {}) =>
  organiser.client.post('/network-meetings', {
    title: 'Rencontre périnatalité — bassin Nord',
    kind: 'rencontresPerinatalite',
    bassin: 'bruxellesNord',
    scheduledAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    place: 'Maison de quartier',
    memberOrganisationIds: [colleague.organisationId],
    agenda: ['Tour de table', 'Saturation des services'],
    ...overrides,
  });

beforeAll(async () => {
  server = await startTestServer();
  organiser = await buildProfessional(server.url, { displayName: 'Organisatrice' });
  colleague = await buildProfessional(server.url, { healthRole: 'B' });
  outsider = await buildProfessional(server.url);
});
afterAll(() => server.dispose());

describe('network meetings', () => {
  it('refuses any family data and unknown fields', async () => {
    const withFamily = await schedule({ familyId: '0'.repeat(24) });
    expect(withFamily.status).toBe(400);
    expect(withFamily.body.error.message).toContain('familyId');
    expect((await schedule({ bassin: undefined })).status).toBe(400);
  });

  it('runs from scheduling to a published summary, for member organisations only', async () => {
    const scheduled = await schedule();
    expect(scheduled.status).toBe(201);
    meetingId = scheduled.body.id;
    notesSpaceId = scheduled.body.notesSpaceId;
    expect(
      scheduled.body.organisations.map((organisation: { id: string }) => organisation.id).sort(),
    ).toEqual([organiser.organisationId, colleague.organisationId].sort());
    expect((await outsider.client.get(`/network-meetings/${meetingId}`)).status).toBe(404);
    expect(
      (await colleague.client.get('/network-meetings')).body.map((meeting: { id: string }) => meeting.id),
    ).toContain(meetingId);

    expect(
      (await organiser.client.patch(`/network-meetings/${meetingId}`, { status: 'open' })).body.status,
    ).toBe('open');
    const attendance = await organiser.client.post(`/network-meetings/${meetingId}/attendance`, {
      organisationId: colleague.organisationId,
      status: 'present',
      attendees: ['Nadia', 'Lotte'],
    });
    expect(
      attendance.body.organisations.find(
        (organisation: { id: string }) => organisation.id === colleague.organisationId,
      ),
    ).toMatchObject({ status: 'present', attendees: ['Nadia', 'Lotte'] });
    expect(
      (
        await colleague.client.post(`/network-meetings/${meetingId}/decisions`, {
          what: 'A decision by a member',
        })
      ).status,
    ).toBe(403);

    // Notes are co-edited live by members; outsiders cannot even open them.
    const refused = await CollabTestClient.connect(server.url, notesSpaceId, outsider.client.credentials);
    expect(refused).toEqual({ ok: false, status: 404, body: '' });
    const opened = await CollabTestClient.connect(server.url, notesSpaceId, colleague.client.credentials);
    if (!opened.ok) throw new Error('member could not open the notes');
    await waitFor(() => opened.client.synced, 5000, 'sync');
    const paragraph = new Y.XmlElement('paragraph');
    opened.client.doc.getXmlFragment('notes').insert(0, [paragraph]);
    paragraph.insert(0, [
      new Y.XmlText('Les crèches du bassin (enfants <3 mois et >1 an) sont saturées jusqu’en septembre.'),
    ]);

    await organiser.client.post(`/network-meetings/${meetingId}/decisions`, {
      what: 'Cartographier les places de crèche',
      who: 'CPAS',
      byWhen: '2027-01-31',
    });
    const next = new Date(Date.now() + 60 * 86_400_000).toISOString();
    expect(
      (await organiser.client.patch(`/network-meetings/${meetingId}`, { nextDate: next })).body.nextDate,
    ).toBe(next);
    await waitFor(
      async () =>
        (await server.collab.registry.loaded()).some(
          (document) => document.name === notesSpaceId && document.doc.getXmlFragment('notes').length > 0,
        ),
      3000,
      'notes on the server',
    );

    const published = await organiser.client.post(`/network-meetings/${meetingId}/publish`);
    expect(published.status).toBe(200);
    const seenByMember = (await colleague.client.get(`/network-meetings/${meetingId}`)).body;
    expect(seenByMember).toMatchObject({
      status: 'published',
      summary: {
        notes: 'Les crèches du bassin (enfants <3 mois et >1 an) sont saturées jusqu’en septembre.',
        publishedBy: 'Organisatrice',
      },
    });
    expect(seenByMember.decisions).toEqual([
      { what: 'Cartographier les places de crèche', who: 'CPAS', byWhen: '2027-01-31' },
    ]);
    expect(
      (await organiser.client.post(`/network-meetings/${meetingId}/decisions`, { what: 'too late' })).status,
    ).toBe(409);
    opened.client.close();
  });
});
