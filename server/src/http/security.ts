import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Helmet's defaults plus a Content Security Policy the built client passes: scripts and styles from our
 * own origin only, connections to our own origin (HTTP, Socket.io and the collaboration websockets).
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
        'object-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        // The server speaks plain HTTP on localhost for demos; a proxy in front adds HTTPS in production.
        'upgrade-insecure-requests': null,
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  });
}
