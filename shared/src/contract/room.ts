import { z } from 'zod';
import { IdSchema } from '../domain/family.ts';

/** Reactions a participant can send in the room (a phone-friendly way to take part). */
export const roomReactions = ['thumbsUp', 'heart', 'clap', 'question', 'thanks'] as const;

/** Client -> server events of the meeting room, each validated. */
export const RoomEventSchemas = {
  join: z.strictObject({ concertationId: IdSchema }),
  leave: z.strictObject({ concertationId: IdSchema }),
  hand: z.strictObject({ concertationId: IdSchema, raised: z.boolean() }),
  reaction: z.strictObject({ concertationId: IdSchema, reaction: z.enum(roomReactions) }),
  agenda: z.strictObject({ concertationId: IdSchema, index: z.number().int().min(0).max(19) }),
  timer: z.strictObject({ concertationId: IdSchema, action: z.enum(['start', 'pause', 'reset']) }),
};

/** Someone in the room, as another participant sees them. */
export interface RoomParticipant {
  key: string;
  /** `guest`: an interpreter with a one-meeting pass. */
  kind: 'professional' | 'familyMember' | 'guest';
  name: string;
  detail: string | null;
  handRaised: boolean;
  mode: 'remote' | 'onSite' | null;
  organiser: boolean;
}

/** The live state of the room, sent to each participant filtered for them. */
export interface RoomState {
  concertationId: string;
  status: 'scheduled' | 'open' | 'closed' | 'cancelled';
  currentAgendaIndex: number;
  timer: { running: boolean; startedAt: number | null; elapsedMs: number };
  participants: RoomParticipant[];
}

/** Names of the Socket.io events of the meeting room. */
export const roomEvents = {
  join: 'concertation:join',
  leave: 'concertation:leave',
  hand: 'concertation:hand',
  reaction: 'concertation:reaction',
  agenda: 'concertation:agenda',
  timer: 'concertation:timer',
  state: 'concertation:state',
  changed: 'concertation:changed',
  removed: 'concertation:removed',
  reacted: 'concertation:reacted',
} as const;
