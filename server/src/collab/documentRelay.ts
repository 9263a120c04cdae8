import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import type { ClusterBus } from '../cluster/clusterBus.ts';
import { messageType, remoteOrigin, type SharedDocument } from './sharedDocument.ts';

/** Asks the other instances for every presence they hold (y-websocket's awareness query). */
const awarenessQuery = 3;
/** A state vector sent back to an asker: it answers with what we lack, and asks nothing in return. */
const counterAsk = 4;

const channelOf = (name: string) => `concerto:doc:${name}`;

/**
 * Carries a document's updates and presence between the instances that have it loaded (Redis pub/sub,
 * one channel per document, as Hocuspocus' Redis extension does). An instance subscribes only to the
 * documents it loaded; it publishes what its own clients send and applies what others publish with
 * `remoteOrigin`, which its local peers receive and which is never published again. On joining, and after
 * Redis comes back, it sends its state vector: the others answer with what it lacks, and their presence.
 */
export class DocumentRelay {
  private readonly joined = new Map<string, { document: SharedDocument; leave: () => void }>();
  private readonly stopReconnect: () => void;

  constructor(
    private readonly bus: ClusterBus,
    private readonly instanceId: string,
    private readonly logger: Logger,
  ) {
    this.stopReconnect = bus.onReconnect(() => {
      for (const { document } of this.joined.values()) this.askForMissing(document);
    });
  }

  /** Follows a freshly loaded document on every instance that has it. */
  join(document: SharedDocument): void {
    const unsubscribe = this.bus.subscribe(channelOf(document.name), (message) =>
      this.receive(document, message),
    );
    document.relayOut = (message) => this.publish(document.name, message);
    this.joined.set(document.name, {
      document,
      leave: () => {
        unsubscribe();
        document.relayOut = null;
      },
    });
    this.askForMissing(document);
  }

  /** Stops following a document (it is being unloaded). */
  leave(document: SharedDocument): void {
    this.joined.get(document.name)?.leave();
    this.joined.delete(document.name);
  }

  /** Stops everything (server shutdown). */
  close(): void {
    this.stopReconnect();
    for (const { leave } of this.joined.values()) leave();
    this.joined.clear();
  }

  private askForMissing(document: SharedDocument): void {
    const sync = encoding.createEncoder();
    encoding.writeVarUint(sync, messageType.sync);
    syncProtocol.writeSyncStep1(sync, document.doc);
    this.publish(document.name, encoding.toUint8Array(sync));
    const query = encoding.createEncoder();
    encoding.writeVarUint(query, awarenessQuery);
    this.publish(document.name, encoding.toUint8Array(query));
  }

  private publish(name: string, message: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.instanceId);
    encoding.writeUint8Array(encoder, message);
    this.bus.publish(channelOf(name), encoding.toUint8Array(encoder)).catch((error: unknown) => {
      // Redis is away: the other instances ask for what they missed when it returns.
      this.logger.debug({ err: error, doc: name }, 'update not carried to the other instances');
    });
  }

  private receive(document: SharedDocument, message: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarString(decoder) === this.instanceId) return;
      const type = decoding.readVarUint(decoder);
      if (type === messageType.sync) this.receiveSync(document, decoder);
      else if (type === messageType.awareness)
        awarenessProtocol.applyAwarenessUpdate(
          document.awareness,
          decoding.readVarUint8Array(decoder),
          remoteOrigin,
        );
      else if (type === awarenessQuery) this.answerPresence(document);
      else if (type === counterAsk) this.answerWithMissing(document, decoding.readVarUint8Array(decoder));
    } catch (error) {
      this.logger.error({ err: error, doc: document.name }, 'unreadable message from another instance');
    }
  }

  private receiveSync(document: SharedDocument, decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      this.answerWithMissing(document, decoding.readVarUint8Array(decoder));
      // The asker may hold what we lack too (edits made while Redis was away): we ask back, once.
      const back = encoding.createEncoder();
      encoding.writeVarUint(back, counterAsk);
      encoding.writeVarUint8Array(back, Y.encodeStateVector(document.doc));
      this.publish(document.name, encoding.toUint8Array(back));
      return;
    }
    Y.applyUpdate(document.doc, decoding.readVarUint8Array(decoder), remoteOrigin);
  }

  private answerWithMissing(document: SharedDocument, stateVector: Uint8Array): void {
    const missing = Y.encodeStateAsUpdate(document.doc, stateVector);
    // Nothing the asker lacks (an empty update is two zero bytes): no answer.
    if (missing.byteLength <= 2) return;
    const answer = encoding.createEncoder();
    encoding.writeVarUint(answer, messageType.sync);
    syncProtocol.writeUpdate(answer, missing);
    this.publish(document.name, encoding.toUint8Array(answer));
  }

  private answerPresence(document: SharedDocument): void {
    const clients = [...document.awareness.getStates().keys()];
    if (clients.length === 0) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageType.awareness);
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(document.awareness, clients),
    );
    this.publish(document.name, encoding.toUint8Array(encoder));
  }
}
