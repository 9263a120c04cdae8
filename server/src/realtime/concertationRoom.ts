import type { Server, Socket } from 'socket.io';
import type { Logger } from 'pino';
import {
  RoomEventSchemas,
  participantKeyOf,
  roomEvents,
  type RoomParticipant,
  type RoomState,
} from '@concerto/shared';
import { resolveSessionById, type AuthContext } from '../auth/sessions.ts';
import { onAccessChange } from '../collab/accessEvents.ts';
import { ConcertationModel } from '../models/concertation.ts';
import { canOnConcertation, loadConcertationFor } from '../policies/concertationAccess.ts';
import { onRoomChange } from './roomEvents.ts';

interface Presence {
  participant: Omit<RoomParticipant, 'handRaised' | 'mode'>;
  socketIds: Set<string>;
  handRaised: boolean;
}

interface LiveRoom {
  presences: Map<string, Presence>;
  timer: RoomState['timer'];
}

type Ack = (answer: { ok: true } | { ok: false; error: string }) => void;
const roomName = (concertationId: string) => `concertation:${concertationId}`;

/**
 * Loads what deciding about one socket needs, fresh from the database, through the same repository and
 * policy as REST: null unless the caller may follow this concertation now (team link, personal
 * invitation, consent to take part).
 */
async function rightsOf(auth: AuthContext, concertationId: string) {
  const loaded = await loadConcertationFor(auth, concertationId);
  if (!loaded) return null;
  const { opened, concertation } = loaded;
  return {
    concertation,
    opened,
    family: opened.family,
    join: canOnConcertation(opened, 'concertation.room.join', concertation),
    manage: canOnConcertation(opened, 'concertation.manage', concertation),
  };
}

function participantKey(auth: AuthContext): string {
  return participantKeyOf(auth.actor);
}

/**
 * The live meeting over Socket.io. The server puts a socket in a room only after checking its rights;
 * clients never name a room they join, every event is validated, and each participant receives the
 * room's state filtered for them. Content (plan, decisions) is never pushed: clients re-read it.
 */
export function attachConcertationRoom(io: Server, logger: Logger): () => Promise<void> {
  const rooms = new Map<string, LiveRoom>();
  // Work still running when the server stops (a leave writing attendance) is awaited before the database closes.
  const pending = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work)).catch(() => undefined);
  };

  async function broadcastState(concertationId: string): Promise<void> {
    const live = rooms.get(concertationId);
    for (const socket of await io.in(roomName(concertationId)).fetchSockets()) {
      const auth = socket.data.auth as AuthContext;
      const loaded = await loadConcertationFor(auth, concertationId);
      if (!loaded) continue;
      const { concertation, opened } = loaded;
      const hidden = opened.hiddenProfessionals();
      const participants = [...(live?.presences.values() ?? [])]
        .filter(
          (presence) =>
            !(
              presence.participant.kind === 'professional' &&
              hidden.has(presence.participant.key.split(':')[1]!)
            ),
        )
        .map((presence) => {
          const entry = concertation.attendance.find(
            (candidate) =>
              `${candidate.participantKind}:${candidate.participantId}` === presence.participant.key,
          );
          return { ...presence.participant, handRaised: presence.handRaised, mode: entry?.mode ?? null };
        });
      const state: RoomState = {
        concertationId,
        status: concertation.status,
        currentAgendaIndex: concertation.currentAgendaIndex,
        timer: live?.timer ?? { running: false, startedAt: null, elapsedMs: 0 },
        participants,
      };
      socket.emit(roomEvents.state, state);
    }
  }

  async function markAttendance(concertationId: string, key: string, joined: boolean): Promise<void> {
    const [kind, id] = key.split(':');
    const concertation = await ConcertationModel.findById(concertationId);
    const entry = concertation?.attendance.find(
      (candidate) => candidate.participantKind === kind && candidate.participantId === id,
    );
    // Waiting before the organiser opens the room is not attending: only an open meeting counts.
    if (!concertation || !entry || concertation.status !== 'open') return;
    if (joined) {
      entry.status = 'present';
      entry.mode ??= 'remote';
      entry.joinedAt ??= new Date();
      entry.leftAt = null;
    } else entry.leftAt = new Date();
    await concertation.save().catch((error: unknown) => logger.warn({ err: error }, 'attendance not saved'));
  }

  async function leave(socket: Socket, concertationId: string): Promise<void> {
    const live = rooms.get(concertationId);
    const key = participantKey(socket.data.auth as AuthContext);
    const presence = live?.presences.get(key);
    await socket.leave(roomName(concertationId));
    if (!live || !presence) return;
    presence.socketIds.delete(socket.id);
    if (presence.socketIds.size === 0) {
      live.presences.delete(key);
      await markAttendance(concertationId, key, false);
    }
    await broadcastState(concertationId);
  }

  function on<Schema extends (typeof RoomEventSchemas)[keyof typeof RoomEventSchemas]>(
    socket: Socket,
    event: string,
    schema: Schema,
    handler: (payload: ReturnType<Schema['parse']>, auth: AuthContext) => Promise<void>,
  ): void {
    socket.on(event, (payload: unknown, ack?: Ack) => {
      const reply: Ack = typeof ack === 'function' ? ack : () => undefined;
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: 'invalid_request' });
      track(
        handler(parsed.data as ReturnType<Schema['parse']>, socket.data.auth as AuthContext).then(
          () => reply({ ok: true }),
          (error: unknown) => reply({ ok: false, error: error instanceof Error ? error.message : 'error' }),
        ),
      );
    });
  }

  /**
   * Only participants already in the room, as placed there by the server, can act in it, and only while
   * the policy still lets them follow the meeting: rights are checked on every event, not only at join.
   */
  async function inRoom(socket: Socket, auth: AuthContext, concertationId: string) {
    if (!socket.rooms.has(roomName(concertationId))) throw new Error('not_found');
    const rights = await rightsOf(auth, concertationId);
    if (!rights) {
      socket.emit(roomEvents.removed, { concertationId });
      await leave(socket, concertationId);
      throw new Error('not_found');
    }
    return rights;
  }

  /** Takes a socket that lost its rights out of the room and tells it so. */
  async function removeFromRoom(
    socket: { emit(event: string, payload: unknown): unknown; leave(room: string): unknown },
    concertationId: string,
  ) {
    socket.emit(roomEvents.removed, { concertationId });
    await socket.leave(roomName(concertationId));
  }

  io.on('connection', (socket) => {
    on(socket, roomEvents.join, RoomEventSchemas.join, async ({ concertationId }, auth) => {
      const rights = await rightsOf(auth, concertationId);
      if (!rights?.join) throw new Error('not_found');
      await rights.opened.audit('read', 'concertations');
      await socket.join(roomName(concertationId));
      const live = rooms.get(concertationId) ?? {
        presences: new Map(),
        timer: { running: false, startedAt: null, elapsedMs: 0 },
      };
      rooms.set(concertationId, live);
      const key = participantKey(auth);
      const presence = live.presences.get(key) ?? {
        participant: {
          key,
          kind: key.startsWith('familyMember:') ? 'familyMember' : 'professional',
          name: auth.displayName,
          detail: auth.detail,
          organiser: rights.manage,
        },
        socketIds: new Set<string>(),
        handRaised: false,
      };
      presence.socketIds.add(socket.id);
      live.presences.set(key, presence);
      await markAttendance(concertationId, key, true);
      await broadcastState(concertationId);
    });

    on(socket, roomEvents.leave, RoomEventSchemas.leave, async ({ concertationId }) =>
      leave(socket, concertationId),
    );

    on(socket, roomEvents.hand, RoomEventSchemas.hand, async ({ concertationId, raised }, auth) => {
      await inRoom(socket, auth, concertationId);
      const presence = rooms.get(concertationId)?.presences.get(participantKey(auth));
      if (presence) presence.handRaised = raised;
      await broadcastState(concertationId);
    });

    on(socket, roomEvents.reaction, RoomEventSchemas.reaction, async ({ concertationId, reaction }, auth) => {
      await inRoom(socket, auth, concertationId);
      // The sender is named by the server, never by the client.
      io.to(roomName(concertationId)).emit(roomEvents.reacted, {
        key: participantKey(auth),
        name: auth.displayName,
        reaction,
      });
    });

    on(socket, roomEvents.agenda, RoomEventSchemas.agenda, async ({ concertationId, index }, auth) => {
      const rights = await inRoom(socket, auth, concertationId);
      if (!rights.manage) throw new Error('forbidden');
      if (index >= rights.concertation.agenda.length) throw new Error('invalid_request');
      rights.concertation.currentAgendaIndex = index;
      await rights.concertation.save();
      await broadcastState(concertationId);
    });

    on(socket, roomEvents.timer, RoomEventSchemas.timer, async ({ concertationId, action }, auth) => {
      const rights = await inRoom(socket, auth, concertationId);
      const live = rooms.get(concertationId);
      if (!rights.manage || !live) throw new Error('forbidden');
      const now = Date.now();
      const timer = live.timer;
      if (action === 'start' && !timer.running)
        live.timer = { running: true, startedAt: now, elapsedMs: timer.elapsedMs };
      if (action === 'pause' && timer.running)
        live.timer = {
          running: false,
          startedAt: null,
          elapsedMs: timer.elapsedMs + (now - (timer.startedAt ?? now)),
        };
      if (action === 'reset') live.timer = { running: false, startedAt: null, elapsedMs: 0 };
      await broadcastState(concertationId);
    });

    socket.on('disconnecting', () => {
      for (const room of socket.rooms) {
        if (room.startsWith('concertation:'))
          track(leave(socket, room.slice('concertation:'.length)).catch(() => undefined));
      }
    });
  });

  const stopRoomChanges = onRoomChange((change) => {
    io.to(roomName(change.concertationId)).emit(roomEvents.changed, { what: change.what });
    track(
      (async () => {
        // When the organiser opens the room, those already waiting in it are now attending.
        if (change.what === 'concertation') {
          for (const key of rooms.get(change.concertationId)?.presences.keys() ?? [])
            await markAttendance(change.concertationId, key, true);
        }
        await broadcastState(change.concertationId);
      })().catch(() => undefined),
    );
  });

  // Someone who lost their rights leaves the room at once (removed from the team, consent withdrawn...).
  async function recheckRooms(): Promise<void> {
    for (const concertationId of rooms.keys()) {
      for (const socket of await io.in(roomName(concertationId)).fetchSockets()) {
        const auth = socket.data.auth as AuthContext;
        const session = await resolveSessionById(String(auth.sessionId));
        const rights = session ? await rightsOf(session, concertationId) : null;
        if (rights) continue;
        await removeFromRoom(socket, concertationId);
        const live = rooms.get(concertationId);
        live?.presences.delete(participantKey(auth));
      }
      await broadcastState(concertationId);
    }
  }
  const stopAccessChanges = onAccessChange(() => {
    recheckRooms().catch((error: unknown) => logger.warn({ err: error }, 'room access re-check failed'));
  });

  return async () => {
    stopRoomChanges();
    stopAccessChanges();
    await Promise.allSettled([...pending]);
  };
}
