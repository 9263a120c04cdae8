import { io as connectSocket, type Socket } from 'socket.io-client';
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
