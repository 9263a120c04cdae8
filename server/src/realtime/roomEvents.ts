import mongoose from 'mongoose';
import { ConcertationModel } from '../models/concertation.ts';
import { EventEmitter } from 'node:events';

/** Something changed that participants of a meeting room should reload (never carries the content itself). */
export interface RoomChange {
  concertationId: string;
  what: 'decisions' | 'functions' | 'concertation' | 'stratum';
}

const emitter = new EventEmitter();
emitter.setMaxListeners(0);

/**
 * Tells the meeting room that something changed; each participant then re-reads it with their own rights.
 * Heard by this instance's room, which tells the participants of every instance (Socket.io adapter).
 */
export function announceRoomChange(change: RoomChange): void {
  emitter.emit('change', change);
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
