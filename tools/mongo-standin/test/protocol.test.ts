import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deserialize, serialize, type Document } from 'bson';
import type { Connection } from 'mongoose';
import { startStandin, type Standin } from '../src/index.ts';
import { connectTo, nativeDb } from './standin-harness.ts';

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;

function header(length: number, requestId: number, opCode: number): Buffer {
  const bytes = Buffer.alloc(16);
  bytes.writeInt32LE(length, 0);
  bytes.writeInt32LE(requestId, 4);
  bytes.writeInt32LE(opCode, 12);
  return bytes;
}

function opMsg(requestId: number, command: Document, flags = 0, trailer = Buffer.alloc(0)): Buffer {
  const body = Buffer.from(serialize(command));
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32LE(flags, 0);
  const length = 16 + prefix.length + body.length + trailer.length;
  return Buffer.concat([header(length, requestId, OP_MSG), prefix, body, trailer]);
}

function opQuery(requestId: number, namespace: string, query: Document): Buffer {
  const parts = [
    Buffer.alloc(4),
    Buffer.from(`${namespace}\0`),
    Buffer.alloc(8),
    Buffer.from(serialize(query)),
  ];
  const body = Buffer.concat(parts);
  return Buffer.concat([header(16 + body.length, requestId, OP_QUERY), body]);
}

interface Reply {
  responseTo: number;
  opCode: number;
  document: Document;
}

/** A bare TCP client collecting every reply frame the server sends. */
class RawClient {
  readonly replies: Reply[] = [];
  readonly closed: Promise<void>;
  private buffered = Buffer.alloc(0);
  private readonly socket: Socket;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.setNoDelay(true);
    this.socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => this.socket.once('close', () => resolve()));
    this.socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      while (this.buffered.length >= 4 && this.buffered.length >= this.buffered.readInt32LE(0)) {
        const frame = this.buffered.subarray(0, this.buffered.readInt32LE(0));
        this.buffered = this.buffered.subarray(frame.length);
        const opCode = frame.readInt32LE(12);
        const documentOffset = opCode === OP_REPLY ? 36 : 21;
        this.replies.push({
          responseTo: frame.readInt32LE(8),
          opCode,
          document: deserialize(frame.subarray(documentOffset)),
        });
      }
    });
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  async waitForReplies(count: number): Promise<Reply[]> {
    const deadline = Date.now() + 2000;
    while (this.replies.length < count && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5));
    return this.replies;
  }

  end(): void {
    this.socket.destroy();
  }
}

describe('MongoDB stand-in: wire protocol robustness', () => {
  let standin: Standin;
  let connection: Connection;

  beforeAll(async () => {
    standin = await startStandin();
    connection = await connectTo(standin, 'protocol');
  });

  afterAll(async () => {
    await connection.close();
    await standin.close();
  });

  it('closes only the socket that sent garbage; other clients keep working', async () => {
    const garbage = new RawClient(standin.port);
    garbage.send(Buffer.from('GET / HTTP/1.1\r\nHost: nope\r\n\r\n'));
    await garbage.closed;

    const oversized = new RawClient(standin.port);
    oversized.send(header(100 * 1024 * 1024, 1, OP_MSG));
    await oversized.closed;

    const badBson = new RawClient(standin.port);
    const frame = opMsg(1, { ping: 1 });
    frame.writeInt32LE(9999, 21); // corrupt the BSON length inside a well-framed message
    badBson.send(frame);
    await badBson.closed;

    const unknownOpcode = new RawClient(standin.port);
    unknownOpcode.send(Buffer.concat([header(20, 1, 2010), Buffer.alloc(4)]));
    await unknownOpcode.closed;

    await nativeDb(connection).collection('survivors').insertOne({ alive: true });
    expect(await nativeDb(connection).collection('survivors').countDocuments()).toBe(1);
  });

  it('reassembles frames split across writes and splits several frames in one write', async () => {
    const client = new RawClient(standin.port);
    const hello = opMsg(7, { hello: 1, $db: 'admin' });
    for (let offset = 0; offset < hello.length; offset += 3) {
      client.send(hello.subarray(offset, offset + 3));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    client.send(Buffer.concat([opMsg(8, { ping: 1, $db: 'admin' }), opMsg(9, { ping: 1, $db: 'admin' })]));
    const replies = await client.waitForReplies(3);
    expect(replies.map((reply) => reply.responseTo)).toEqual([7, 8, 9]);
    expect(replies[0]?.document).toMatchObject({ isWritablePrimary: true, setName: 'rs0', ok: 1 });
    expect(replies[1]?.document).toMatchObject({ ok: 1 });
    client.end();
  });

  it('answers a legacy OP_QUERY handshake with OP_REPLY and refuses other legacy commands', async () => {
    const client = new RawClient(standin.port);
    client.send(opQuery(11, 'admin.$cmd', { isMaster: 1, helloOk: true }));
    client.send(opQuery(12, 'protocol.$cmd', { find: 'anything' }));
    const [handshake, refused] = await client.waitForReplies(2);
    expect(handshake).toMatchObject({ responseTo: 11, opCode: OP_REPLY });
    expect(handshake?.document).toMatchObject({ ismaster: true, helloOk: true, maxWireVersion: 25, ok: 1 });
    expect(refused?.document).toMatchObject({ ok: 0, code: 352 });
    client.end();
  });

  it('strips checksums, accepts document sequences and stays silent for moreToCome', async () => {
    const client = new RawClient(standin.port);
    client.send(opMsg(21, { ping: 1, $db: 'admin' }, 1, Buffer.from([1, 2, 3, 4])));

    // An insert whose documents travel in a kind-1 section, sent fire-and-forget (moreToCome).
    const body = Buffer.from(serialize({ insert: 'sequenced', $db: 'protocol' }));
    const documents = [{ n: 1 }, { n: 2 }].map((document) => Buffer.from(serialize(document)));
    const identifier = Buffer.from('documents\0');
    const sectionSize = Buffer.alloc(4);
    sectionSize.writeInt32LE(4 + identifier.length + documents.reduce((sum, bytes) => sum + bytes.length, 0));
    const sections = Buffer.concat([
      Buffer.from([0]),
      body,
      Buffer.from([1]),
      sectionSize,
      identifier,
      ...documents,
    ]);
    const flags = Buffer.alloc(4);
    flags.writeUInt32LE(2);
    client.send(Buffer.concat([header(16 + 4 + sections.length, 22, OP_MSG), flags, sections]));

    client.send(opMsg(23, { count: 'sequenced', $db: 'protocol' }));
    const replies = await client.waitForReplies(2);
    expect(replies.map((reply) => reply.responseTo)).toEqual([21, 23]);
    expect(replies[1]?.document).toMatchObject({ n: 2, ok: 1 });
    client.end();
  });
});
