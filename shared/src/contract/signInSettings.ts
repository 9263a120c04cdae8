import { z } from 'zod';
import { RecordVersionSchema } from './versions.ts';

/** An organisation whose staff may sign in with its identity provider, as the sign-in page offers it. */
export const IdentityProviderChoiceSchema = z.object({
  organisationId: z.string(),
  organisationName: z.string(),
  /** How the button names the provider ("eHealth", "itsme", "Keycloak CHU"...). */
  label: z.string(),
});
/** One "Sign in with…" choice. */
export type IdentityProviderChoice = z.infer<typeof IdentityProviderChoiceSchema>;

const domainPattern = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** An organisation's identity provider as its managers set it; the client secret is write-only. */
export const IdentityProviderInputSchema = z.strictObject({
  label: z.string().trim().min(1, 'is required').max(60),
  issuer: z
    .url('must be the issuer URL of the provider (https://…)')
    .max(300)
    .refine((value) => /^https?:\/\//.test(value), 'must start with https://'),
  clientId: z.string().trim().min(1, 'is required').max(200),
  /** Omitted to keep the secret already stored. */
  clientSecret: z.string().min(1, 'is required').max(500).optional(),
  /** Email domains of the staff (`chu-exemple.be`): the sign-in page offers this provider for them. */
  emailDomains: z
    .array(z.string().trim().toLowerCase().regex(domainPattern, 'must be a domain such as chu-exemple.be'))
    .max(20)
    .default([]),
});

/** How an organisation's staff sign in (`PUT /organisations/:id/sign-in`). */
export const UpdateSignInSettingsRequestSchema = z.strictObject({
  secondFactorRequired: z.boolean(),
  identityProvider: IdentityProviderInputSchema.nullable(),
});

/** How an organisation's staff sign in, as its managers see it: never the client secret itself. */
export const SignInSettingsSchema = z.object({
  secondFactorRequired: z.boolean(),
  identityProvider: z
    .object({
      label: z.string(),
      issuer: z.string(),
      clientId: z.string(),
      emailDomains: z.array(z.string()),
      hasClientSecret: z.boolean(),
    })
    .nullable(),
  /** The address to register at the provider as redirect URI. */
  callbackUrl: z.string(),
  /** The settings' version, sent back with a change (If-Match). */
  version: RecordVersionSchema,
});
/** An organisation's sign-in settings. */
export type SignInSettings = z.infer<typeof SignInSettingsSchema>;
