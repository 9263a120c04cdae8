import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProfessional } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let direct: TestServer;
beforeAll(async () => {
  direct = await startTestServer();
});
afterAll(() => direct.dispose());

describe('the real client address', () => {
  it('without a trusted proxy, X-Forwarded-For is ignored: rotating it does not escape the limit', async () => {
    const victim = await buildProfessional(direct.url);
    const attempt = (forwardedFor: string, password: string) =>
      fetch(`${direct.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
        body: JSON.stringify({ email: victim.email, password, mode: 'token' }),
      });
    for (let index = 0; index < 4; index += 1) await attempt(`198.51.100.${index}`, 'wrong-wrong');
    expect((await attempt('198.51.100.200', 'wrong-wrong')).status).toBe(429);
  });
});
