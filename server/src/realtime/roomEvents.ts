import mongoose from 'mongoose';
import { ConcertationModel } from '../models/concertation.ts';
import { EventEmitter } from 'node:events';
import type { InstanceChannel } from '../cluster/instanceChannel.ts';

/** Something changed that participants of a meeting room should reload (never carries the content itself). */
export interface RoomChange {
  concertationId: string;
  what: 'decisions' | 'functions' | 'concertation' | 'stratum';
}

const emitter = new EventEmitter();
emitter.setMaxListeners(0);
let otherInstances: InstanceChannel<RoomChange> | null = null;

/** Tells the meeting room that something changed; each participant then re-reads it with their own rights. */
export function announceRoomChange(change: RoomChange): void {
  emitter.emit('change', change);
  otherInstances?.send(change);
}

/**
 * Carries room changes to and from the other instances (several instances over Redis): each tells the
 * participants connected to it. Returns the function that stops (server shutdown).
 */
export function shareRoomChanges(channel: InstanceChannel<RoomChange>): () => void {
  otherInstances = channel;
  const stop = channel.listen((change) => emitter.emit('change', change));
  return () => {
    stop();
    if (otherInstances === channel) otherInstances = null;
  };
}

/** Subscribes to room changes; returns the unsubscribe function. */
export function onRoomChange(listener: (change: RoomChange) => void): () => void {
  emitter.on('change', listener);
  return () => emitter.off('change', listener);
}

/** Tells every open or scheduled meeting of a family that something of the family changed. */
export async function announceToFamilyRooms(familyId: string, what: RoomChange['what']): Promise<void> {
  const meetings = await ConcertationModel.find(
    { familyId, status: mongoose.trusted({ $in: ['scheduled', 'open'] }) },
    { _id: 1 },
  ).lean();
  for (const meeting of meetings) announceRoomChange({ concertationId: String(meeting._id), what });
}
