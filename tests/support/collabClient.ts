import WebSocket from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** How an attempt to open a collaboration websocket ended. */
export type ConnectOutcome =
  { ok: true; client: CollabTestClient } | { ok: false; status: number; body: string };

/** A y-websocket protocol client for tests: a real Y.Doc synced over a real websocket. */
export class CollabTestClient {
  readonly awareness: awarenessProtocol.Awareness;
  synced = false;
  closeCode: number | null = null;
  closedAt: number | null = null;
  readonly received: Uint8Array[] = [];

  constructor(
    readonly socket: WebSocket,
    readonly doc: Y.Doc = new Y.Doc(),
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    socket.binaryType = 'nodebuffer';
    socket.on('message', (data: Buffer) => this.receive(new Uint8Array(data)));
    socket.on('close', (code) => {
      this.closeCode = code;
      this.closedAt = Date.now();
    });
    this.doc.on('update', this.forward);
    this.awareness.on(
      'update',
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        if (origin === this) return;
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, 1);
        encoding.writeVarUint8Array(
          encoder,
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]),
        );
        this.sendRaw(encoding.toUint8Array(encoder));
      },
    );
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.sendRaw(encoding.toUint8Array(encoder));
  }

  /** Opens `/collab/<spaceId>` with a cookie or bearer token, resolving once the upgrade is answered. */
  static connect(
    baseUrl: string,
    spaceId: string,
    credentials: { cookie?: string; token?: string; collabToken?: string; origin?: string },
    doc?: Y.Doc,
  ): Promise<ConnectOutcome> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/collab/${spaceId}${credentials.collabToken ? `?token=${encodeURIComponent(credentials.collabToken)}` : ''}`;
    const headers: Record<string, string> = {};
    if (credentials.cookie) headers.Cookie = credentials.cookie;
    if (credentials.token) headers.Authorization = `Bearer ${credentials.token}`;
    if (credentials.origin) headers.Origin = credentials.origin;
    const socket = new WebSocket(url, { headers });
    return new Promise((resolve) => {
      socket.once('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ ok: false, status: response.statusCode ?? 0, body }));
      });
      socket.once('open', () => resolve({ ok: true, client: new CollabTestClient(socket, doc) }));
      socket.once('error', () => undefined);
    });
  }

  private readonly forward = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, update);
    this.sendRaw(encoding.toUint8Array(encoder));
  };

  /** Sends a raw frame (tests use it for malformed input). */
  sendRaw(message: Uint8Array): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(message);
  }

  private receive(message: Uint8Array): void {
    this.received.push(message);
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type === 0) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      const syncType = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
      if (syncType === syncProtocol.messageYjsSyncStep2) this.synced = true;
      if (encoding.length(encoder) > 1) this.sendRaw(encoding.toUint8Array(encoder));
    } else if (type === 1) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    }
  }

  /** Closes the socket; the document stays, as a client's offline copy would. */
  close(): void {
    this.doc.off('update', this.forward);
    this.awareness.destroy();
    this.socket.close();
  }
}

/** Opens a space's document and waits for the first sync; fails the test if the server refuses. */
export async function openSynced(
  baseUrl: string,
  spaceId: string,
  credentials: { cookie?: string; token?: string },
): Promise<CollabTestClient> {
  const outcome = await CollabTestClient.connect(baseUrl, spaceId, credentials);
  if (!outcome.ok) throw new Error(`connection refused with ${outcome.status}`);
  await waitFor(() => outcome.client.synced, 5000, 'first sync');
  return outcome.client;
}

/** Polls until `check` returns true (or fails the test after `timeoutMs`). */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
