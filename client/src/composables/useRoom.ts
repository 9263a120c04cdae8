import { onBeforeUnmount, ref, shallowRef } from 'vue';
import { io, type Socket } from 'socket.io-client';
import { roomEvents, type RoomState, type roomReactions } from '@concerto/shared';

/** A reaction someone sent in the room. */
export type RoomReaction = (typeof roomReactions)[number];
/** What changed in the room, to be read again through the API (content is never pushed). */
export type RoomChange = 'decisions' | 'functions' | 'concertation' | 'stratum';
/** The connection to the meeting room, as the participant sees it. */
export type RoomConnection = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** A reaction shown for a few seconds. */
export interface ReactionNotice {
  id: number;
  name: string;
  reaction: RoomReaction;
}

/** What the page does when the room tells it something. */
export interface RoomListeners {
  changed(what: RoomChange): void;
  /** The server took the caller out of the room (access lost). */
  removed(): void;
  /** Back in the room after a lost connection: what was missed must be read again. */
  rejoined(): void;
  reacted?(notice: ReactionNotice): void;
}

type Ack = { ok: true } | { ok: false; error: string };
const ackTimeoutMs = 10_000;
const reactionShownMs = 6_000;

/**
 * The live meeting room over Socket.io (same origin, session cookie). The server decides who enters;
 * the page only asks to join, sends hands, reactions, agenda and timer moves, and re-reads content
 * through the API when told that something changed. After a lost connection it joins again by itself.
 */
export function useRoom(concertationId: string, listeners: RoomListeners) {
  const state = shallowRef<RoomState | null>(null);
  const connection = ref<RoomConnection>('idle');
  const joined = ref(false);
  const joinError = ref<string | null>(null);
  const reactions = ref<ReactionNotice[]>([]);
  let socket: Socket | null = null;
  let wanted = false;
  let everJoined = false;
  let reactionCounter = 0;
  let settleJoin: ((ok: boolean) => void) | null = null;

  async function emit(event: string, payload: object): Promise<Ack> {
    if (!socket?.connected) return { ok: false, error: 'network_error' };
    try {
      return (await socket.timeout(ackTimeoutMs).emitWithAck(event, payload)) as Ack;
    } catch {
      return { ok: false, error: 'network_error' };
    }
  }

  async function enter(): Promise<void> {
    const answer = await emit(roomEvents.join, { concertationId });
    joined.value = answer.ok;
    joinError.value = answer.ok ? null : answer.error;
    if (answer.ok && everJoined) listeners.rejoined();
    if (answer.ok) everJoined = true;
    settleJoin?.(answer.ok);
    settleJoin = null;
  }

  function showReaction(notice: Omit<ReactionNotice, 'id'>): void {
    const shown = { ...notice, id: ++reactionCounter };
    reactions.value = [...reactions.value.slice(-3), shown];
    listeners.reacted?.(shown);
    setTimeout(
      () => (reactions.value = reactions.value.filter((entry) => entry.id !== shown.id)),
      reactionShownMs,
    );
  }

  function open(): Socket {
    if (socket) return socket;
    // The meeting in the address lets a load balancer bring its participants to the same instance.
    const created = io({
      transports: ['websocket'],
      autoConnect: false,
      query: { concertation: concertationId },
    });
    created.on('connect', () => {
      connection.value = 'connected';
      if (wanted) void enter();
    });
    created.on('disconnect', () => {
      joined.value = false;
      if (wanted) connection.value = 'reconnecting';
    });
    const sessionEnded = () => {
      wanted = false;
      joined.value = false;
      connection.value = 'closed';
      joinError.value = 'unauthenticated';
      settleJoin?.(false);
      settleJoin = null;
      created.disconnect();
    };
    created.on('connect_error', (error: Error) => {
      if (error.message === 'unauthenticated') sessionEnded();
      else connection.value = 'reconnecting';
    });
    // Signed out elsewhere, expired or deactivated: the server closes the socket and says why.
    created.on('session:ended', sessionEnded);
    created.on(roomEvents.state, (next: RoomState) => {
      if (next.concertationId === concertationId) state.value = next;
    });
    created.on(roomEvents.changed, (change: { what: RoomChange }) => listeners.changed(change.what));
    created.on(roomEvents.reacted, (notice: { name: string; reaction: RoomReaction }) =>
      showReaction({ name: notice.name, reaction: notice.reaction }),
    );
    created.on(roomEvents.removed, () => {
      wanted = false;
      joined.value = false;
      connection.value = 'closed';
      created.disconnect();
      listeners.removed();
    });
    socket = created;
    return created;
  }

  /** Asks the server to let the caller in; resolves with whether it did. */
  function join(): Promise<boolean> {
    wanted = true;
    joinError.value = null;
    const current = open();
    const result = new Promise<boolean>((resolve) => (settleJoin = resolve));
    if (current.connected) void enter();
    else {
      connection.value = 'connecting';
      current.connect();
    }
    return result;
  }

  /** Leaves the room and closes the connection. */
  function leave(): void {
    wanted = false;
    joined.value = false;
    if (socket?.connected) socket.emit(roomEvents.leave, { concertationId });
    socket?.disconnect();
    socket = null;
    connection.value = 'closed';
  }

  const raiseHand = (raised: boolean) => emit(roomEvents.hand, { concertationId, raised });
  const react = (reaction: RoomReaction) => emit(roomEvents.reaction, { concertationId, reaction });
  const moveAgenda = (index: number) => emit(roomEvents.agenda, { concertationId, index });
  const controlTimer = (action: 'start' | 'pause' | 'reset') =>
    emit(roomEvents.timer, { concertationId, action });

  // A phone that loses its network says so at once; waiting for the heartbeat would take half a minute.
  const goneOffline = () => {
    if (!wanted || !socket) return;
    connection.value = 'reconnecting';
    socket.io.engine?.close();
  };
  window.addEventListener('offline', goneOffline);

  onBeforeUnmount(() => {
    window.removeEventListener('offline', goneOffline);
    if (socket) leave();
  });

  return {
    state,
    connection,
    joined,
    joinError,
    reactions,
    join,
    leave,
    raiseHand,
    react,
    moveAgenda,
    controlTimer,
  };
}
