import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether the page behind a request is ours or an allowed origin. Browsers always send `Origin` on
 * cross-origin requests and websockets; a request without it comes from a script or the same page.
 */
export function originAllowed(headers: IncomingHttpHeaders, allowedOrigins: readonly string[]): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  const host = headers.host;
  if (!host) return allowedOrigins.includes(origin);
  return allowedOrigins.includes(origin) || origin === `http://${host}` || origin === `https://${host}`;
}
