import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HttpError } from '../http/errors.ts';
import { decodeComponent } from '../http/safeParsing.ts';
import { resolveSession, type AuthContext } from './sessions.ts';

/** Name of the session cookie (httpOnly, SameSite=Lax). */
export const sessionCookieName = 'concerto_session';

declare module 'express-serve-static-core' {
  interface Request {
    /** The caller, when the request carries a valid session. */
    auth?: AuthContext;
  }
}

/** Reads the session token from `Authorization: Bearer` or the session cookie; a malformed cookie counts as none. */
export function tokenFromHeaders(headers: {
  authorization?: string | undefined;
  cookie?: string | undefined;
}): string | null {
  const authorization = headers.authorization;
  if (authorization?.startsWith('Bearer ')) return authorization.slice(7).trim() || null;
  for (const part of (headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === sessionCookieName) return decodeComponent(value.join('=')) || null;
  }
  return null;
}

/** Attaches `request.auth` when a valid session comes with the request; never rejects by itself. */
export const identifyCaller: RequestHandler = async (
  request: Request,
  _response: Response,
  next: NextFunction,
) => {
  const token = tokenFromHeaders(request.headers);
  if (token) {
    const auth = await resolveSession(token);
    if (auth) request.auth = auth;
  }
  next();
};

/** The caller's session, or a 401 when there is none. */
export function requireAuth(request: Request): AuthContext {
  if (!request.auth) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
  return request.auth;
}

/** Sets the session cookie; `Secure` in production and whenever the request came over HTTPS. */
export function setSessionCookie(request: Request, response: Response, token: string, expiresAt: Date): void {
  response.cookie(sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.secure || request.app.locals.secureCookies === true,
    expires: expiresAt,
    path: '/',
  });
}

/** Clears the session cookie. */
export function clearSessionCookie(response: Response): void {
  response.clearCookie(sessionCookieName, { path: '/' });
}
