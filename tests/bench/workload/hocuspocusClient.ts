import WebSocket from 'ws';
import type * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { BenchClient } from './benchClient.ts';

/** Opens `name` on a Hocuspocus server from Node (`ws` as the WebSocket), one websocket per participant. */
export function openHocuspocusClient(serverUrl: string, name: string, doc: Y.Doc): BenchClient {
  const websocket = new HocuspocusProviderWebsocket({
    url: serverUrl,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  const provider = new HocuspocusProvider({ websocketProvider: websocket, name, document: doc });
  // A provider given its websocket does not attach itself to it (the socket may carry several documents).
  provider.attach();
  return {
    awareness: provider.awareness!,
    synced: (timeoutMs) =>
      new Promise((resolve) => {
        if (provider.isSynced) return resolve(true);
        const listener = ({ state }: { state: boolean }) => {
          if (!state) return;
          clearTimeout(timer);
          provider.off('synced', listener);
          resolve(true);
        };
        const timer = setTimeout(() => {
          provider.off('synced', listener);
          resolve(false);
        }, timeoutMs);
        provider.on('synced', listener);
      }),
    onDisconnect: (listener) => websocket.on('disconnect', listener),
    // Hocuspocus has no such notice.
    onSavingDelayed: () => undefined,
    destroy: () => {
      provider.destroy();
      websocket.destroy();
    },
  };
}
