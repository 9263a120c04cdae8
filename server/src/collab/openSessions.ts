import mongoose from 'mongoose';
import { sessionOpen } from '../auth/sessions.ts';
import { SessionModel } from '../models/session.ts';
import { TurnReads } from './turnReads.ts';

/**
 * Whether sessions are still open (neither signed out nor expired), read by id as upgrades ask: the
 * upgrades of one turn of the event loop, or of the time the previous read took, share one query (a burst
 * of connections costs the database one read per round trip instead of one per socket). Every answer is read after it was asked: nothing is cached,
 * so a sign-out or a deactivation is seen by the next upgrade.
 */
const openSessions = new TurnReads<boolean>(async (sessionIds) => {
  const sessions = await SessionModel.collection
    .find<{ _id: mongoose.Types.ObjectId; revokedAt?: Date | null; expiresAt: Date }>(
      { _id: { $in: sessionIds.map((id) => new mongoose.Types.ObjectId(id)) } },
      { projection: { revokedAt: 1, expiresAt: 1 } },
    )
    .toArray();
  const now = Date.now();
  const open = new Set(
    sessions.filter((session) => sessionOpen(session, now)).map((session) => String(session._id)),
  );
  return (sessionId) => open.has(sessionId);
});

/** Whether the session `sessionId` is open now. */
export function sessionIsOpen(sessionId: string): Promise<boolean> {
  if (!mongoose.isValidObjectId(sessionId)) return Promise.resolve(false);
  return openSessions.read(sessionId);
}
