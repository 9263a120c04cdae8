import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { assertStrongPassword, minimumPasswordScore } from '../../../server/src/auth/passwordStrength.ts';
import { PasswordStrengthThread } from '../../../server/src/auth/passwordStrengthThread.ts';
import { HttpError } from '../../../server/src/http/errors.ts';

const strong = 'Lune-violette-42-sardine';
const threads: PasswordStrengthThread[] = [];
function thread(idleMs?: number, script?: URL): PasswordStrengthThread {
  const started = new PasswordStrengthThread(idleMs, script);
  threads.push(started);
  return started;
}
afterAll(() => Promise.all(threads.map((started) => started.stop())));

describe('a new password', () => {
  it('is refused when easy to guess, with the 400 that names the field and says why', async () => {
    const refusal = await assertStrongPassword('motdepasse123', [], 'newPassword').catch((error) => error);
    expect(refusal).toBeInstanceOf(HttpError);
    expect(refusal).toMatchObject({
      status: 400,
      code: 'invalid_request',
      details: [
        {
          path: 'newPassword',
          message: 'is easy to guess: use a longer phrase of unrelated words, without your name or email',
        },
      ],
    });
  });

  it('is refused when it is the person’s own name, accepted when strong', async () => {
    await expect(
      assertStrongPassword('Clementine Vandenbroucke', ['Clementine Vandenbroucke']),
    ).rejects.toThrow(/password: is easy to guess/);
    await expect(assertStrongPassword(strong, ['Clementine Vandenbroucke'])).resolves.toBeUndefined();
  });
});

describe('the password strength thread', () => {
  it('gives checks asked at the same time their own answers', async () => {
    const estimator = thread();
    const passwords = [
      'aaaaaaaaaaaa',
      strong,
      'wachtwoord2024',
      'Tortue-bleue-Ostende-1987',
      'Bonjour123456',
    ];
    const scores = await Promise.all(passwords.map((password) => estimator.score(password, [])));
    expect(scores.map((score) => score >= minimumPasswordScore)).toEqual([false, true, false, true, false]);
  });

  it('ends after the idle delay, and a later check starts a new one', async () => {
    const estimator = thread(200);
    expect(estimator.running).toBe(false);
    expect(await estimator.score(strong, [])).toBeGreaterThanOrEqual(minimumPasswordScore);
    expect(estimator.running).toBe(true);
    await vi.waitFor(() => expect(estimator.running).toBe(false), { timeout: 5000, interval: 50 });
    expect(await estimator.score('aaaaaaaaaaaa', [])).toBeLessThan(minimumPasswordScore);
    expect(estimator.running).toBe(true);
  });

  it('fails the checks in flight when the thread dies, and the next check starts a new thread', async () => {
    const dying = thread(60_000, new URL('./crashingStrengthWorker.ts', import.meta.url));
    const both = [dying.score(strong, []), dying.score('aaaaaaaaaaaa', [])];
    await expect(both[0]).rejects.toThrow(/exited \(7\)/);
    await expect(both[1]).rejects.toThrow(/exited \(7\)/);
    expect(dying.running).toBe(false);

    const estimator = thread();
    const cut = estimator.score(strong, []);
    await estimator.stop();
    await expect(cut).rejects.toThrow(/exited/);
    expect(await estimator.score(strong, [])).toBeGreaterThanOrEqual(minimumPasswordScore);
  });
});

// The server's thread must never load zxcvbn, not at start nor when checking: a child process runs the
// server's code through tsx, as `npm start` does, and notes every module it resolves.
const probe = `
import { registerHooks } from 'node:module';
const seen = [];
registerHooks({ resolve(specifier, context, next) {
  const resolved = next(specifier, context);
  if (resolved.url.includes('zxcvbn')) seen.push(resolved.url);
  return resolved;
} });
await import(${JSON.stringify(new URL('../../../server/src/server.ts', import.meta.url).href)});
const { assertStrongPassword } = await import(
  ${JSON.stringify(new URL('../../../server/src/auth/passwordStrength.ts', import.meta.url).href)});
const refused = await assertStrongPassword('motdepasse123', []).then(() => false, () => true);
await assertStrongPassword(${JSON.stringify(strong)}, []);
console.log(JSON.stringify({ seen, refused }));
`;

describe('the server’s thread', () => {
  it('loads nothing of zxcvbn, at start or when it checks a password', async () => {
    // A file, not `-e`: the worker would inherit `--input-type` and refuse to start.
    const folder = mkdtempSync(path.join(tmpdir(), 'concerto-probe-'));
    writeFileSync(path.join(folder, 'probe.mjs'), probe);
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', path.join(folder, 'probe.mjs')],
        { timeout: 30_000 },
      );
      expect(JSON.parse(stdout)).toEqual({ seen: [], refused: true });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 40_000);
});
