import { Router } from 'express';
import { z } from 'zod';
import {
  LoginRequestSchema,
  MeSchema,
  RedeemInvitationRequestSchema,
  SignInChallengeSchema,
} from '@concerto/shared';
import { clearSessionCookie, requireAuth, setSessionCookie } from '../../auth/authenticate.ts';
import { openSession, resolveSession, revokeSession } from '../../auth/sessions.ts';
import { verifyLogin } from '../../commands/loginVerifier.ts';
import { issueSignInChallenge, secondFactorStepOf } from '../../commands/secondFactorVerifier.ts';
import { signedIn } from './signedIn.ts';
import { redeemInvitation } from '../../commands/invitationRedeemer.ts';
import type { SessionRegistry } from '../../auth/sessionRegistry.ts';
import type { PasskeySite } from '../../config.ts';
import { endpoint } from '../../http/endpoint.ts';
import { presentMe } from '../../presenters/mePresenter.ts';
import { HttpError } from '../../http/errors.ts';

/** Sign-in with email and password, sign-out, the current user, and family members' invitations. */
export function authRouter(sessions: SessionRegistry, passkeys: PasskeySite | null): Router {
  const router = Router();
  const offered = passkeys !== null;

  endpoint(
    router,
    {
      method: 'post',
      path: '/auth/login',
      summary: 'Sign in: sets the session cookie, or with mode "token" returns a bearer token for scripts',
      tags: ['auth'],
      body: LoginRequestSchema,
      response: z.union([
        MeSchema.extend({ token: z.string().optional().describe('Only with mode "token"') }),
        SignInChallengeSchema.describe('The password was right; POST /auth/second-factor follows'),
      ]),
      status: 200,
    },
    async ({ body, request, response }) => {
      const user = await verifyLogin(body.email, body.password, request.ip ?? 'unknown');
      // No session yet when a second factor must follow: only a challenge, valid a few minutes.
      const step = await secondFactorStepOf(user);
      if (step) return issueSignInChallenge(user._id, step);
      return signedIn(request, response, user._id, body.mode, offered);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/auth/logout',
      summary: 'Sign out: revokes the session and closes its live sockets (meeting room, shared documents)',
      tags: ['auth'],
      status: 204,
      authenticated: true,
      guest: true,
    },
    async ({ request, response }) => {
      const auth = requireAuth(request);
      await revokeSession(auth.sessionId);
      await sessions.announce({ kind: 'session', sessionId: String(auth.sessionId) });
      clearSessionCookie(response);
      response.status(204).end();
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/me',
      summary: 'The signed-in user',
      tags: ['auth'],
      response: MeSchema,
      authenticated: true,
      guest: true,
    },
    async ({ request }) => presentMe(requireAuth(request), offered),
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/invitations/redeem',
      summary: "Redeem a family member's personal invitation (link token + 6-digit code)",
      tags: ['auth'],
      body: RedeemInvitationRequestSchema,
      response: MeSchema,
      status: 200,
    },
    async ({ body, request, response }) => {
      const { familyId, memberId } = await redeemInvitation(body.token, body.code, request.ip ?? 'unknown');
      const session = await openSession({ familyId, memberId }, request.get('user-agent'));
      setSessionCookie(request, response, session.token, session.expiresAt);
      const auth = await resolveSession(session.token);
      if (!auth) throw new HttpError(400, 'invitation_invalid', 'This invitation cannot be used.');
      return presentMe(auth, offered);
    },
  );

  return router;
}
