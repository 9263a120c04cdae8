import { Router } from 'express';
import type { DocumentRegistry } from '../../collab/documentRegistry.ts';
import { endpoint } from '../../http/endpoint.ts';
import { exportFamilyAsFhir } from '../../interop/fhirExporter.ts';
import { openFamily } from '../../policies/familyAccess.ts';
import { FamilyParams } from '../families/params.ts';

/** Exports for hospital and network systems. */
export function interopRouter(documents: DocumentRegistry): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/fhir',
      summary: "The family's care team and plan as a FHIR R4 Bundle, filtered by the caller's rights",
      tags: ['interoperability'],
      params: FamilyParams,
      contentType: 'application/fhir+json',
      authenticated: true,
    },
    async ({ params, request, response }) => {
      const opened = await openFamily(request, params.id, {
        part: 'export',
        write: false,
        action: 'family.export.fhir',
      });
      const bundle = await exportFamilyAsFhir(opened, documents);
      response.setHeader('Content-Type', 'application/fhir+json; charset=utf-8');
      response.status(200).send(JSON.stringify(bundle));
    },
  );

  return router;
}
