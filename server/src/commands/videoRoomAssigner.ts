import { randomBytes } from 'node:crypto';
import { ConcertationModel } from '../models/concertation.ts';

type Concertation = InstanceType<typeof ConcertationModel>;

/** A new call room id: 128 random bits, so nobody finds a meeting's call by guessing its address. */
export function newVideoRoom(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Gives a remote concertation scheduled before calls existed its room, once: stored only where none is
 * yet, so two readers at the same moment end up with the same room. For reads; writes set it themselves.
 */
export async function assignVideoRoom(concertation: Concertation): Promise<void> {
  if (!concertation.remote || concertation.videoRoom) return;
  await ConcertationModel.updateOne(
    { _id: concertation._id, videoRoom: null },
    { $set: { videoRoom: newVideoRoom() } },
  );
  const stored = await ConcertationModel.findById(concertation._id, { videoRoom: 1 }).lean();
  concertation.videoRoom = stored?.videoRoom ?? null;
}
