import { Router } from 'express';
import { ChangePasswordRequestSchema, PasswordResetRequestSchema, userIdOf } from '@concerto/shared';
import { requireAuth } from '../../auth/authenticate.ts';
import type { SessionRegistry } from '../../auth/sessionRegistry.ts';
import { changeOwnPassword, redeemPasswordReset } from '../../commands/passwordChanger.ts';
import { endpoint } from '../../http/endpoint.ts';
import { forbidden } from '../../http/errors.ts';

/** Passwords: a professional changes their own; anyone with a reset link chooses a new one. */
export function passwordRouter(sessions: SessionRegistry): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'post',
      path: '/me/password',
      summary: 'Change my password (12+ characters, hard to guess); my other sessions end',
      tags: ['auth'],
      body: ChangePasswordRequestSchema,
      status: 204,
      authenticated: true,
    },
    async ({ body, request, response }) => {
      const auth = requireAuth(request);
      const userId = userIdOf(auth.actor);
      if (!userId) throw forbidden('Family members have no password.');
      await changeOwnPassword({ userId, sessionId: auth.sessionId }, body, request.ip ?? 'unknown', sessions);
      response.status(204).end();
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/auth/password-reset',
      summary: 'Choose a new password with a single-use reset link; every session of the account ends',
      tags: ['auth'],
      body: PasswordResetRequestSchema,
      status: 204,
    },
    async ({ body, request, response }) => {
      await redeemPasswordReset(body, request.ip ?? 'unknown', sessions);
      response.status(204).end();
    },
  );

  return router;
}
