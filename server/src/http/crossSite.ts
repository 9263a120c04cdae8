import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { sessionCookieName } from '../auth/authenticate.ts';
import { HttpError } from './errors.ts';
import { originAllowed } from './origins.ts';

const readOnlyMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a state-changing request comes from one of our pages. Browsers send `Origin` (and
 * `Sec-Fetch-Site`) on every such request, so a cookie without either is not from a page of ours;
 * scripts without a cookie (bearer token, sign-in with mode "token") carry no ambient credentials.
 */
export function fromAllowedPage(headers: IncomingHttpHeaders, allowedOrigins: readonly string[]): boolean {
  if (headers['sec-fetch-site'] === 'same-origin') return true;
  if (headers.origin !== undefined) return originAllowed(headers, allowedOrigins);
  const cookies = headers.cookie ?? '';
  return !cookies.split(';').some((part) => part.trim().startsWith(`${sessionCookieName}=`));
}

/** The body types a path takes: its own entry, an entry whose `:param` segments match it, or JSON. */
function expectedTypes(bodyTypes: Record<string, string[]>, path: string): string[] {
  if (bodyTypes[path]) return bodyTypes[path];
  const matching = Object.entries(bodyTypes).find(
    ([pattern]) => pattern.includes('/:') && new RegExp(`^${pattern.replace(/:\w+/g, '[^/]+')}$`).test(path),
  );
  return matching?.[1] ?? ['application/json'];
}

/**
 * Refuses cross-site writes: a request that changes something must come from an allowed origin, and
 * its body must be JSON (forms and `text/plain`, which other sites can send without asking, are refused).
 */
export function crossSiteGuard(
  allowedOrigins: readonly string[],
  bodyTypes: Record<string, string[]> = {},
): RequestHandler {
  return (request, _response, next) => {
    if (readOnlyMethods.has(request.method)) return next();
    if (!fromAllowedPage(request.headers, allowedOrigins))
      return next(new HttpError(403, 'cross_site', 'Changes must come from a Concerto page.'));
    const expected = expectedTypes(bodyTypes, request.path);
    // An empty POST (Content-Length: 0) has nothing to misread; any body at all must be of the expected type.
    const length = request.headers['content-length'];
    const hasBody =
      request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    if (hasBody && !request.is(expected))
      return next(new HttpError(415, 'unsupported_media_type', `Send the body as ${expected.join(' or ')}.`));
    next();
  };
}
