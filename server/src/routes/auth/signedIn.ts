import type { Request, Response } from 'express';
import type mongoose from 'mongoose';
import type { Me } from '@concerto/shared';
import { setSessionCookie } from '../../auth/authenticate.ts';
import { openSession, resolveSession } from '../../auth/sessions.ts';
import { HttpError } from '../../http/errors.ts';
import { presentMe } from '../../presenters/mePresenter.ts';

/**
 * Opens the session of an account whose sign-in is complete (password and second factor, or identity
 * provider): an httpOnly cookie for browsers, the token in the body only for scripts that ask for it.
 */
export async function signedIn(
  request: Request,
  response: Response,
  userId: mongoose.Types.ObjectId,
  mode: 'cookie' | 'token',
  /** Whether this server offers passkeys (said in the answer, so the client can propose one). */
  passkeysOffered = false,
): Promise<Me & { token?: string }> {
  const session = await openSession({ userId }, request.get('user-agent'));
  const auth = await resolveSession(session.token);
  if (!auth) throw new HttpError(401, 'invalid_credentials', 'Email or password is incorrect.');
  if (mode === 'token') return { ...(await presentMe(auth, passkeysOffered)), token: session.token };
  setSessionCookie(request, response, session.token, session.expiresAt);
  return presentMe(auth, passkeysOffered);
}
