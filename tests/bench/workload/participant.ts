import * as Y from 'yjs';
import { openBenchClient, type BenchClient } from './benchClient.ts';
import { epochNow } from './clock.ts';
import { Typist, randomBetween, someWords } from './typist.ts';
import type { ClientProtocol, ParticipantPlan } from './workerMessages.ts';

/** y-protocols' awareness renews a client's presence this long after its last change. */
const presenceRenewalMs = 15_000;

/** Collects what the participants of one process send and receive. */
export interface EditObserver {
  /** A local edit was sent at `sentAt` and produced a Yjs update of `updateBytes`. */
  sent(sentAt: number, updateBytes: number): void;
  /** A remote edit sent at `sentAt` was applied here at `appliedAt`, from another instance or not. */
  applied(sentAt: number, appliedAt: number, crossInstance: boolean): void;
}

/**
 * One simulated person on a space: a Y.Doc synced through y-websocket's WebsocketProvider, typing a
 * few words every one to two seconds. Each edit also writes its send time under the author's instance
 * and client id (`<instance>:<clientID>`) in the `sentAt` map, so every receiver can tell how long the
 * edit took to reach it, and whether it crossed from another instance.
 */
export class Participant {
  readonly doc = new Y.Doc();
  readonly provider: BenchClient;
  disconnects = 0;
  /** "Saving delayed" notices the server sent this participant (its writes took over 2 s). */
  savingDelayedNotices = 0;
  private readonly text = this.doc.getText('body');
  private readonly sentAt = this.doc.getMap<number>('sentAt');
  private readonly typist = new Typist(this.text);
  private timer: NodeJS.Timeout | null = null;
  private lastUpdateBytes = 0;
  private readonly presenceTimer: NodeJS.Timeout;

  private readonly sentAtKey: string;

  constructor(
    protocol: ClientProtocol,
    readonly plan: ParticipantPlan,
    name: string,
    private readonly observer: EditObserver,
  ) {
    this.provider = openBenchClient(protocol, plan.serverUrl, plan.spaceId, this.doc, plan.params);
    this.sentAtKey = `${plan.instance}:${this.doc.clientID}`;
    this.provider.awareness.setLocalState({ user: { name } });
    // Presence is renewed every 15 s after its last change: one change at a random moment spreads the
    // renewals, as people who opened the document at different times would, instead of all at once.
    this.presenceTimer = setTimeout(
      () => this.provider.awareness.setLocalState({ user: { name } }),
      Math.random() * presenceRenewalMs,
    );
    // The server tells editors when saving lags (Concerto's own message type, as the real client reads it).
    this.provider.onSavingDelayed(() => (this.savingDelayedNotices += 1));
    this.provider.onDisconnect(() => (this.disconnects += 1));
    const ownInstance = `${plan.instance}:`;
    this.doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      if (transaction.local) this.lastUpdateBytes = update.byteLength;
    });
    this.sentAt.observe((event) => {
      if (event.transaction.local) return;
      const appliedAt = epochNow();
      for (const author of event.keysChanged) {
        const sentAt = this.sentAt.get(author);
        if (sentAt !== undefined) observer.applied(sentAt, appliedAt, !author.startsWith(ownInstance));
      }
    });
  }

  /** Resolves true once the first sync is complete, false after `timeoutMs`. */
  synced(timeoutMs: number): Promise<boolean> {
    return this.provider.synced(timeoutMs);
  }

  /** Edits from `startAt` (after a random delay, so people do not type in step) until `stopAt`. */
  startEditing(startAt: number, stopAt: number, pauseMs: { min: number; max: number }): void {
    const next = (delay: number) => {
      this.timer = setTimeout(() => {
        if (epochNow() >= stopAt) return;
        this.edit();
        next(randomBetween(pauseMs.min, pauseMs.max));
      }, delay);
    };
    next(startAt - epochNow() + randomBetween(0, pauseMs.max));
  }

  /** Stops editing (no further edit is scheduled). */
  stopEditing(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private edit(): void {
    const sentAt = epochNow();
    this.doc.transact(() => {
      this.typist.type(someWords(randomBetween(1, 3)));
      this.sentAt.set(this.sentAtKey, sentAt);
    });
    this.observer.sent(sentAt, this.lastUpdateBytes);
  }

  /** Which edits this participant has, as a Yjs state vector in base64 (equal vectors: same document). */
  stateVector(): string {
    return Buffer.from(Y.encodeStateVector(this.doc)).toString('base64');
  }

  /** Closes the connection and frees the document. */
  close(): void {
    this.stopEditing();
    clearTimeout(this.presenceTimer);
    this.provider.destroy();
    this.doc.destroy();
  }
}
