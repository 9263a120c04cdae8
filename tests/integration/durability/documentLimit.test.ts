import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollabCloseCode, collabLimits } from '@concerto/shared';
import { CollabUpdateModel } from '../../../server/src/models/collabUpdate.ts';
import { MongoUpdateStore, RecordTooLargeError } from '../../../server/src/collab/updateStore.ts';
import { CollabTestClient, waitFor } from '../../support/collabClient.ts';
import { buildFamily, buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

describe('the size limit of one document', () => {
  let server: TestServer;
  let midwife: BuiltProfessional;
  let planId: string;

  beforeAll(async () => {
    server = await startTestServer({ CONCERTO_COLLAB_IDLE_UNLOAD_MS: '50' });
    midwife = await buildProfessional(server.url);
    const family = await buildFamily(midwife.client);
    planId = (await midwife.client.get(`/families/${family.id}/spaces`)).body.find(
      (space: { kind: string }) => space.kind === 'sharedPlan',
    ).id;
  });
  afterAll(() => server.dispose());

  it('refuses the edit that would pass it with its own close code, and keeps what came before', async () => {
    const outcome = await CollabTestClient.connect(server.url, planId, midwife.client.credentials);
    if (!outcome.ok) throw new Error(`refused with ${outcome.status}`);
    const writer = outcome.client;
    await waitFor(() => writer.synced, 10_000, 'first sync');
    const chunk = 'a'.repeat(collabLimits.maxDocumentBytes / 3);
    const notes = writer.doc.getText('notes');
    notes.insert(0, chunk);
    notes.insert(0, chunk);
    expect(writer.closeCode).toBeNull();
    notes.insert(0, chunk);
    await waitFor(() => writer.closeCode !== null, 10_000, 'close');
    expect(writer.closeCode).toBe(CollabCloseCode.documentTooLarge);

    await waitFor(async () => (await server.collab.registry.loaded()).length === 0, 10_000, 'unload');
    const again = await CollabTestClient.connect(server.url, planId, midwife.client.credentials);
    if (!again.ok) throw new Error(`refused with ${again.status}`);
    await waitFor(() => again.client.synced, 10_000, 'sync of the large document');
    expect(again.client.doc.getText('notes').length).toBe(2 * chunk.length);
    again.client.close();
  });

  it("a record over MongoDB's limit fails alone: the records written with it are stored", async () => {
    const store = new MongoUpdateStore();
    const [oversized, small] = await Promise.allSettled([
      store.append('oversized-document', 1, new Uint8Array(17 * 1024 * 1024)),
      store.append('small-document', 1, new Uint8Array([0, 0])),
    ]);
    expect(oversized.status === 'rejected' && oversized.reason).toBeInstanceOf(RecordTooLargeError);
    expect(small.status).toBe('fulfilled');
    expect(await CollabUpdateModel.countDocuments({ docName: 'small-document' })).toBe(1);
  });
});
