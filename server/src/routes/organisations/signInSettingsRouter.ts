import { Router, type Request } from 'express';
import mongoose from 'mongoose';
import { z } from 'zod';
import { IdSchema, SignInSettingsSchema, UpdateSignInSettingsRequestSchema } from '@concerto/shared';
import { forgetProviderConfiguration } from '../../auth/identityProviders.ts';
import { endpoint } from '../../http/endpoint.ts';
import { invalidField, notFound } from '../../http/errors.ts';
import { atVersion, nextChange, refuseStaleWrite, staleWrite, versionOf } from '../../http/versions.ts';
import { requireAuth } from '../../auth/authenticate.ts';
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
    version: versionOf(organisation.lastChange),
  });
}

type StoredProvider = OrganisationDocument['identityProvider'];
type ProviderInput = z.output<typeof UpdateSignInSettingsRequestSchema>['identityProvider'];

/** Whether a change sets, removes or edits the identity provider (a new secret counts as an edit). */
function providerChanged(stored: StoredProvider, input: ProviderInput): boolean {
  const shown = (provider: StoredProvider | ProviderInput) =>
    provider?.issuer
      ? JSON.stringify([provider.label, provider.issuer, provider.clientId, provider.emailDomains ?? []])
      : null;
  return shown(stored) !== shown(input) || !!input?.clientSecret;
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
      refuseStaleWrite(request, organisation.lastChange, 'sign-in settings');
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
      const loadedAt = versionOf(organisation.lastChange);
      const fields = [
        ...(body.secondFactorRequired !== (organisation.secondFactorRequired === true)
          ? ['secondFactorRequired']
          : []),
        ...(providerChanged(stored, input) ? ['identityProvider'] : []),
      ];
      // One conditional update: only if no other manager changed the settings since they were read.
      const unchanged: Record<string, unknown> = {
        _id: organisation._id,
        'lastChange.version': mongoose.trusted(atVersion(loadedAt)),
      };
      const updated = await OrganisationModel.findOneAndUpdate(
        unchanged,
        {
          $set: {
            secondFactorRequired: body.secondFactorRequired,
            identityProvider: input ? { ...input, clientSecret } : null,
            lastChange: nextChange(organisation.lastChange, requireAuth(request).displayName, fields),
          },
        },
        { returnDocument: 'after' },
      ).lean();
      if (!updated) {
        const current = await OrganisationModel.findById(organisation._id, { lastChange: 1 }).lean();
        throw current ? staleWrite(current.lastChange, 'sign-in settings') : notFound('organisation');
      }
      return presentSignInSettings(updated, request);
    },
  );

  return router;
}
