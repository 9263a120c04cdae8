import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApiClient } from '../../support/apiClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

const dialIn = 'Appelez le +32 2 555 00 00, puis tapez le code 4711#';
const roomUrl = /^https:\/\/meet\.example\.be\/concerto-[0-9a-f]{32}$/;
let server: TestServer;
let midwife: BuiltProfessional;
let outsider: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
let mother: TestApiClient;
let partner: TestApiClient;

beforeAll(async () => {
  server = await startTestServer({
    CONCERTO_VIDEO_URL_TEMPLATE: 'https://meet.example.be/concerto-{room}',
    CONCERTO_VIDEO_DIALIN: dialIn,
  });
  midwife = await buildProfessional(server.url, { healthRole: 'A' });
  outsider = await buildProfessional(server.url, { healthRole: 'A' });
  family = await buildFamily(midwife.client);
  mother = await inviteMember(server.url, midwife.client, family.id, family.members[0]!.id);
  partner = await inviteMember(server.url, midwife.client, family.id, family.members[1]!.id);
});
afterAll(() => server.dispose());

/** Schedules a meeting tomorrow to which only the mother is invited. */
async function schedule(remote: boolean): Promise<string> {
  const scheduled = await midwife.client.post(`/families/${family.id}/concertations`, {
    scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
    remote,
    ...(remote ? {} : { place: 'Maison médicale' }),
    agenda: [{ title: 'Plan' }],
    invitedMemberIds: [family.members[0]!.id],
  });
  expect(scheduled.status, scheduled.text).toBe(201);
  return scheduled.body.id;
}

describe('the video call of a remote concertation', () => {
  it('has one unguessable room per meeting, kept, shown to the organiser and the invited member', async () => {
    const first = await schedule(true);
    const organiserView = (await midwife.client.get(`/concertations/${first}`)).body;
    expect(organiserView.call).toEqual({ url: expect.stringMatching(roomUrl), dialIn, unconfigured: false });
    expect((await midwife.client.get(`/concertations/${first}`)).body.call.url).toBe(organiserView.call.url);
    expect((await mother.get(`/concertations/${first}`)).body.call.url).toBe(organiserView.call.url);
    const second = await schedule(true);
    expect((await midwife.client.get(`/concertations/${second}`)).body.call.url).not.toBe(
      organiserView.call.url,
    );
  });

  it('never reaches those who may not see the meeting', async () => {
    const id = await schedule(true);
    const url = (await midwife.client.get(`/concertations/${id}`)).body.call.url;
    for (const [who, client] of [
      ['partner, not invited', partner],
      ['professional off the team', outsider.client],
    ] as const) {
      for (const path of [`/concertations/${id}`, `/concertations/${id}/calendar.ics`, '/me/calendar.ics']) {
        const response = await client.get(path);
        expect(response.text, `${who} ${path}`).not.toContain(url);
      }
    }
  });

  it('is in the calendar file: location, description with the dial-in, and in her own calendar', async () => {
    const id = await schedule(true);
    const url = (await mother.get(`/concertations/${id}`)).body.call.url;
    const ics = (await mother.get(`/concertations/${id}/calendar.ics`)).text.replace(/\r\n /g, '');
    expect(ics).toContain(`LOCATION:${url}`);
    expect(ics).toContain(`Appel vidéo : ${url}`);
    expect(ics).toContain('Par téléphone : Appelez le +32 2 555 00 00\\, puis tapez le code 4711#');
    const mine = (await mother.get('/me/calendar.ics')).text.replace(/\r\n /g, '');
    expect(mine).toContain(`LOCATION:${url}`);
  });

  it('is in the answer that hands the organiser the invitations', async () => {
    const scheduled = await midwife.client.post(`/families/${family.id}/concertations`, {
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      remote: true,
      agenda: [{ title: 'Plan' }],
      invitedMemberIds: [family.members[0]!.id],
    });
    expect(scheduled.body.call.url).toMatch(roomUrl);
    expect(scheduled.body.memberInvitations).toHaveLength(1);
  });

  it('a meeting on site has none until it becomes remote; a closed one has none', async () => {
    const id = await schedule(false);
    expect((await midwife.client.get(`/concertations/${id}`)).body.call).toBeNull();
    const remote = await midwife.client.patch(`/concertations/${id}`, { remote: true });
    expect(remote.body.call.url).toMatch(roomUrl);
    await midwife.client.patch(`/concertations/${id}`, { status: 'open' });
    const closed = await midwife.client.post(`/concertations/${id}/close`, {});
    expect(closed.status, closed.text).toBeLessThan(300);
    expect((await midwife.client.get(`/concertations/${id}`)).body.call).toBeNull();
    expect((await mother.get(`/concertations/${id}/calendar.ics`)).text).not.toContain('meet.example.be');
  });
});
