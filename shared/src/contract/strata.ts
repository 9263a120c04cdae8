import { z } from 'zod';
import { IdSchema, strata, teamFunctions } from '../domain/family.ts';
import { functionsAnswering } from '../domain/stratumNeeds.ts';
import { CalendarDateSchema, PersonRefSchema } from './families.ts';

const TimestampSchema = z.iso.datetime({ offset: true });
const needs = Object.keys(functionsAnswering) as [
  keyof typeof functionsAnswering,
  ...(keyof typeof functionsAnswering)[],
];

/** `POST /api/families/:id/strata/refusals` body: one refusal, on the day it was expressed. */
export const RecordRefusalRequestSchema = z
  .strictObject({
    at: CalendarDateSchema.describe('The day the refusal was expressed'),
    memberId: IdSchema.optional().describe('Who refused; none: the family as a whole'),
    what: z.string().trim().min(3, 'say what was refused').max(500),
    explicit: z.boolean().describe('Said explicitly to the professionals (seed 004, line 192)'),
    note: z.string().trim().max(1000).optional(),
  })
  .refine((body) => body.at <= new Date().toISOString().slice(0, 10), {
    path: ['at'],
    message: 'a refusal cannot be in the future',
  });

/** `POST /api/families/:id/strata/self-coordination` body: the family coordinates itself, or no longer. */
export const SelfCoordinationRequestSchema = z.strictObject({
  on: z.boolean(),
  note: z.string().trim().max(1000).optional(),
});

/** `POST /api/families/:id/strata/reviews` body: the stratum was looked at again and stays as it is. */
export const ConfirmStratumRequestSchema = z.strictObject({
  note: z.string().trim().max(1000).optional(),
});

/** `GET /api/families/:id/strata/needs`: what the stratum needs, what answers it, refusals and reviews. */
export const StratumNeedsSchema = z.object({
  stratum: z.enum(strata),
  need: z.enum(needs),
  /** Functions that answer the need, in the guidelines' order, and who holds each now. */
  answeredBy: z.array(z.object({ function: z.enum(teamFunctions), professional: PersonRefSchema })),
  selfCoordination: z.object({
    possible: z.boolean(),
    on: z.boolean(),
    since: TimestampSchema.nullable(),
    by: PersonRefSchema.nullable(),
  }),
  refusals: z.array(
    z.object({
      id: IdSchema,
      at: CalendarDateSchema,
      member: PersonRefSchema.nullable(),
      what: z.string(),
      explicit: z.boolean(),
      note: z.string().nullable(),
      author: PersonRefSchema,
    }),
  ),
  /** Explicit refusals on two days at least: the refusal stratum may be chosen. */
  refusalEstablished: z.boolean(),
  /** A key moment since the stratum was last set or confirmed: look at it again. */
  review: z
    .object({ trigger: z.enum(['assessment', 'birth', 'followUpExtension']), since: TimestampSchema })
    .nullable(),
  confirmations: z.array(
    z.object({
      at: TimestampSchema,
      stratum: z.enum(strata),
      note: z.string().nullable(),
      author: PersonRefSchema,
    }),
  ),
  policies: z.object({ record: z.boolean() }),
});

/** What the family's stratum needs, as the team reads it. */
export type StratumNeeds = z.infer<typeof StratumNeedsSchema>;
