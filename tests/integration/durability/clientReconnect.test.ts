import mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconnectClient } from '../../../server/src/db/heartbeatWatchdog.ts';
import { waitFor } from '../../support/collabClient.ts';
import { buildFamily, buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

// What the heartbeat watchdog does when the driver's monitor is stuck: the running server must serve again.
describe('the MongoDB client closed and connected again under a running server', () => {
  let server: TestServer;
  let midwife: BuiltProfessional;

  beforeAll(async () => {
    server = await startTestServer();
    midwife = await buildProfessional(server.url);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('answers health 200 again, reads what was written before and takes new writes', async () => {
    const before = await buildFamily(midwife.client);
    await reconnectClient(mongoose.connection.getClient(), pino({ level: 'silent' }));
    await waitFor(async () => (await fetch(`${server.url}/api/health`)).status === 200, 15_000, 'health 200');
    const after = await buildFamily(midwife.client);
    const families = await midwife.client.get('/families');
    expect(families.status).toBe(200);
    const ids = (families.body as { id: string }[]).map((family) => family.id);
    expect(ids).toEqual(expect.arrayContaining([before.id, after.id]));
  });
});
