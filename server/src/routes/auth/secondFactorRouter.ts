import { Router } from 'express';
import { z } from 'zod';
import {
  ConfirmSecondFactorRequestSchema,
  DisableSecondFactorRequestSchema,
  MeSchema,
  RecoveryCodesSchema,
  SecondFactorEnrolmentSchema,
  SecondFactorSignInRequestSchema,
  SignInChallengeRequestSchema,
  userIdOf,
} from '@concerto/shared';
import { requireAuth } from '../../auth/authenticate.ts';
import {
  beginEnrolment,
  confirmEnrolment,
  disableSecondFactor,
} from '../../commands/secondFactorEnroller.ts';
import { beginChallengeEnrolment, completeSignIn } from '../../commands/secondFactorVerifier.ts';
import { endpoint } from '../../http/endpoint.ts';
import { forbidden } from '../../http/errors.ts';
import { signedIn } from './signedIn.ts';

const ownAccount = (request: Parameters<typeof requireAuth>[0]) => {
  const userId = userIdOf(requireAuth(request).actor);
  if (!userId) throw forbidden('Family members sign in with their invitation, without a password.');
  return userId;
};

/** The second factor (TOTP): set up in "My account" or at sign-in when required, then asked after the password. */
export function secondFactorRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'post',
      path: '/auth/second-factor',
      summary: 'Finish a password sign-in with the code of the app (or a recovery code, once)',
      tags: ['auth'],
      body: SecondFactorSignInRequestSchema,
      response: MeSchema.extend({
        token: z.string().optional().describe('Only with mode "token"'),
        recoveryCodes: z.array(z.string()).optional().describe('When this sign-in set the factor up'),
      }),
      status: 200,
    },
    async ({ body, request, response }) => {
      const { userId, recoveryCodes } = await completeSignIn(
        body.challenge,
        body.code,
        request.ip ?? 'unknown',
      );
      const me = await signedIn(request, response, userId, body.mode);
      return recoveryCodes ? { ...me, recoveryCodes } : me;
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/auth/second-factor/enrolment',
      summary:
        'During a sign-in the organisation requires a second factor for: the secret to scan, shown once',
      tags: ['auth'],
      body: SignInChallengeRequestSchema,
      response: SecondFactorEnrolmentSchema,
      status: 200,
    },
    async ({ body }) => beginChallengeEnrolment(body.challenge),
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/me/second-factor/enrolment',
      summary: 'Start setting up a second factor: the secret to scan, shown once',
      tags: ['auth'],
      response: SecondFactorEnrolmentSchema,
      status: 200,
      authenticated: true,
    },
    async ({ request }) => beginEnrolment(ownAccount(request)),
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/me/second-factor',
      summary: 'Confirm the second factor with a first code; answers the recovery codes, shown once',
      tags: ['auth'],
      body: ConfirmSecondFactorRequestSchema,
      response: RecoveryCodesSchema,
      status: 200,
      authenticated: true,
    },
    async ({ body, request }) => confirmEnrolment(ownAccount(request), body.code, request.ip ?? 'unknown'),
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/me/second-factor/disable',
      summary: 'Turn the second factor off (password asked again); refused when the organisation requires it',
      tags: ['auth'],
      body: DisableSecondFactorRequestSchema,
      status: 204,
      authenticated: true,
    },
    async ({ body, request, response }) => {
      await disableSecondFactor(ownAccount(request), body.password, request.ip ?? 'unknown');
      response.status(204).end();
    },
  );

  return router;
}
