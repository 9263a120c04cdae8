import { z } from 'zod';

/** The uniform error body of every failed API call. */
export const ApiErrorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('Stable machine-readable code, e.g. invalid_request, not_found'),
    message: z.string().describe('Human-readable explanation of what is wrong'),
    details: z.unknown().optional().describe('Per-field problems for invalid requests'),
  }),
});

/** The uniform error body of every failed API call. */
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;

/** Where the server keeps its data: a configured MongoDB, a local mongod, or the test stand-in. */
export const DatabaseKindSchema = z.enum(['mongodb', 'standin']);

/** Where the server keeps its data. */
export type DatabaseKind = z.infer<typeof DatabaseKindSchema>;

/** Body of `GET /api/health`. */
export const HealthSchema = z.object({
  status: z.literal('ok'),
  db: DatabaseKindSchema,
  version: z.string(),
});

/** Body of `GET /api/health`. */
export type Health = z.infer<typeof HealthSchema>;

/** Body of `GET /api/health` answered with 503 when the database does not answer a ping. */
export const HealthDownSchema = z.object({
  status: z.literal('unavailable'),
  db: z.literal('down'),
  version: z.string(),
});

/** Body of a 503 from `GET /api/health`. */
export type HealthDown = z.infer<typeof HealthDownSchema>;

/** Largest JSON body the API accepts, in bytes (larger bodies answer 413). */
export const maxJsonBodyBytes = 256 * 1024;
