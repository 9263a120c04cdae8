import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDays } from '@concerto/shared';
import { ReferralModel } from '../../../server/src/models/referral.ts';
import type { TestApiClient } from '../../support/apiClient.ts';
import { CollabTestClient, waitFor } from '../../support/collabClient.ts';
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
let entryId: string;
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer();
  const manager = await buildProfessional(server.url, { accessManager: true });
  midwife = await buildProfessional(server.url, { displayName: 'Sophie Sage-femme' });
  family = await buildFamily(midwife.client);
  entryId = (
    await manager.client.post('/directory', {
      name: 'Crèche du Parc',
      kind: 'childcare',
      cost: 'free',
      bassin: 'bruxellesNord',
    })
  ).body.id;
});
afterAll(() => server.dispose());

const refer = (followUpDate: string) =>
  midwife.client.post(`/families/${family.id}/referrals`, {
    memberId: family.members[0]!.id,
    entryId,
    reason: 'Place en crèche pour la reprise du travail',
    familyAgreed: true,
    followUpDate,
  });

describe('referral follow-up', () => {
  it('refuses a follow-up date already gone, when referring and when rescheduling', async () => {
    const yesterday = isoDate(addDays(new Date(), -1));
    const refused = await refer(yesterday);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ path: 'followUpDate', message: 'must be today or later' }]);
    const created = await refer(isoDate(new Date()));
    expect(created.status).toBe(201);
    const rescheduled = await midwife.client.patch(`/referrals/${created.body.id}`, {
      followUpDate: yesterday,
    });
    expect(rescheduled.status).toBe(400);
  });

  it('follows a referral up after contact until the service takes the family in charge', async () => {
    const created = await refer(isoDate(addDays(new Date(), 3)));
    const contact = await midwife.client.patch(`/referrals/${created.body.id}`, { status: 'contactMade' });
    expect(contact.body.allowedNext).toContain('takenInCharge');
    const work = async () =>
      (await midwife.client.get('/me/work')).body.referrals.map(
        (item: { referral: { id: string } }) => item.referral.id,
      );
    expect(await work()).toContain(created.body.id);
    // The follow-up date passes with no news of the service: the referral is flagged overdue.
    await ReferralModel.updateOne(
      { _id: created.body.id },
      { $set: { followUpDate: addDays(new Date(), -2), lastUpdateAt: addDays(new Date(), -5) } },
    );
    const listed = (await midwife.client.get(`/families/${family.id}/referrals`)).body.find(
      (referral: { id: string }) => referral.id === created.body.id,
    );
    expect(listed).toMatchObject({ status: 'contactMade', overdue: true });
    await midwife.client.patch(`/referrals/${created.body.id}`, { status: 'takenInCharge' });
    expect(await work()).not.toContain(created.body.id);
  });
});

describe('actions in "my work"', () => {
  it('carry the need they answer, and a member sees hers in her work as in her actions', async () => {
    const mother: TestApiClient = await inviteMember(
      server.url,
      midwife.client,
      family.id,
      family.members[0]!.id,
    );
    const planId = (await midwife.client.get(`/families/${family.id}/spaces`)).body.find(
      (space: { kind: string }) => space.kind === 'sharedPlan',
    ).id;
    const outcome = await CollabTestClient.connect(server.url, planId, midwife.client.credentials);
    if (!outcome.ok) throw new Error(`connection refused with ${outcome.status}`);
    const client = outcome.client;
    await waitFor(() => client.synced, 10_000, 'first sync');
    const need = new Y.Map<unknown>();
    client.doc.getArray('needs').push([need]);
    need.set('id', 'need-childcare');
    need.set('text', 'Trouver une place en crèche avant la reprise');
    const add = (id: string, owner: unknown) => {
      const action = new Y.Map<unknown>();
      client.doc.getArray('actions').push([action]);
      action.set('id', id);
      action.set('what', 'Visiter la crèche du Parc');
      action.set('owner', owner);
      action.set('dueDate', isoDate(addDays(new Date(), 10)));
      action.set('status', 'todo');
      action.set('needId', 'need-childcare');
    };
    add('action-midwife', { kind: 'professional', id: midwife.id, name: midwife.displayName });
    add('action-mother', { kind: 'member', id: family.members[0]!.id, name: 'Maria' });
    await waitFor(
      async () => (await midwife.client.get('/me/actions')).body.length === 1,
      5000,
      'projection',
    );
    expect((await midwife.client.get('/me/actions')).body[0]).toMatchObject({
      needId: 'need-childcare',
      needText: 'Trouver une place en crèche avant la reprise',
    });
    expect((await midwife.client.get('/me/work')).body.actions[0]).toMatchObject({
      action: { id: 'action-midwife', needId: 'need-childcare' },
      needText: 'Trouver une place en crèche avant la reprise',
    });
    const herActions = (await mother.get('/me/actions')).body.map((action: { id: string }) => action.id);
    const herWork = (await mother.get('/me/work')).body.actions.map(
      (item: { action: { id: string } }) => item.action.id,
    );
    expect(herActions).toEqual(['action-mother']);
    expect(herWork).toEqual(herActions);
    client.close();
  });
});
