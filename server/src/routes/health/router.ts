import { Router } from 'express';
import { HealthSchema, type DatabaseKind, type Health } from '@concerto/shared';
import { endpoint } from '../../http/endpoint.ts';
import { version } from '../../version.ts';

/** `GET /api/health`: liveness, the database in use and the version. */
export function healthRouter(databaseKind: DatabaseKind): Router {
  const router = Router();
  endpoint(
    router,
    {
      method: 'get',
      path: '/health',
      summary: 'Server health, the database in use and the version',
      tags: ['system'],
      response: HealthSchema,
    },
    (): Health => ({ status: 'ok', db: databaseKind, version }),
  );
  return router;
}
