import { onBeforeUnmount, ref, shallowRef } from 'vue';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as decoding from 'lib0/decoding';
import {
  CollabCloseCode,
  finalCloseReason,
  SavingState,
  savingMessageType,
  type ClosedReason,
} from '@concerto/shared';
import { ApiError } from '../services/apiClient.ts';
import { fetchCollabToken } from '../services/spacesService.ts';
import { clearOfflineCopies, offlineCopyPrefix } from '../collab/offlineCopies.ts';
import { reconnectDelay } from '../collab/reconnectDelay.ts';

export type { ClosedReason };

/** What the user sees of the connection. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

/** Someone connected to the same space, from the awareness states. */
export interface Peer {
  clientId: number;
  name: string;
  color: string;
  kind: string;
}

const peerColors = ['#b3261e', '#1d6fa3', '#2e7d32', '#8e44ad', '#c2410c', '#00796b', '#5d4037', '#ad1457'];

/**
 * Opens one space's Yjs document: an offline copy in IndexedDB (edits made offline are kept and merge
 * on reconnect), a websocket authorised with a fresh one-minute token on every (re)connection, jittered
 * backoff, and a final stop with a reason when the server says access is gone.
 */
export function useCollabSpace(spaceId: string, me: { name: string }) {
  const doc = new Y.Doc();
  const state = ref<ConnectionState>('connecting');
  const closedReason = ref<ClosedReason | null>(null);
  const access = ref<'read' | 'contribute' | 'write' | null>(null);
  const synced = ref(false);
  /** The server has the edits but the database does not yet: they are saved when it is back. */
  const savingDelayed = ref(false);
  /** Whether the copy kept on this device has been read (the document may show before the server answers). */
  const offlineLoaded = ref(false);
  const peers = ref<Peer[]>([]);
  const offline = new IndexeddbPersistence(`${offlineCopyPrefix}${spaceId}`, doc);
  void offline.whenSynced.then(() => (offlineLoaded.value = true));
  const color = peerColors[Math.abs(doc.clientID) % peerColors.length]!;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  function stop(reason: ClosedReason): void {
    stopped = true;
    state.value = 'closed';
    closedReason.value = reason;
    provider.value.disconnect();
    // A space one may no longer open must not stay readable on this device.
    if (reason === 'accessRevoked' || reason === 'notFound') void offline.clearData();
  }

  function scheduleReconnect(): void {
    if (stopped) return;
    state.value = navigator.onLine ? 'reconnecting' : 'offline';
    retryTimer = setTimeout(() => void connect(), reconnectDelay(attempt++));
  }

  async function connect(): Promise<void> {
    if (stopped) return;
    let grant;
    try {
      grant = await fetchCollabToken(spaceId);
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      if (status === 401) return stop('unauthenticated');
      if (status === 404) return stop('accessRevoked');
      return scheduleReconnect();
    }
    if (stopped) return;
    access.value = grant.access;
    const current = provider.value;
    // The socket may have survived a short network drop: then it is simply connected again.
    if (current.wsconnected) {
      state.value = 'connected';
      return;
    }
    current.params = { token: grant.token };
    current.connect();
  }

  function createProvider(): WebsocketProvider {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
    const created = new WebsocketProvider(url, spaceId, doc, {
      // Created at once (carets and presence can bind to it), connected once a token is fetched.
      connect: false,
      params: {},
      disableBc: true,
      // Reconnection is ours: fresh token each time, jittered backoff, and a stop on final codes.
      shouldReconnect: () => false,
    });
    created.awareness.setLocalStateField('user', { name: me.name, color });
    created.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') {
        state.value = 'connected';
        attempt = 0;
      }
    });
    created.on('sync', (isSynced: boolean) => (synced.value = isSynced));
    created.messageHandlers[savingMessageType] = (_encoder, decoder) => {
      savingDelayed.value = decoding.readVarUint(decoder) === SavingState.delayed;
    };
    created.on('closed', ({ code }: { code: number }) => {
      savingDelayed.value = false;
      const final = finalCloseReason(code);
      if (final) return stop(final);
      // The old access no longer holds (e.g. now read-only): edit nothing until the new grant is known.
      if (code === CollabCloseCode.accessChanged) access.value = null;
      scheduleReconnect();
    });
    created.awareness.on('change', () => {
      peers.value = [...created.awareness.getStates().entries()]
        .filter(([clientId, peerState]) => clientId !== doc.clientID && peerState.user)
        .map(([clientId, peerState]) => ({
          clientId,
          name: String(peerState.user.name ?? ''),
          color: String(peerState.user.color ?? '#555'),
          kind: String(peerState.user.kind ?? ''),
        }));
    });
    return created;
  }
  const provider = shallowRef<WebsocketProvider>(createProvider());

  const goneOffline = () => {
    if (!stopped && state.value !== 'closed') state.value = 'offline';
  };
  const backOnline = () => {
    if (stopped || state.value === 'connected') return;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    attempt = 0;
    void connect();
  };
  window.addEventListener('offline', goneOffline);
  window.addEventListener('online', backOnline);
  void connect();

  onBeforeUnmount(() => {
    stopped = true;
    if (retryTimer) clearTimeout(retryTimer);
    window.removeEventListener('offline', goneOffline);
    window.removeEventListener('online', backOnline);
    provider.value.destroy();
    void offline.destroy();
    doc.destroy();
  });

  return {
    doc,
    state,
    closedReason,
    access,
    synced,
    savingDelayed,
    offlineLoaded,
    peers,
    provider,
    color,
    clearOfflineCopies,
  };
}
