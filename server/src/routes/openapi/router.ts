import { Router } from 'express';
import { z } from 'zod';
import { endpoint, endpointRegistry } from '../../http/endpoint.ts';
import { buildOpenApiDocument } from '../../http/openapi.ts';
import { version } from '../../version.ts';

/** `GET /api/openapi.json`: the OpenAPI 3.1 document generated from every declared endpoint. */
export function openApiRouter(): Router {
  const router = Router();
  let document: Record<string, unknown> | undefined;
  endpoint(
    router,
    {
      method: 'get',
      path: '/openapi.json',
      summary: 'This API described as OpenAPI 3.1',
      tags: ['system'],
      response: z.record(z.string(), z.unknown()),
    },
    () => (document ??= buildOpenApiDocument(endpointRegistry, version)),
  );
  return router;
}
