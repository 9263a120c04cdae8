import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import type * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { WebsocketProvider } from 'y-websocket';
import type { ConnectionState } from './useCollabSpace.ts';

/**
 * Whether edits made on this device wait to be sent: set by a local change while not connected, cleared
 * once the document synced with the server again (the sync sends everything the server lacks).
 */
export function usePlanOfflineEdits(
  doc: Y.Doc,
  provider: WebsocketProvider,
  state: Ref<ConnectionState>,
  synced: Ref<boolean>,
) {
  const unsentEdits = ref(false);
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    // Changes from the server or read back from the device's copy are not the user's new edits.
    if (origin === provider || origin instanceof IndexeddbPersistence) return;
    if (state.value !== 'connected' || !synced.value) unsentEdits.value = true;
  };
  doc.on('update', onUpdate);
  watch(synced, (isSynced) => {
    if (isSynced) unsentEdits.value = false;
  });
  onBeforeUnmount(() => doc.off('update', onUpdate));
  return { unsentEdits };
}
