import type { Request } from 'express';
import { Schema } from 'mongoose';
import type { StaleDetails } from '@concerto/shared';
import { HttpError, invalidField } from './errors.ts';

/** The last change of a record the UI edits: its version (what `If-Match` names), when, by whom, which fields. */
export interface LastChange {
  version: number;
  at: Date | null;
  by: string | null;
  fields: string[];
}

/** The mongoose shape of `LastChange`, embedded in each record the UI edits. */
export const lastChangeSchema = new Schema(
  {
    version: { type: Number, default: 0 },
    at: { type: Date, default: null },
    by: { type: String, default: null },
    fields: { type: [String], default: [] },
  },
  { _id: false },
);

/** A record's version for its view (0 for records written before versions existed). */
export const versionOf = (change: Partial<LastChange> | null | undefined): number => change?.version ?? 0;

/** The version a write was based on, from `If-Match: "4"` (or `W/"4"`); undefined when the header is absent. */
export function ifMatchVersion(request: Request): number | undefined {
  const header = request.get('If-Match');
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  if (!match) throw invalidField('If-Match', 'must name a version as "4", from the record read before');
  return Number(match[1]);
}

/** The 409 `stale` answer: the record is at a newer version than the write was based on; who changed what, when. */
export function staleWrite(change: Partial<LastChange> | null | undefined, what: string): HttpError {
  const details: StaleDetails = {
    version: versionOf(change),
    changedAt: change?.at ? change.at.toISOString() : null,
    changedBy: change?.by ?? null,
    fields: change?.fields ?? [],
  };
  return new HttpError(
    409,
    'stale',
    `This ${what} changed since you read it${details.changedBy ? ` (${details.changedBy})` : ''}: reload it.`,
    details,
  );
}

/**
 * Refuses a write based on an older version with a 409 `stale` whose details say who changed what, and when,
 * so the user can reload the record without losing what they typed. Writes without `If-Match` go through.
 */
export function refuseStaleWrite(
  request: Request,
  change: Partial<LastChange> | null | undefined,
  what: string,
): void {
  const expected = ifMatchVersion(request);
  if (expected !== undefined && expected !== versionOf(change)) throw staleWrite(change, what);
}

/** Records a change made by `by`: the next version, now, and the fields it touched. */
export function nextChange(previous: Partial<LastChange> | null | undefined, by: string, fields: string[]) {
  return { version: versionOf(previous) + 1, at: new Date(), by, fields };
}

/** A filter value matching a record still at `version` (records written before versions existed have none). */
export const atVersion = (version: number): unknown => (version === 0 ? { $in: [0, null] } : version);
