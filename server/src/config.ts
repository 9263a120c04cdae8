import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { defaultAttachmentMaxBytes, defaultRetentionDays } from '@concerto/shared';

/** The repository root, used for default data and client build folders. */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  MONGODB_URI: z.string().min(1).optional(),
  CONCERTO_DATA_DIR: z.string().default(path.join(repositoryRoot, '.data')),
  CONCERTO_CLIENT_DIR: z.string().default(path.join(repositoryRoot, 'client', 'dist')),
  CONCERTO_ALLOWED_ORIGINS: z.string().default(''),
  CONCERTO_TRUSTED_PROXIES: z
    .string()
    .default('')
    .refine((value) => /^(\d+|[\w.:/,\s-]*)$/.test(value), 'a number of proxies, or addresses and subnets'),
  CONCERTO_ADMIN_EMAIL: z.email().optional(),
  CONCERTO_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  CONCERTO_DEMO_DATA: z.enum(['true', 'false']).optional(),
  CONCERTO_COLLAB_IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
  CONCERTO_COLLAB_COMPACT_AFTER: z.coerce.number().int().min(2).default(200),
  CONCERTO_COLLAB_FLUSH_MS: z.coerce.number().int().min(0).max(250).default(100),
  CONCERTO_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(defaultRetentionDays),
  // Up to 100 MB: a document is read whole into memory before it is checked and stored.
  CONCERTO_DOCUMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(defaultAttachmentMaxBytes),
  // Empty counts as unset (docker-compose passes `${CONCERTO_PASSKEY_ORIGIN:-}`).
  CONCERTO_PASSKEY_ORIGIN: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).optional(),
  CONCERTO_PASSKEY_RP_ID: z
    .string()
    .regex(/^[a-z0-9.-]*$/i, 'a domain name, e.g. concerto.example.be')
    .optional(),
  CONCERTO_VIDEO_URL_TEMPLATE: z
    .string()
    .default('')
    .refine(
      (value) => !value || (/^https:\/\/[^\s]+$/.test(value) && value.includes('{room}')),
      'an https address containing {room}, e.g. https://meet.example.be/concerto-{room}',
    ),
  CONCERTO_VIDEO_DIALIN: z.string().max(500).default(''),
  SMTP_URL: z.string().min(1).optional(),
  CONCERTO_MAIL_FROM: z.string().min(3).default('Concerto <no-reply@concerto.invalid>'),
  CONCERTO_PUBLIC_URL: z.url().optional(),
  CONCERTO_VAPID_PUBLIC_KEY: z.string().min(20).optional(),
  CONCERTO_VAPID_PRIVATE_KEY: z.string().min(20).optional(),
  CONCERTO_VAPID_SUBJECT: z.string().min(3).default('mailto:admin@concerto.invalid'),
  CONCERTO_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(18),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/./, 'a redis:// or rediss:// URL')
    .optional(),
  CONCERTO_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)')
    .optional(),
});

/** Validated server configuration, read from environment variables (see the README's table). */
export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  mongodbUri: string | undefined;
  dataDir: string;
  clientDir: string;
  /** Origins allowed for websockets and cross-site requests besides the server's own. */
  allowedOrigins: string[];
  /**
   * Which reverse proxies may name the client's address (`X-Forwarded-For`) and protocol: a hop count,
   * a list of addresses and subnets (Express' `trust proxy`), or false to trust none.
   */
  trustedProxies: number | string[] | false;
  logLevel: string;
  /** Platform admin created at first start when no account has this email. */
  admin: { email: string; password: string } | null;
  /** Collaboration: unload documents idle this long; write received updates within this window. */
  collab: { idleUnloadMs: number; flushDelayMs: number; compactAfterRecords: number };
  /** Load the demo organisations, professionals and families into an empty database. */
  demoData: boolean;
  /** Days a closed file stays readable by its team before it is purged. */
  retentionDays: number;
  /** Documents (attachments): the largest file accepted, in bytes. */
  documents: { maxBytes: number };
  /** The video service remote concertations use; each meeting gets its own room in it. */
  video: VideoSettings;
  /** Where passkeys are valid (WebAuthn's origin and relying-party id); null: passkeys are not offered. */
  passkeys: PasskeySite | null;
  /** Notifications outside the app: email through SMTP, Web Push with VAPID keys, the daily digest's hour. */
  notifications: {
    smtpUrl: string | null;
    mailFrom: string;
    /** The address links in emails and push messages point to (the server's own URL when unset). */
    publicUrl: string | null;
    vapid: { publicKey: string; privateKey: string; subject: string } | null;
    digestHour: number;
  };
  /** Several instances share Redis (pub/sub, rate limits); null runs one process alone. */
  redisUrl: string | null;
  /** The deployment's secret, from which shared signing keys are derived; required with `redisUrl`. */
  secret: string | null;
}

/** The video call service: a room address with `{room}` (null: none configured), and a dial-in text. */
export interface VideoSettings {
  urlTemplate: string | null;
  dialIn: string | null;
}

/** The site a passkey is bound to: the page's origin and the domain (relying-party id) it belongs to. */
export interface PasskeySite {
  origin: string;
  rpId: string;
}

/** Reads the configuration; throws an error naming each bad variable and what it expects. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  if (values.REDIS_URL && !values.CONCERTO_SECRET) {
    throw new Error(
      'Invalid configuration: CONCERTO_SECRET: required with REDIS_URL, the same on every instance (e.g. `openssl rand -base64 32`)',
    );
  }
  return {
    nodeEnv: values.NODE_ENV,
    port: values.PORT,
    host: values.HOST,
    mongodbUri: values.MONGODB_URI,
    dataDir: values.CONCERTO_DATA_DIR,
    clientDir: values.CONCERTO_CLIENT_DIR,
    allowedOrigins: values.CONCERTO_ALLOWED_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    trustedProxies: trustedProxiesOf(values.CONCERTO_TRUSTED_PROXIES),
    logLevel: values.LOG_LEVEL,
    admin:
      values.CONCERTO_ADMIN_EMAIL && values.CONCERTO_ADMIN_PASSWORD
        ? { email: values.CONCERTO_ADMIN_EMAIL.toLowerCase(), password: values.CONCERTO_ADMIN_PASSWORD }
        : null,
    retentionDays: values.CONCERTO_RETENTION_DAYS,
    documents: { maxBytes: values.CONCERTO_DOCUMENT_MAX_BYTES },
    collab: {
      idleUnloadMs: values.CONCERTO_COLLAB_IDLE_UNLOAD_MS,
      flushDelayMs: values.CONCERTO_COLLAB_FLUSH_MS,
      compactAfterRecords: values.CONCERTO_COLLAB_COMPACT_AFTER,
    },
    notifications: {
      smtpUrl: values.SMTP_URL ?? null,
      mailFrom: values.CONCERTO_MAIL_FROM,
      publicUrl: values.CONCERTO_PUBLIC_URL?.replace(/\/$/, '') ?? null,
      vapid:
        values.CONCERTO_VAPID_PUBLIC_KEY && values.CONCERTO_VAPID_PRIVATE_KEY
          ? {
              publicKey: values.CONCERTO_VAPID_PUBLIC_KEY,
              privateKey: values.CONCERTO_VAPID_PRIVATE_KEY,
              subject: values.CONCERTO_VAPID_SUBJECT,
            }
          : null,
      digestHour: values.CONCERTO_DIGEST_HOUR,
    },
    // Demo data by default only for a developer's `npm start`, never in production or tests.
    demoData: values.CONCERTO_DEMO_DATA
      ? values.CONCERTO_DEMO_DATA === 'true'
      : values.NODE_ENV === 'development',
    video: {
      urlTemplate: values.CONCERTO_VIDEO_URL_TEMPLATE.trim() || null,
      dialIn: values.CONCERTO_VIDEO_DIALIN.trim() || null,
    },
    passkeys: passkeySiteOf(values),
    redisUrl: values.REDIS_URL ?? null,
    secret: values.CONCERTO_SECRET ?? null,
  };
}

// Outside production a developer's `npm start` gets passkeys on http://localhost:PORT; production names its
// public origin, since a passkey bound to the wrong domain could never be used.
function passkeySiteOf(values: z.output<typeof environmentSchema>): PasskeySite | null {
  const origin =
    values.CONCERTO_PASSKEY_ORIGIN ||
    (values.NODE_ENV === 'production' ? undefined : `http://localhost:${values.PORT}`);
  if (!origin) return null;
  const url = new URL(origin);
  const rpId = (values.CONCERTO_PASSKEY_RP_ID || url.hostname).toLowerCase();
  if (url.hostname !== rpId && !url.hostname.endsWith(`.${rpId}`)) {
    throw new Error(
      `Invalid configuration: CONCERTO_PASSKEY_RP_ID (${rpId}) must be the host of CONCERTO_PASSKEY_ORIGIN (${url.hostname}) or a domain above it`,
    );
  }
  return { origin: url.origin, rpId };
}

function trustedProxiesOf(value: string): number | string[] | false {
  const trimmed = value.trim();
  if (!trimmed || trimmed === '0') return false;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return trimmed
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}
