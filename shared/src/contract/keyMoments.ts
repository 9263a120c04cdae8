import { z } from 'zod';
import {
  momentOutcomes,
  momentStatuses,
  recordableMomentKinds,
  watchedMomentKinds,
} from '../domain/keyMomentWatch.ts';
import { CalendarDateSchema, PersonRefSchema } from './families.ts';

/** `POST /api/families/:id/key-moments` body: a moment of the timeline done (on `at`) or not applicable. */
export const RecordKeyMomentRequestSchema = z.strictObject({
  kind: z.enum(recordableMomentKinds),
  outcome: z.enum(momentOutcomes).default('done'),
  at: CalendarDateSchema.describe(
    'The day it happened; for the return home, the discharge from the maternity',
  ),
  note: z.string().trim().max(500).optional(),
});

/** One moment of the family's timeline as one caller may see it. */
export const KeyMomentViewSchema = z.object({
  kind: z.enum(watchedMomentKinds),
  dueDate: CalendarDateSchema.nullable(),
  estimated: z.boolean(),
  status: z.enum(momentStatuses),
  doneAt: CalendarDateSchema.nullable(),
  doneThrough: z.enum(['record', 'screening', 'referral']).nullable(),
  /** The latest record of this moment; its note only for those who may read it (medical moments: Role A). */
  record: z
    .object({ note: z.string().nullable(), recordedBy: PersonRefSchema, recordedAt: z.string() })
    .nullable(),
  /** Whether the caller may record this moment. */
  recordable: z.boolean(),
});

/** `GET /api/families/:id/key-moments`: the family's timeline of the rupture watch. */
export const KeyMomentTimelineSchema = z.object({ moments: z.array(KeyMomentViewSchema) });

/** The family's timeline. */
export type KeyMomentTimeline = z.infer<typeof KeyMomentTimelineSchema>;
/** One moment of the timeline. */
export type KeyMomentView = z.infer<typeof KeyMomentViewSchema>;
/** `POST /api/families/:id/key-moments` body. */
export type RecordKeyMomentRequest = z.input<typeof RecordKeyMomentRequestSchema>;
