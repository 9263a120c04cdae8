import WebSocket from 'ws';
import type * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

/** Opens a y-websocket provider from Node: `ws` as the WebSocket, no BroadcastChannel between "tabs". */
export function openProvider(
  serverUrl: string,
  room: string,
  doc: Y.Doc,
  params: Record<string, string>,
): WebsocketProvider {
  return new WebsocketProvider(serverUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  });
}

/** Resolves true once the provider completed its first sync, false after `timeoutMs`. */
export function whenSynced(provider: WebsocketProvider, timeoutMs: number): Promise<boolean> {
  if (provider.synced) return Promise.resolve(true);
  return new Promise((resolve) => {
    const listener = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      provider.off('sync', listener);
      resolve(true);
    };
    const timer = setTimeout(() => {
      provider.off('sync', listener);
      resolve(false);
    }, timeoutMs);
    provider.on('sync', listener);
  });
}
