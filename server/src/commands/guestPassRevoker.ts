import mongoose from 'mongoose';
import type { SessionRegistry } from '../auth/sessionRegistry.ts';
import { inTransaction } from '../db/transaction.ts';
import { ConcertationModel } from '../models/concertation.ts';
import { GuestPassModel, type GuestPassDocument } from '../models/guestPass.ts';
import { SessionModel } from '../models/session.ts';

/**
 * Withdraws an interpreter's pass: it can no longer be redeemed, her sessions end at once (her sockets are
 * closed on every instance), and her attendance line goes unless she already took part. Returns the pass as
 * revoked, or null when it already was.
 */
export async function revokeGuestPass(
  pass: GuestPassDocument,
  revokedBy: string,
  sessions: SessionRegistry,
): Promise<GuestPassDocument | null> {
  const now = new Date();
  const revoked = await inTransaction(async (session) => {
    const done = await GuestPassModel.findOneAndUpdate(
      { _id: pass._id, revokedAt: null },
      { $set: { revokedAt: now, revokedBy: new mongoose.Types.ObjectId(revokedBy) } },
      { returnDocument: 'after', session },
    ).lean<GuestPassDocument>();
    if (!done) return null;
    await ConcertationModel.updateOne(
      { _id: pass.concertationId },
      {
        $pull: {
          attendance: { participantKind: 'guest', participantId: String(pass._id), joinedAt: null },
        },
        $inc: { __v: 1 },
      },
      { session },
    );
    return done;
  });
  if (!revoked) return null;
  const open = await SessionModel.find({ 'guest.passId': pass._id, revokedAt: null }, { _id: 1 }).lean();
  await SessionModel.updateMany({ 'guest.passId': pass._id, revokedAt: null }, { $set: { revokedAt: now } });
  for (const session of open) await sessions.announce({ kind: 'session', sessionId: String(session._id) });
  return revoked;
}
