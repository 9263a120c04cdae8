import { Router } from 'express';
import mongoose from 'mongoose';
import { z } from 'zod';
import { IdSchema, OrganisationBassinRequestSchema, OrganisationSchema } from '@concerto/shared';
import { requireAuth } from '../../auth/authenticate.ts';
import { endpoint } from '../../http/endpoint.ts';
import { notFound } from '../../http/errors.ts';
import { atVersion, nextChange, refuseStaleWrite, staleWrite, versionOf } from '../../http/versions.ts';
import { OrganisationModel } from '../../models/organisation.ts';
import { managedOrganisation } from './managedOrganisation.ts';

const OrganisationParams = z.strictObject({ id: IdSchema });

/** The bassin an organisation works in, which groups it with its neighbours in the network figures. */
export function organisationBassinRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'put',
      path: '/organisations/:id/bassin',
      summary:
        'Set the bassin an organisation works in (its access managers or the admin); null for none. With If-Match, a stale change answers 409',
      tags: ['organisations'],
      params: OrganisationParams,
      body: OrganisationBassinRequestSchema,
      response: OrganisationSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const managed = await managedOrganisation(request, params.id);
      refuseStaleWrite(request, managed.bassinChange, 'bassin');
      // One conditional update: only if nobody changed the bassin since it was read.
      const unchanged: Record<string, unknown> = {
        _id: managed._id,
        'bassinChange.version': mongoose.trusted(atVersion(versionOf(managed.bassinChange))),
      };
      const organisation = await OrganisationModel.findOneAndUpdate(
        unchanged,
        {
          $set: {
            bassin: body.bassin,
            bassinChange: nextChange(managed.bassinChange, requireAuth(request).displayName, ['bassin']),
          },
        },
        { returnDocument: 'after' },
      ).lean();
      if (!organisation) {
        const current = await OrganisationModel.findById(managed._id, { bassinChange: 1 }).lean();
        throw current ? staleWrite(current.bassinChange, 'bassin') : notFound('organisation');
      }
      return OrganisationSchema.parse({
        id: String(organisation._id),
        name: organisation.name,
        kind: organisation.kind,
        bassin: organisation.bassin ?? null,
        bassinVersion: versionOf(organisation.bassinChange),
      });
    },
  );

  return router;
}
