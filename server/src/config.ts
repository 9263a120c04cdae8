import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

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
  /** Several instances share Redis (pub/sub, Socket.io adapter, rate limits); null runs one process alone. */
  redisUrl: string | null;
  /** The deployment's secret, from which shared signing keys are derived; required with `redisUrl`. */
  secret: string | null;
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
    collab: {
      idleUnloadMs: values.CONCERTO_COLLAB_IDLE_UNLOAD_MS,
      flushDelayMs: values.CONCERTO_COLLAB_FLUSH_MS,
      compactAfterRecords: values.CONCERTO_COLLAB_COMPACT_AFTER,
    },
    // Demo data by default only for a developer's `npm start`, never in production or tests.
    demoData: values.CONCERTO_DEMO_DATA
      ? values.CONCERTO_DEMO_DATA === 'true'
      : values.NODE_ENV === 'development',
    redisUrl: values.REDIS_URL ?? null,
    secret: values.CONCERTO_SECRET ?? null,
  };
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
