import type { Server, Socket } from 'socket.io';
import type { Logger } from 'pino';
import { RoomEventSchemas, participantKeyOf, participantKindOf, roomEvents } from '@concerto/shared';
import { resolveSessionById, type AuthContext } from '../auth/sessions.ts';
import { onAccessChange } from '../collab/accessEvents.ts';
import { canOnConcertation, loadConcertationFor } from '../policies/concertationAccess.ts';
import { markAttendance, moveAgenda, movedTimer, raiseHand, storeTimer } from './meetingFloor.ts';
import { onRoomChange, type RoomChange } from './roomEvents.ts';
import type { RoomPresence } from './roomPresence.ts';
import { roomStateFor } from './roomState.ts';

type Ack = (answer: { ok: true } | { ok: false; error: string }) => void;
const roomPrefix = 'concertation:';
const roomName = (concertationId: string) => `${roomPrefix}${concertationId}`;
const everyChange: RoomChange['what'][] = ['decisions', 'functions', 'concertation', 'stratum'];

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
    join: canOnConcertation(opened, 'concertation.room.join', concertation),
    manage: canOnConcertation(opened, 'concertation.manage', concertation),
  };
}

/** The live meeting room of this instance; `handOver` before Socket.io closes, `close` after. */
export interface ConcertationRoom {
  /** From now on a dropped socket is handed to another instance, not leaving the meeting. */
  handOver(): void;
  /** Stops listening and waits for work still running (a leave writing attendance). */
  close(): Promise<void>;
}

/**
 * The live meeting over Socket.io. The server puts a socket in a room only after checking its rights;
 * clients never name a room they join, every event is validated, and each participant receives the
 * room's state filtered for them by the instance that holds their socket. Presence is shared by every
 * instance (`RoomPresence`); hands, timer and agenda item are stored with the meeting; room-wide events go
 * through the Socket.io adapter (Redis streams when instances share Redis). Content (plan, decisions) is
 * never pushed: clients re-read it.
 */
export function attachConcertationRoom(io: Server, presence: RoomPresence, logger: Logger): ConcertationRoom {
  let handingOver = false;
  // Work still running when the server stops (a leave writing attendance) is awaited before the database closes.
  const pending = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work)).catch(() => undefined);
  };
  const warn = (message: string) => (error: unknown) => logger.warn({ err: error }, message);

  const holds = (concertationId: string) => io.of('/').adapter.rooms.has(roomName(concertationId));
  // Read from this instance's own tables: `io.local.fetchSockets()` would still ask Redis how many
  // instances there are, and fail while it is away.
  const localSockets = (concertationId: string): Socket[] =>
    [...(io.of('/').adapter.rooms.get(roomName(concertationId)) ?? [])].flatMap((socketId) => {
      const socket = io.of('/').sockets.get(socketId);
      return socket ? [socket] : [];
    });
  const localRooms = () =>
    [...io.of('/').adapter.rooms.keys()]
      .filter((room) => room.startsWith(roomPrefix))
      .map((room) => room.slice(roomPrefix.length));

  /** Sends each of this instance's sockets in the room the state it may see. */
  async function sendState(concertationId: string): Promise<void> {
    if (!holds(concertationId)) return;
    const present = await presence.participants(concertationId);
    for (const socket of localSockets(concertationId)) {
      const state = await roomStateFor(socket.data.auth as AuthContext, concertationId, present);
      if (state) socket.emit(roomEvents.state, state);
    }
  }

  /** The room changed: this instance sends its sockets the new state, and asks the others to. */
  async function refresh(concertationId: string): Promise<void> {
    presence.touch({ concertationId });
    await sendState(concertationId);
  }

  /** A guest's comings and goings are written to the family's audit trail (she has no other trace). */
  async function auditGuest(auth: AuthContext, concertationId: string, part: 'interpreterLeft') {
    if (participantKindOf(auth.actor) !== 'guest') return;
    const loaded = await loadConcertationFor(auth, concertationId);
    await loaded?.opened.audit('read', part);
  }

  async function leave(socket: Socket, concertationId: string): Promise<void> {
    await socket.leave(roomName(concertationId));
    const exit = await presence.exit(concertationId, socket.id);
    if (!exit) return;
    if (!exit.stillPresent)
      await auditGuest(socket.data.auth as AuthContext, concertationId, 'interpreterLeft').catch(
        warn('guest leave not audited'),
      );
    // An instance that stops hands its participants over: they come back through another one at once.
    if (!exit.stillPresent && !handingOver) {
      await markAttendance(concertationId, exit.participantKey, false).catch(warn('attendance not saved'));
      await raiseHand(concertationId, exit.participantKey, false);
    }
    await refresh(concertationId);
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

  io.on('connection', (socket) => {
    on(socket, roomEvents.join, RoomEventSchemas.join, async ({ concertationId }, auth) => {
      const rights = await rightsOf(auth, concertationId);
      if (!rights?.join) throw new Error('not_found');
      const kind = participantKindOf(auth.actor);
      await rights.opened.audit('read', kind === 'guest' ? 'interpreterJoined' : 'concertations');
      await socket.join(roomName(concertationId));
      const key = participantKeyOf(auth.actor);
      await presence.enter(concertationId, socket.id, {
        key,
        kind,
        name: auth.displayName,
        detail: auth.detail,
        organiser: rights.manage,
      });
      await markAttendance(concertationId, key, true).catch(warn('attendance not saved'));
      await refresh(concertationId);
    });

    on(socket, roomEvents.leave, RoomEventSchemas.leave, async ({ concertationId }) =>
      leave(socket, concertationId),
    );

    on(socket, roomEvents.hand, RoomEventSchemas.hand, async ({ concertationId, raised }, auth) => {
      await inRoom(socket, auth, concertationId);
      await raiseHand(concertationId, participantKeyOf(auth.actor), raised);
      await refresh(concertationId);
    });

    on(socket, roomEvents.reaction, RoomEventSchemas.reaction, async ({ concertationId, reaction }, auth) => {
      await inRoom(socket, auth, concertationId);
      // The sender is named by the server, never by the client.
      io.to(roomName(concertationId)).emit(roomEvents.reacted, {
        key: participantKeyOf(auth.actor),
        name: auth.displayName,
        reaction,
      });
    });

    on(socket, roomEvents.agenda, RoomEventSchemas.agenda, async ({ concertationId, index }, auth) => {
      const rights = await inRoom(socket, auth, concertationId);
      if (!rights.manage) throw new Error('forbidden');
      if (index >= rights.concertation.agenda.length) throw new Error('invalid_request');
      await moveAgenda(concertationId, index, auth.displayName);
      await refresh(concertationId);
    });

    on(socket, roomEvents.timer, RoomEventSchemas.timer, async ({ concertationId, action }, auth) => {
      const rights = await inRoom(socket, auth, concertationId);
      if (!rights.manage) throw new Error('forbidden');
      const stored = rights.concertation.timer;
      const timer = {
        running: stored?.running ?? false,
        startedAt: stored?.startedAt ?? null,
        elapsedMs: stored?.elapsedMs ?? 0,
      };
      const moved = movedTimer(timer, action, Date.now());
      if (moved !== timer) await storeTimer(concertationId, moved);
      await refresh(concertationId);
    });

    socket.on('disconnecting', () => {
      for (const room of socket.rooms) {
        if (room.startsWith(roomPrefix))
          track(leave(socket, room.slice(roomPrefix.length)).catch(warn('room not left')));
      }
    });
  });

  // Said once, by the instance where it happened: the adapter carries it to every instance's participants.
  const stopRoomChanges = onRoomChange((change) => {
    io.to(roomName(change.concertationId)).emit(roomEvents.changed, { what: change.what });
    track(
      (async () => {
        // When the organiser opens the room, those already waiting in it are now attending.
        if (change.what === 'concertation') {
          for (const participant of await presence.participants(change.concertationId))
            await markAttendance(change.concertationId, participant.key, true);
        }
        await refresh(change.concertationId);
      })().catch(warn('room change not applied')),
    );
  });

  const stopTouches = presence.onTouched(({ concertationId, reread }) => {
    for (const id of concertationId ? [concertationId] : localRooms()) {
      // Redis was away: announcements may have been missed, so the participants here read everything again.
      if (reread)
        for (const what of everyChange) io.local.to(roomName(id)).emit(roomEvents.changed, { what });
      track(sendState(id).catch(warn('room state not sent')));
    }
  });

  // Someone who lost their rights leaves the room at once (removed from the team, consent withdrawn...).
  // Every instance hears every access change and re-checks the sockets it holds.
  async function recheckRooms(): Promise<void> {
    for (const concertationId of localRooms()) {
      for (const socket of localSockets(concertationId)) {
        const auth = socket.data.auth as AuthContext;
        const session = await resolveSessionById(String(auth.sessionId));
        const rights = session ? await rightsOf(session, concertationId) : null;
        if (rights) continue;
        socket.emit(roomEvents.removed, { concertationId });
        await leave(socket, concertationId);
      }
      // What the others may see of the remaining participants may have changed too.
      await sendState(concertationId);
    }
  }
  const stopAccessChanges = onAccessChange(() => {
    recheckRooms().catch(warn('room access re-check failed'));
  });

  return {
    handOver: () => {
      handingOver = true;
    },
    close: async () => {
      stopRoomChanges();
      stopTouches();
      stopAccessChanges();
      await Promise.allSettled([...pending]);
    },
  };
}
