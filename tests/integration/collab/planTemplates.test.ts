import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readPlan, readRisks } from '@concerto/shared';
import { PlanActionModel } from '../../../server/src/models/planAction.ts';
import type { TestApiClient } from '../../support/apiClient.ts';
import { CollabTestClient, waitFor } from '../../support/collabClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

// Priorities, risks and ready-made actions travel in the plan document like everything else: the team
// writes them, the projection keeps them for "my actions", and a member's contribution cannot change them.
let server: TestServer;
let midwife: BuiltProfessional;
let socialWorker: BuiltProfessional;

async function open(client: TestApiClient, spaceId: string): Promise<CollabTestClient> {
  const outcome = await CollabTestClient.connect(server.url, spaceId, client.credentials);
  if (!outcome.ok) throw new Error(`connection refused with ${outcome.status}`);
  await waitFor(() => outcome.client.synced, 5000, 'first sync');
  return outcome.client;
}

beforeAll(async () => {
  server = await startTestServer();
  midwife = await buildProfessional(server.url, { healthRole: 'A' });
  socialWorker = await buildProfessional(server.url, { healthRole: 'B' });
});
afterAll(() => server.dispose());

describe('trimester templates in the plan document', () => {
  it('a ready-made action with its priority and risk reaches the team, the projection and the member it names', async () => {
    const family = await buildFamily(midwife.client);
    const motherId = family.members[0]!.id;
    await midwife.client.post(`/families/${family.id}/team`, { professionalId: socialWorker.id });
    const mother = await inviteMember(server.url, midwife.client, family.id, motherId);
    const spaces = (await midwife.client.get(`/families/${family.id}/spaces`)).body;
    const planId = spaces.find((space: { kind: string }) => space.kind === 'sharedPlan').id;
    const writer = await open(midwife.client, planId);
    writer.doc.transact(() => {
      const risk = new Y.Map<unknown>();
      writer.doc.getArray('risks').push([risk]);
      risk.set('id', 'r1');
      risk.set('text', 'Pas de place en crèche');
      risk.set('indicatorKey', null);
      const action = new Y.Map<unknown>();
      writer.doc.getArray('actions').push([action]);
      action.set('id', 'creche');
      action.set('what', "Préinscrire l'enfant en crèche");
      action.set('owner', { kind: 'member', id: motherId, name: 'Maria' });
      action.set('dueDate', null);
      action.set('status', 'todo');
      action.set('needId', null);
      action.set('priority', 'high');
      action.set('answers', ['r1']);
      action.set('templateKey', 'T1.crechePreRegistration');
      writer.doc.getMap('birthPlan').set('feeding', 'Allaitement');
    });
    await waitFor(
      async () => (await PlanActionModel.findOne({ actionId: 'creche' }).lean())?.priority === 'high',
      5000,
      'projected with its priority',
    );
    expect(await PlanActionModel.findOne({ actionId: 'creche' }).lean()).toMatchObject({
      answers: ['r1'],
      templateKey: 'T1.crechePreRegistration',
    });
    const hers = (await mother.get('/me/actions')).body as {
      id: string;
      priority: string;
      answers: string[];
    }[];
    expect(hers.find((action) => action.id === 'creche')).toMatchObject({
      priority: 'high',
      answers: ['r1'],
    });

    // Role B on the team reads the same plan: priorities and risks are not medical data.
    const colleague = await open(socialWorker.client, planId);
    await waitFor(() => readPlan(colleague.doc).actions.length === 1, 5000, 'the colleague gets the action');
    expect(readPlan(colleague.doc).actions[0]).toMatchObject({ priority: 'high', answers: ['r1'] });
    expect(readRisks(colleague.doc)).toEqual([
      { id: 'r1', text: 'Pas de place en crèche', indicatorKey: null },
    ]);

    // The mother moves her action on, but her edits of its priority, the risks or the birth plan are dropped.
    const member = await open(mother, planId);
    await waitFor(() => member.doc.getArray('actions').length === 1, 5000, 'the action reaches her');
    const own = member.doc.getArray<Y.Map<unknown>>('actions').get(0);
    own.set('status', 'inProgress');
    await waitFor(() => readPlan(writer.doc).actions[0]?.status === 'inProgress', 5000, 'her status arrives');
    own.set('priority', 'low');
    member.doc.getMap('birthPlan').set('feeding', 'Biberon');
    member.doc.getArray<Y.Map<unknown>>('risks').delete(0, 1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(readPlan(writer.doc).actions[0]?.priority).toBe('high');
    expect(writer.doc.getMap('birthPlan').get('feeding')).toBe('Allaitement');
    expect(readRisks(writer.doc)).toHaveLength(1);
    for (const client of [writer, colleague, member]) client.close();
  });
});
