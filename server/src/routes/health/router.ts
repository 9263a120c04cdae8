import { Router } from 'express';
import { HealthSchema, type DatabaseKind, type Health, type HealthDown } from '@concerto/shared';
import { pingDatabase } from '../../db/availability.ts';
import { endpoint } from '../../http/endpoint.ts';
import { databaseRetryAfterSeconds } from '../../http/errors.ts';
import { version } from '../../version.ts';

/** `GET /api/health`: pings the database; 200 with the database in use, or 503 with `db: "down"`. */
export function healthRouter(databaseKind: DatabaseKind): Router {
  const router = Router();
  endpoint(
    router,
    {
      method: 'get',
      path: '/health',
      summary:
        'Server health: 200 with the database in use, or 503 `{ status: "unavailable", db: "down" }` ' +
        'when the database does not answer a ping within 2 s',
      tags: ['system'],
      response: HealthSchema,
    },
    async ({ response }): Promise<Health | undefined> => {
      response.set('Cache-Control', 'no-store');
      if (await pingDatabase()) return { status: 'ok', db: databaseKind, version };
      const down: HealthDown = { status: 'unavailable', db: 'down', version };
      response.set('Retry-After', String(databaseRetryAfterSeconds)).status(503).json(down);
      return undefined;
    },
  );
  return router;
}
