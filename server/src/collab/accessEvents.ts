import { EventEmitter } from 'node:events';

/** What changed that may take access away from open collaboration connections. */
export type AccessChange =
  | { kind: 'family'; familyId: string }
  | { kind: 'space'; spaceId: string }
  | { kind: 'session'; sessionId: string }
  | { kind: 'user'; userId: string };

const emitter = new EventEmitter();
emitter.setMaxListeners(0);

/** Announces a change of rights; the collaboration server re-checks the affected connections at once. */
export function announceAccessChange(change: AccessChange): void {
  emitter.emit('change', change);
}

/** Subscribes to changes of rights; returns the unsubscribe function. */
export function onAccessChange(listener: (change: AccessChange) => void): () => void {
  emitter.on('change', listener);
  return () => emitter.off('change', listener);
}
