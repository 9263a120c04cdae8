import { Router, type Request } from 'express';
import { z } from 'zod';
import { IdSchema, SignInSettingsSchema, UpdateSignInSettingsRequestSchema } from '@concerto/shared';
import { forgetProviderConfiguration } from '../../auth/identityProviders.ts';
import { endpoint } from '../../http/endpoint.ts';
import { invalidField } from '../../http/errors.ts';
import { OrganisationModel, type OrganisationDocument } from '../../models/organisation.ts';
import { managedOrganisation } from './managedOrganisation.ts';

const OrganisationParams = z.strictObject({ id: IdSchema });

function presentSignInSettings(organisation: OrganisationDocument, request: Request) {
  const provider = organisation.identityProvider;
  return SignInSettingsSchema.parse({
    secondFactorRequired: organisation.secondFactorRequired === true,
    identityProvider: provider?.issuer
      ? {
          label: provider.label,
          issuer: provider.issuer,
          clientId: provider.clientId,
          emailDomains: provider.emailDomains ?? [],
          hasClientSecret: Boolean(provider.clientSecret),
        }
      : null,
    callbackUrl: `${request.protocol}://${request.get('host')}/api/auth/oidc/callback`,
  });
}

/** How an organisation's staff sign in: a required second factor, an identity provider (its managers only). */
export function signInSettingsRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/organisations/:id/sign-in',
      summary: "The organisation's sign-in settings (the provider's client secret is never sent)",
      tags: ['organisations'],
      params: OrganisationParams,
      response: SignInSettingsSchema,
      authenticated: true,
    },
    async ({ params, request }) =>
      presentSignInSettings(await managedOrganisation(request, params.id), request),
  );

  endpoint(
    router,
    {
      method: 'put',
      path: '/organisations/:id/sign-in',
      summary: 'Require a second factor, set or remove the identity provider (omit the secret to keep it)',
      tags: ['organisations'],
      params: OrganisationParams,
      body: UpdateSignInSettingsRequestSchema,
      response: SignInSettingsSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const organisation = await managedOrganisation(request, params.id);
      const stored = organisation.identityProvider;
      const input = body.identityProvider;
      const clientSecret = input?.clientSecret ?? stored?.clientSecret;
      if (input && !clientSecret) throw invalidField('identityProvider.clientSecret', 'is required');
      if (stored?.issuer && stored.clientId && stored.clientSecret)
        forgetProviderConfiguration({
          issuer: stored.issuer,
          clientId: stored.clientId,
          clientSecret: stored.clientSecret,
        });
      const updated = await OrganisationModel.findOneAndUpdate(
        { _id: organisation._id },
        {
          $set: {
            secondFactorRequired: body.secondFactorRequired,
            identityProvider: input ? { ...input, clientSecret } : null,
          },
        },
        { returnDocument: 'after' },
      ).lean();
      return presentSignInSettings(updated ?? organisation, request);
    },
  );

  return router;
}
