/**
 * Parsers for client input that never throw: listeners outside Express (upgrades, Socket.io
 * middleware) have no error handler above them, so one exception there would stop the whole process.
 */

/** `decodeURIComponent`, or null when the text is not valid percent-encoding. */
export function decodeComponent(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** The path and query of a request target, or null for targets no browser sends (`//`, `http://x`, `*`). */
export function parseRequestTarget(target: string | undefined): URL | null {
  // Only origin-form targets ("/path?query"); "//host/..." would be read by URL as a host name.
  if (!target || !target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, 'http://localhost');
  } catch {
    return null;
  }
}
