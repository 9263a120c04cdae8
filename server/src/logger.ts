import { pino, type Logger } from 'pino';

/** Header and field paths never written to logs: sessions, tokens, passwords, invitation codes. */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.invitationCode',
];

/** Creates the structured JSON logger (one object per line). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    base: { service: 'concerto' },
  });
}
