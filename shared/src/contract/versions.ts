import { z } from 'zod';

/** The version of a record the UI edits, in its view: the client sends it back in `If-Match` with a change. */
export const RecordVersionSchema = z
  .number()
  .int()
  .describe('Version of this record: send it back in If-Match with a change (409 stale if it moved on)');

/** The `details` of a 409 `stale` answer: the write was based on an older version of the record. */
export const StaleDetailsSchema = z.object({
  version: z
    .number()
    .int()
    .describe('The version the record is at now (send it in If-Match after reloading)'),
  changedAt: z.string().nullable(),
  changedBy: z.string().nullable().describe('Who made the last change'),
  fields: z.array(z.string()).describe('Which fields the last change touched, e.g. status, followUpDate'),
});

/** What changed since the version a stale write was based on, and by whom. */
export type StaleDetails = z.infer<typeof StaleDetailsSchema>;
