import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import { CollabCloseCode, collabLimits, memberIdOf } from '@concerto/shared';
import { isAllowedContribution } from './contributionGuard.ts';
import { messageType, type DocumentPeer, type SharedDocument } from './sharedDocument.ts';
import type { UpgradeGrant } from './upgradeAuthorizer.ts';
import { rewriteAwarenessUpdate } from './awarenessFilter.ts';
import { editorOf, type Editor } from './editAuthorship.ts';
import { batchWritesThisTurn } from './writeBatching.ts';

const binaryFrame = { binary: true };

/**
 * What a liveness round (every `pingIntervalMs`) does with a connection last heard from at `lastSeen`:
 * close it when its session expired or it stayed silent for three intervals, ask it (a ping) when it
 * has been quiet for half an interval, and leave it alone when it spoke since (an edit, its presence,
 * which clients renew every 15 s, a pong). Pinging every connection in the same round was one long
 * burst of writes that editors felt as a pause.
 */
export function livenessStep(
  lastSeen: number,
  expiresAt: number,
  now: number,
): 'expired' | 'silent' | 'ask' | 'alive' {
  if (expiresAt <= now) return 'expired';
  const quietFor = now - lastSeen;
  if (quietFor > 3 * collabLimits.pingIntervalMs) return 'silent';
  return quietFor >= collabLimits.pingIntervalMs / 2 ? 'ask' : 'alive';
}

/**
 * One authorised websocket on one document. Messages that arrive while the document loads are held
 * (up to a cap); read-only peers have their sync step 2 and updates dropped, never applied.
 */
export class CollabConnection implements DocumentPeer {
  /** Awareness client ids this connection speaks for (removed from presence when it closes). */
  readonly clientIds = new Set<number>();
  lastSeen = Date.now();
  private document: SharedDocument | null = null;
  private held: Uint8Array[] = [];
  private closed = false;

  constructor(
    readonly socket: WebSocket,
    /** The TCP socket under the websocket: its writes are batched per turn of the event loop. */
    private readonly connection: Duplex,
    public grant: UpgradeGrant,
    private readonly logger: Logger,
    private readonly onClose: (connection: CollabConnection) => void,
  ) {
    socket.binaryType = 'nodebuffer';
    socket.on('message', (data: Buffer, isBinary: boolean) => this.receive(data, isBinary));
    socket.on('pong', () => (this.lastSeen = Date.now()));
    socket.on('close', () => this.dispose());
    socket.on('error', () => this.dispose());
  }

  /** Who edits through this connection: its session's professional or family member. */
  get editor(): Editor | null {
    return editorOf(this.grant.auth);
  }

  /** The document this connection is attached to, once loaded. */
  get attachedDocument(): SharedDocument | null {
    return this.document;
  }

  /**
   * Binds the loaded document: sends sync step 1 and the current presence, then replays held messages.
   * Just after a cold load, sync step 1 (the server's state vector, which needs the stored state applied)
   * goes at the next turn: the client's own sync step 1, held meanwhile, is answered from the stored
   * bytes and leaves first.
   */
  attach(document: SharedDocument): void {
    if (this.closed) return;
    this.document = document;
    document.peers.add(this);
    const applied = document.applied;
    if (applied) this.sendSyncStep1(document);
    const states = document.awareness.getStates();
    if (states.size > 0) {
      const awarenessEncoder = encoding.createEncoder();
      encoding.writeVarUint(awarenessEncoder, messageType.awareness);
      encoding.writeVarUint8Array(
        awarenessEncoder,
        awarenessProtocol.encodeAwarenessUpdate(document.awareness, [...states.keys()]),
      );
      this.send(encoding.toUint8Array(awarenessEncoder));
    }
    if (document.savingDelayed) this.send(document.savingMessage());
    const held = this.held;
    this.held = [];
    for (const message of held) this.handle(message);
    // Queued after this turn's writes (batchWritesThisTurn), so the answers above are sent first.
    if (!applied) setImmediate(() => this.sendSyncStep1(document));
  }

  private sendSyncStep1(document: SharedDocument): void {
    if (this.closed) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageType.sync);
    syncProtocol.writeSyncStep1(encoder, document.doc);
    this.send(encoding.toUint8Array(encoder));
  }

  /** Sends a frame, closing the connection if the peer lets too much pile up unread. */
  send(message: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > collabLimits.maxQueuedBytes) {
      this.close(CollabCloseCode.tooSlow, 'too slow');
      return;
    }
    batchWritesThisTurn(this.connection);
    this.socket.send(message, binaryFrame);
  }

  /** Asks the peer for a sign of life (its pong), written with this turn's other frames. */
  ping(): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    batchWritesThisTurn(this.connection);
    this.socket.ping();
  }

  /** Closes with one of the shared close codes. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.socket.close(code, reason);
    // A peer that never answers the closing handshake is cut after a moment.
    setTimeout(() => this.socket.terminate(), 1000).unref();
    this.dispose();
  }

  private receive(data: Buffer, isBinary: boolean): void {
    this.lastSeen = Date.now();
    if (!isBinary) return this.close(CollabCloseCode.malformedMessage, 'binary frames only');
    const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (!this.document) {
      if (this.held.length >= collabLimits.maxPendingMessages)
        return this.close(CollabCloseCode.tooSlow, 'too many messages before sync');
      this.held.push(message);
      return;
    }
    this.handle(message);
  }

  private handle(message: Uint8Array): void {
    const document = this.document!;
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === messageType.sync) this.handleSync(decoder, document);
      else if (type === messageType.awareness)
        this.handleAwareness(decoding.readVarUint8Array(decoder), document);
      else this.close(CollabCloseCode.malformedMessage, 'unknown message type');
    } catch (error) {
      this.logger.warn({ err: error, doc: document.name }, 'malformed collaboration message');
      this.close(CollabCloseCode.malformedMessage, 'malformed message');
    }
  }

  private handleSync(decoder: decoding.Decoder, document: SharedDocument): void {
    const syncType = decoding.readVarUint(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageType.sync);
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(encoder, document.missingFor(decoding.readVarUint8Array(decoder)));
      this.send(encoding.toUint8Array(encoder));
      return;
    }
    if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) {
      throw new Error(`unknown sync message ${syncType}`);
    }
    const update = decoding.readVarUint8Array(decoder);
    const access = this.grant.access;
    // Read-only: the update is dropped here, so it is never applied, broadcast or stored.
    if (access === 'read') return;
    if (access === 'contribute') {
      const memberId = memberIdOf(this.grant.auth.actor) ?? '';
      if (!isAllowedContribution(document.doc, update, memberId, this.grant.auth.displayName)) {
        this.logger.warn({ doc: document.name }, 'contribution outside the allowed parts dropped');
        return;
      }
    }
    const refusal = document.refusalOf(update.byteLength);
    if (refusal === 'documentTooLarge') {
      this.logger.warn({ doc: document.name }, 'edit refused: the document reached its size limit');
      return this.close(CollabCloseCode.documentTooLarge, 'document too large');
    }
    if (refusal === 'savingUnavailable') {
      // The client keeps the edit and sends it again when it reconnects.
      this.logger.error({ doc: document.name }, 'edit refused: too many edits wait for the database');
      return this.close(CollabCloseCode.savingUnavailable, 'saving unavailable, retry later');
    }
    Y.applyUpdate(document.doc, update, this);
  }

  private handleAwareness(update: Uint8Array, document: SharedDocument): void {
    // Presence is limited in size and ids (awarenessFilter), not in rate: dropping a typist's last
    // update would leave her caret where the limit cut her off.
    this.applyPresence(update, document);
  }

  private applyPresence(update: Uint8Array, document: SharedDocument): void {
    const rewritten = rewriteAwarenessUpdate(update, this, document, this.grant.auth);
    if (rewritten) awarenessProtocol.applyAwarenessUpdate(document.awareness, rewritten, this);
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    const document = this.document;
    if (document) {
      document.peers.delete(this);
      awarenessProtocol.removeAwarenessStates(document.awareness, [...this.clientIds], null);
    }
    this.onClose(this);
  }
}
