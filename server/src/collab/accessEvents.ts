import { EventEmitter } from 'node:events';
import type { InstanceChannel } from '../cluster/instanceChannel.ts';

/** What changed that may take access away from open collaboration connections. */
export type AccessChange =
  | { kind: 'family'; familyId: string }
  | { kind: 'space'; spaceId: string }
  | { kind: 'session'; sessionId: string }
  | { kind: 'user'; userId: string };

const emitter = new EventEmitter();
emitter.setMaxListeners(0);
let otherInstances: InstanceChannel<AccessChange> | null = null;

/** Announces a change of rights; the collaboration server re-checks the affected connections at once. */
export function announceAccessChange(change: AccessChange): void {
  emitter.emit('change', change);
  otherInstances?.send(change);
}

/** Subscribes to changes of rights; returns the unsubscribe function. */
export function onAccessChange(listener: (change: AccessChange) => void): () => void {
  emitter.on('change', listener);
  return () => emitter.off('change', listener);
}

/**
 * Carries changes of rights to and from the other instances (several instances over Redis): each one
 * re-checks its own connections. Returns the function that stops (server shutdown).
 */
export function shareAccessChanges(channel: InstanceChannel<AccessChange>): () => void {
  otherInstances = channel;
  const stop = channel.listen((change) => emitter.emit('change', change));
  return () => {
    stop();
    if (otherInstances === channel) otherInstances = null;
  };
}
