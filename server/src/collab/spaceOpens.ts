import mongoose from 'mongoose';
import type { AuthContext } from '../auth/sessions.ts';
import { AuditEntryModel } from '../models/auditEntry.ts';
import { whoAndWhat } from '../policies/audit.ts';
import { TurnBatch } from './turnBatch.ts';

type Person = { actorUserId: string | null; actorMemberId: string | null };

/** One open to record: the audit entry it writes unless one of the same hour is already there. */
interface SpaceOpen {
  key: string;
  hourStart: Date;
  entry: ReturnType<typeof whoAndWhat> & { familyId: string; spaceId: string; at: Date };
}

const keyOf = (spaceId: string, person: Person) =>
  `${spaceId}:${person.actorUserId ?? ''}:${person.actorMemberId ?? ''}`;

/**
 * The opens of one turn are checked in one query (an entry of the same hour may come from before a
 * restart, or from another instance) and the missing entries written in one insert. A failure fails
 * every open of the batch: each is refused, and the next open of that person checks again.
 */
const opens = new TurnBatch<SpaceOpen>(
  async (batch) => {
    const recorded = await AuditEntryModel.find(
      {
        $or: batch.map(({ entry, hourStart }) => ({
          familyId: entry.familyId,
          spaceId: entry.spaceId,
          actorUserId: entry.actorUserId,
          actorMemberId: entry.actorMemberId,
          part: 'spaces',
          at: mongoose.trusted({ $gte: hourStart }),
        })),
      },
      { spaceId: 1, actorUserId: 1, actorMemberId: 1, at: 1 },
    ).lean();
    const latest = new Map<string, number>();
    for (const found of recorded) {
      const person = {
        actorUserId: found.actorUserId?.toString() ?? null,
        actorMemberId: found.actorMemberId?.toString() ?? null,
      };
      const key = keyOf(String(found.spaceId), person);
      latest.set(key, Math.max(latest.get(key) ?? 0, found.at.getTime()));
    }
    const missing = batch.filter(({ key, hourStart }) => (latest.get(key) ?? 0) < hourStart.getTime());
    if (missing.length > 0) await AuditEntryModel.insertMany(missing.map(({ entry }) => entry));
  },
  (_error, batchLength) => Array.from({ length: batchLength }, (_, index) => index),
);

/** Space opens recorded by this process, by person and space: the hour and its (pending) write. */
const spaceOpens = new Map<string, { hour: number; recorded: Promise<void> }>();

/**
 * Records that someone opened a space's document over the collaboration websocket: one entry per
 * person, space and hour, however many times she reconnects or types. This process remembers what it
 * recorded (or is recording) this hour, so the ten people who open a document together, or someone
 * reconnecting, cost the database nothing more; the opens of one turn share one check and one write.
 */
export function recordSpaceOpen(
  auth: AuthContext,
  familyId: string,
  spaceId: string,
  now = new Date(),
): Promise<void> {
  const hourStart = new Date(now);
  hourStart.setUTCMinutes(0, 0, 0);
  const entry = { familyId, spaceId, at: now, ...whoAndWhat(auth, 'read', 'spaces', null) };
  const key = keyOf(spaceId, entry);
  const known = spaceOpens.get(key);
  if (known && known.hour === hourStart.getTime()) return known.recorded;
  if (spaceOpens.size > 10_000) forgetEarlierHours(hourStart.getTime());
  const recorded = opens.add({ key, hourStart, entry });
  spaceOpens.set(key, { hour: hourStart.getTime(), recorded });
  // A failed write is not remembered: the next open tries again (and is refused meanwhile).
  recorded.catch(() => spaceOpens.delete(key));
  return recorded;
}

function forgetEarlierHours(hour: number): void {
  for (const [key, entry] of spaceOpens) if (entry.hour < hour) spaceOpens.delete(key);
}
