import * as decoding from 'lib0/decoding';
import type * as Y from 'yjs';
import { SavingState, savingMessageType } from '@concerto/shared';
import type { Awareness } from 'y-protocols/awareness';
import { openHocuspocusClient } from './hocuspocusClient.ts';
import { openProvider, whenSynced } from './providerConnection.ts';
import type { ClientProtocol } from './workerMessages.ts';

/** What a simulated participant needs of its provider, whichever library it is. */
export interface BenchClient {
  readonly awareness: Awareness;
  /** Resolves true once the first sync is complete, false after `timeoutMs`. */
  synced(timeoutMs: number): Promise<boolean>;
  /** Calls `listener` each time the connection is lost (the provider then reconnects by itself). */
  onDisconnect(listener: () => void): void;
  /** Calls `listener` for each "saving delayed" notice of the server (Concerto's; the others send none). */
  onSavingDelayed(listener: () => void): void;
  destroy(): void;
}

/** Opens `room` on `serverUrl` with y-websocket's WebsocketProvider or Hocuspocus' provider. */
export function openBenchClient(
  protocol: ClientProtocol,
  serverUrl: string,
  room: string,
  doc: Y.Doc,
  params: Record<string, string>,
): BenchClient {
  if (protocol === 'hocuspocus') return openHocuspocusClient(serverUrl, room, doc);
  const provider = openProvider(serverUrl, room, doc, params);
  return {
    awareness: provider.awareness,
    synced: (timeoutMs) => whenSynced(provider, timeoutMs),
    onDisconnect: (listener) =>
      provider.on('status', ({ status }) => {
        if (status === 'disconnected') listener();
      }),
    onSavingDelayed: (listener) => {
      provider.messageHandlers[savingMessageType] = (_encoder, decoder) => {
        if (decoding.readVarUint(decoder) === SavingState.delayed) listener();
      };
    },
    destroy: () => provider.destroy(),
  };
}
