import { Router } from 'express';
import { z } from 'zod';
import { IdSchema } from '@concerto/shared';
import { requireAuth } from '../../auth/authenticate.ts';
import { issueCollabToken } from '../../collab/collabTokens.ts';
import { endpoint } from '../../http/endpoint.ts';
import { notFound } from '../../http/errors.ts';
import { resolveSpaceAccess } from '../../policies/spaceAccess.ts';

/** `POST /api/collab/tokens`: a one-minute token to open a space's websocket (`/collab/<spaceId>?token=`). */
export function collabTokenRouter(): Router {
  const router = Router();
  endpoint(
    router,
    {
      method: 'post',
      path: '/collab/tokens',
      summary: "A short-lived token to open one space's collaboration websocket",
      tags: ['spaces'],
      body: z.strictObject({ spaceId: IdSchema }),
      response: z.object({
        token: z.string(),
        expiresAt: z.string(),
        access: z.enum(['read', 'contribute', 'write']),
      }),
      authenticated: true,
    },
    async ({ body, request }) => {
      const auth = requireAuth(request);
      const { access, familyId, kind } = await resolveSpaceAccess(auth.actor, body.spaceId);
      if (access === 'none' || !kind) throw notFound('space');
      // The token carries this decision: the websocket upgrade trusts it unless rights change meanwhile.
      const { token, expiresAt } = issueCollabToken({
        sessionId: String(auth.sessionId),
        spaceId: body.spaceId,
        familyId,
        kind,
        access,
        actor: auth.actor,
        displayName: auth.displayName,
        detail: auth.detail,
        sessionExpiresAt: auth.expiresAt.getTime(),
      });
      return { token, expiresAt: expiresAt.toISOString(), access };
    },
  );
  return router;
}
