import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';

describe('where passkeys are valid (CONCERTO_PASSKEY_ORIGIN, CONCERTO_PASSKEY_RP_ID)', () => {
  it('names the configured origin, and its host as the relying party unless told otherwise', () => {
    expect(loadConfig({ CONCERTO_PASSKEY_ORIGIN: 'https://concerto.example.be/' }).passkeys).toEqual({
      origin: 'https://concerto.example.be',
      rpId: 'concerto.example.be',
    });
    expect(
      loadConfig({
        CONCERTO_PASSKEY_ORIGIN: 'https://app.concerto.be',
        CONCERTO_PASSKEY_RP_ID: 'concerto.be',
      }).passkeys,
    ).toEqual({ origin: 'https://app.concerto.be', rpId: 'concerto.be' });
  });

  it("offers them on a developer's http://localhost:PORT, and not in production until configured", () => {
    expect(loadConfig({ PORT: '3000' }).passkeys).toEqual({
      origin: 'http://localhost:3000',
      rpId: 'localhost',
    });
    expect(loadConfig({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://db/x' }).passkeys).toBeNull();
    // docker-compose passes an unset variable as empty.
    expect(loadConfig({ NODE_ENV: 'production', CONCERTO_PASSKEY_ORIGIN: '' }).passkeys).toBeNull();
  });

  it('refuses a relying party that is not the origin or a domain above it', () => {
    expect(() =>
      loadConfig({
        CONCERTO_PASSKEY_ORIGIN: 'https://concerto.example.be',
        CONCERTO_PASSKEY_RP_ID: 'evil.be',
      }),
    ).toThrow(/CONCERTO_PASSKEY_RP_ID/);
    expect(() => loadConfig({ CONCERTO_PASSKEY_ORIGIN: 'ftp://concerto.example.be' })).toThrow(
      /CONCERTO_PASSKEY_ORIGIN/,
    );
  });
});
