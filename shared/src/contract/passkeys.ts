import { z } from 'zod';

const base64url = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*$/, 'must be base64url');

// What `@simplewebauthn/browser` sends back from the phone; the server checks every byte of it.
const credentialFields = {
  id: base64url.min(1),
  rawId: base64url.min(1),
  type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
};

/** `POST /api/auth/passkeys` body: the phone's answer when it creates a passkey. */
export const PasskeyRegistrationRequestSchema = z.strictObject({
  response: z.object({
    ...credentialFields,
    response: z.object({
      clientDataJSON: base64url.min(1),
      attestationObject: base64url.min(1),
      transports: z.array(z.string().max(20)).max(10).optional(),
    }),
  }),
});

/** `POST /api/auth/passkeys/sign-in` body: the phone's signature of the sign-in challenge. */
export const PasskeySignInRequestSchema = z.strictObject({
  response: z.object({
    ...credentialFields,
    response: z.object({
      clientDataJSON: base64url.min(1),
      authenticatorData: base64url.min(1),
      signature: base64url.min(1),
      userHandle: base64url.optional(),
    }),
  }),
});

/** The options a browser passes to `navigator.credentials` (WebAuthn's JSON form), as the server makes them. */
export const PasskeyOptionsSchema = z.object({ challenge: z.string() }).catchall(z.unknown());

/** The person's passkeys, as her account page and the sign-out question need them. */
export const PasskeyCountSchema = z.object({ passkeys: z.number().int() });
