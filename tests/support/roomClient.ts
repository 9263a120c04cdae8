import { io as connectSocket, type Socket } from 'socket.io-client';
import { roomEvents, type RoomState } from '@concerto/shared';
import type { TestApiClient } from './apiClient.ts';

/** Opens a Socket.io connection to the meeting room as `client` (cookie or bearer), once connected. */
export async function connectRoom(baseUrl: string, client: TestApiClient): Promise<Socket> {
  const headers: Record<string, string> = {};
  if (client.credentials.cookie) headers.Cookie = client.credentials.cookie;
  if (client.credentials.token) headers.Authorization = `Bearer ${client.credentials.token}`;
  const socket = connectSocket(baseUrl, {
    transports: ['websocket'],
    extraHeaders: headers,
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Emits a room event and resolves with the server's acknowledgement. */
export function emitWithAck(socket: Socket, event: string, payload: unknown) {
  return new Promise<{ ok: boolean; error?: string }>((resolve) => socket.emit(event, payload, resolve));
}

/** What one room socket heard: the latest state, reactions, changes, and when it was taken out or cut. */
export interface RoomRecord {
  state: RoomState | null;
  reactions: { name: string; reaction: string }[];
  changes: string[];
  removedAt: number | null;
  sessionEndedAt: number | null;
  disconnectedAt: number | null;
}

/** Starts recording what `socket` hears from the room. */
export function recordRoom(socket: Socket): RoomRecord {
  const record: RoomRecord = {
    state: null,
    reactions: [],
    changes: [],
    removedAt: null,
    sessionEndedAt: null,
    disconnectedAt: null,
  };
  socket.on(roomEvents.state, (state: RoomState) => (record.state = state));
  socket.on(roomEvents.reacted, (notice: { name: string; reaction: string }) =>
    record.reactions.push(notice),
  );
  socket.on(roomEvents.changed, (change: { what: string }) => record.changes.push(change.what));
  socket.on(roomEvents.removed, () => (record.removedAt ??= Date.now()));
  socket.on('session:ended', () => (record.sessionEndedAt ??= Date.now()));
  socket.on('disconnect', () => (record.disconnectedAt ??= Date.now()));
  return record;
}
