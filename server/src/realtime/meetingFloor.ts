import mongoose from 'mongoose';
import type { RoomState } from '@concerto/shared';
import { ConcertationModel } from '../models/concertation.ts';

/** A timer move the organiser can make. */
export type TimerAction = 'start' | 'pause' | 'reset';
type Timer = RoomState['timer'];

/**
 * What the live meeting decides that must outlive any one instance (who has the floor, the timer, the
 * agenda item, attendance) is written to the concertation at once, each as one atomic update: any
 * instance reads it back, and several instances writing at the same moment never undo each other.
 */
export async function raiseHand(
  concertationId: string,
  participantKey: string,
  raised: boolean,
): Promise<void> {
  await ConcertationModel.updateOne(
    { _id: concertationId },
    raised ? { $addToSet: { raisedHands: participantKey } } : { $pull: { raisedHands: participantKey } },
  );
}

/** The timer after `action` at `now`; the same timer when the move changes nothing. */
export function movedTimer(timer: Timer, action: TimerAction, now: number): Timer {
  if (action === 'start' && !timer.running)
    return { running: true, startedAt: now, elapsedMs: timer.elapsedMs };
  if (action === 'pause' && timer.running)
    return { running: false, startedAt: null, elapsedMs: timer.elapsedMs + (now - (timer.startedAt ?? now)) };
  if (action === 'reset') return { running: false, startedAt: null, elapsedMs: 0 };
  return timer;
}

/** Stores the meeting's timer as moved by the organiser. */
export async function storeTimer(concertationId: string, timer: Timer): Promise<void> {
  await ConcertationModel.updateOne({ _id: concertationId }, { $set: { timer } });
}

/**
 * Moves the meeting to another agenda item, by `by`. The live room moves on at once (the last move wins), but
 * it counts as a change of the meeting: a change sent from an older view of it is then refused as stale.
 */
export async function moveAgenda(concertationId: string, index: number, by: string): Promise<void> {
  await ConcertationModel.updateOne(
    { _id: concertationId },
    {
      $set: {
        currentAgendaIndex: index,
        'lastChange.at': new Date(),
        'lastChange.by': by,
        'lastChange.fields': ['currentAgendaIndex'],
      },
      $inc: { 'lastChange.version': 1 },
    },
  );
}

/**
 * Marks a participant present (joined) or gone (left) in an open meeting's attendance. Waiting before the
 * organiser opens the room is not attending. The version is raised so that a form saved from an older
 * copy of the meeting is refused instead of overwriting the attendance.
 */
export async function markAttendance(
  concertationId: string,
  participantKey: string,
  joined: boolean,
): Promise<void> {
  const [kind, id] = participantKey.split(':');
  const concertation = await ConcertationModel.findById(concertationId, { status: 1, attendance: 1 }).lean();
  const entry = concertation?.attendance.find(
    (candidate) => candidate.participantKind === kind && candidate.participantId === id,
  );
  if (!concertation || !entry || concertation.status !== 'open') return;
  const change = joined
    ? {
        'attendance.$.status': 'present',
        'attendance.$.mode': entry.mode ?? 'remote',
        'attendance.$.joinedAt': entry.joinedAt ?? new Date(),
        'attendance.$.leftAt': null,
      }
    : { 'attendance.$.leftAt': new Date() };
  await ConcertationModel.updateOne(
    {
      _id: concertationId,
      status: 'open',
      attendance: mongoose.trusted({ $elemMatch: { participantKind: kind, participantId: id } }),
    },
    { $set: change, $inc: { __v: 1 } },
  );
}
