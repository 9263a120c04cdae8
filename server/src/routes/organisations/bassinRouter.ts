import { Router } from 'express';
import { z } from 'zod';
import { IdSchema, OrganisationBassinRequestSchema, OrganisationSchema } from '@concerto/shared';
import { endpoint } from '../../http/endpoint.ts';
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
      summary: 'Set the bassin an organisation works in (its access managers or the admin); null for none',
      tags: ['organisations'],
      params: OrganisationParams,
      body: OrganisationBassinRequestSchema,
      response: OrganisationSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      await managedOrganisation(request, params.id);
      const organisation = await OrganisationModel.findByIdAndUpdate(
        params.id,
        { $set: { bassin: body.bassin } },
        { returnDocument: 'after' },
      ).lean();
      return OrganisationSchema.parse({
        id: String(organisation!._id),
        name: organisation!.name,
        kind: organisation!.kind,
        bassin: organisation!.bassin ?? null,
      });
    },
  );

  return router;
}
