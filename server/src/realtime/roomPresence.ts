import type { RoomParticipant } from '@concerto/shared';

/** Someone in a meeting room as the room records them (hands and attendance mode are read elsewhere). */
export type PresentParticipant = Omit<RoomParticipant, 'handRaised' | 'mode'>;

/** What leaving a room changed: whether the participant still has a socket in it on any instance. */
export interface RoomExit {
  participantKey: string;
  stillPresent: boolean;
}

/**
 * Asks the instances to send a room's state again to their sockets; `concertationId` null means every
 * room, `reread` that the participants may have missed announcements and must re-read the content.
 */
export interface RoomTouch {
  concertationId: string | null;
  reread?: boolean;
}

/**
 * Who is in which meeting room, on every instance, and the signal that a room's state must be sent again.
 * Alone it lives in memory; with Redis each instance sees the participants of all the living instances.
 */
export interface RoomPresence {
  /** Records a socket of this instance in a room. */
  enter(concertationId: string, socketId: string, participant: PresentParticipant): Promise<void>;
  /** Forgets a socket of this instance; null when it was not in the room. */
  exit(concertationId: string, socketId: string): Promise<RoomExit | null>;
  /** Everyone in the room on a living instance, once each, in the order they came in. */
  participants(concertationId: string): Promise<PresentParticipant[]>;
  /** Asks the other instances to send the room's state again to their sockets (this one does its own). */
  touch(touch: RoomTouch): void;
  /**
   * Hears the other instances' touches, and this instance's own when it must resend every room (an
   * instance died, Redis returned); returns the function that stops listening.
   */
  onTouched(listener: (touch: RoomTouch) => void): () => void;
  /** Forgets this instance's participants everywhere and stops. */
  close(): Promise<void>;
}

/** One socket of this instance in a room. */
export interface PresenceEntry {
  participant: PresentParticipant;
  /** When it came in (ms): participants are listed in this order. */
  since: number;
}

/** The sockets of this instance, by room: what it knows for certain about its own participants. */
export class LocalPresences {
  private readonly rooms = new Map<string, Map<string, PresenceEntry>>();

  /** Records one socket and returns its entry. */
  add(concertationId: string, socketId: string, participant: PresentParticipant): PresenceEntry {
    const room = this.rooms.get(concertationId) ?? new Map<string, PresenceEntry>();
    this.rooms.set(concertationId, room);
    const entry = { participant, since: Date.now() };
    room.set(socketId, entry);
    return entry;
  }

  /** Forgets one socket; returns what it was, or null. */
  remove(concertationId: string, socketId: string): PresenceEntry | null {
    const room = this.rooms.get(concertationId);
    const entry = room?.get(socketId) ?? null;
    room?.delete(socketId);
    if (room?.size === 0) this.rooms.delete(concertationId);
    return entry;
  }

  /** This instance's entries of one room, by socket. */
  entries(concertationId: string): [string, PresenceEntry][] {
    return [...(this.rooms.get(concertationId) ?? new Map<string, PresenceEntry>()).entries()];
  }

  /** Rooms where this instance has at least one socket. */
  roomIds(): string[] {
    return [...this.rooms.keys()];
  }
}

/** Each participant once (their earliest socket), in the order they came in. */
export function uniqueParticipants(entries: PresenceEntry[]): PresentParticipant[] {
  const seen = new Map<string, PresentParticipant>();
  for (const entry of [...entries].sort((left, right) => left.since - right.since))
    if (!seen.has(entry.participant.key)) seen.set(entry.participant.key, entry.participant);
  return [...seen.values()];
}

/** The presence of a single process: its own sockets are all there is, and no one else to tell. */
export class MemoryRoomPresence implements RoomPresence {
  private readonly local = new LocalPresences();

  async enter(concertationId: string, socketId: string, participant: PresentParticipant): Promise<void> {
    this.local.add(concertationId, socketId, participant);
  }

  async exit(concertationId: string, socketId: string): Promise<RoomExit | null> {
    const removed = this.local.remove(concertationId, socketId);
    if (!removed) return null;
    const participantKey = removed.participant.key;
    const remaining = await this.participants(concertationId);
    return {
      participantKey,
      stillPresent: remaining.some((participant) => participant.key === participantKey),
    };
  }

  async participants(concertationId: string): Promise<PresentParticipant[]> {
    return uniqueParticipants(this.local.entries(concertationId).map(([, entry]) => entry));
  }

  touch(): void {}

  onTouched(): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {}
}
