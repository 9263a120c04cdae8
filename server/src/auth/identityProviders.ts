import * as oidc from 'openid-client';

/** An organisation's identity provider as stored (the secret never leaves the server). */
export interface IdentityProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

const configurations = new Map<string, Promise<oidc.Configuration>>();
const keyOf = (settings: IdentityProviderSettings) =>
  JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret]);

/**
 * The provider's configuration, discovered once from `<issuer>/.well-known/openid-configuration` and
 * kept while the settings stay the same. Plain http is accepted outside production only (local tests).
 */
export function providerConfiguration(
  settings: IdentityProviderSettings,
  allowHttp: boolean,
): Promise<oidc.Configuration> {
  const key = keyOf(settings);
  let configuration = configurations.get(key);
  if (!configuration) {
    configuration = oidc.discovery(
      new URL(settings.issuer),
      settings.clientId,
      undefined,
      oidc.ClientSecretBasic(settings.clientSecret),
      allowHttp ? { execute: [oidc.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
    );
    configurations.set(key, configuration);
    // A provider that was down must be asked again on the next sign-in, not remembered as down.
    configuration.catch(() => configurations.delete(key));
  }
  return configuration;
}

/** Forgets a provider's configuration (its settings changed). */
export function forgetProviderConfiguration(settings: IdentityProviderSettings): void {
  configurations.delete(keyOf(settings));
}
