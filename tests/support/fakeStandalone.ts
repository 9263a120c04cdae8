import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { BSON } from 'mongodb';

/** A fake `mongod` that answers like a standalone server (no replica set): `hello` and `{ ok: 1 }`. */
export interface FakeStandalone {
  uri: string;
  close(): Promise<void>;
}

const opReply = 1;
const opQuery = 2004;
const opMsg = 2013;

function helloReply(): Record<string, unknown> {
  return {
    helloOk: true,
    ismaster: true,
    isWritablePrimary: true,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: 1,
    minWireVersion: 0,
    maxWireVersion: 25,
    readOnly: false,
    ok: 1,
  };
}

function replyTo(requestId: number, opCode: number, command: Record<string, unknown>): Buffer {
  const name = Object.keys(command)[0]?.toLowerCase() ?? '';
  const body = BSON.serialize(name === 'hello' || name === 'ismaster' ? helloReply() : { ok: 1 });
  const header = Buffer.alloc(16);
  let payload: Buffer;
  if (opCode === opQuery) {
    payload = Buffer.alloc(20);
    payload.writeInt32LE(1, 16); // one document returned
    payload = Buffer.concat([payload, body]);
  } else {
    payload = Buffer.concat([Buffer.alloc(4), Buffer.from([0]), body]); // flags, section kind 0
  }
  header.writeInt32LE(16 + payload.length, 0);
  header.writeInt32LE(requestId + 1_000_000, 4);
  header.writeInt32LE(requestId, 8);
  header.writeInt32LE(opCode === opQuery ? opReply : opMsg, 12);
  return Buffer.concat([header, payload]);
}

function commandOf(message: Buffer, opCode: number): Record<string, unknown> {
  if (opCode === opMsg) return BSON.deserialize(message.subarray(21));
  // OP_QUERY: flags, collection name (C string), skip, limit, then the query document.
  const nameEnd = message.indexOf(0, 20);
  return BSON.deserialize(message.subarray(nameEnd + 9));
}

function serve(socket: Socket): void {
  let buffered = Buffer.alloc(0);
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4 && buffered.length >= buffered.readInt32LE(0)) {
      const message = buffered.subarray(0, buffered.readInt32LE(0));
      buffered = buffered.subarray(message.length);
      const opCode = message.readInt32LE(12);
      socket.write(replyTo(message.readInt32LE(4), opCode, commandOf(message, opCode)));
    }
  });
}

/** Starts the fake on a free loopback port. */
export async function startFakeStandalone(): Promise<FakeStandalone> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    serve(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    uri: `mongodb://127.0.0.1:${port}/concerto`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
