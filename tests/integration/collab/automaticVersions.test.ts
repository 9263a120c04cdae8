import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import mongoose from 'mongoose';
import type { SharedDocument } from '../../../server/src/collab/sharedDocument.ts';
import { AutomaticVersions } from '../../../server/src/commands/versionRecorder.ts';
import { createLogger } from '../../../server/src/logger.ts';
import { SpaceVersionModel } from '../../../server/src/models/spaceVersion.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

describe('automatic versions of documents flushed together (a meeting starting, an instance restarting)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('are kept a few at a time, and each one is waited for before its document is freed', async () => {
    const versions = new AutomaticVersions(createLogger('silent'), 60 * 60 * 1000, 2);
    let inFlight = 0;
    let most = 0;
    const checked: string[] = [];
    const findOne = SpaceVersionModel.findOne.bind(SpaceVersionModel);
    const spy = vi.spyOn(SpaceVersionModel, 'findOne').mockImplementation(((
      ...args: Parameters<typeof findOne>
    ) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      checked.push(String((args[0] as unknown as { spaceId: unknown }).spaceId));
      const query = findOne(...args);
      const exec = query.exec.bind(query);
      // Each check of the newest version takes 20 ms, so checks that are allowed to overlap do.
      query.exec = (async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const result = await exec();
        inFlight -= 1;
        return result;
      }) as typeof query.exec;
      return query;
    }) as typeof SpaceVersionModel.findOne);
    try {
      const names = Array.from({ length: 6 }, () => new mongoose.Types.ObjectId().toHexString());
      for (const name of names) versions.afterFlush({ name } as SharedDocument);
      // The last one queued is still waited for by its document's unload.
      await versions.settled(names[5]!);
      expect(checked.sort()).toEqual([...names].sort());
      expect(most).toBe(2);
      await versions.settleAll();
    } finally {
      spy.mockRestore();
    }
  });
});
