// The bare relay's counterpart of Concerto's document relay, for `--instances`: each loaded document
// subscribes to a Redis channel of its own; what local clients send is published there, and what the
// other instances publish is applied locally (so the stock relay sends it on to its clients). A
// joining instance publishes its state vector; the others answer with what it lacks.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { getYDoc } from '@y/websocket-server/utils';

const fromRedis = Symbol('another instance');
const sync = 0;
const awareness = 1;

type SharedDoc = ReturnType<typeof getYDoc>;

/** Relays the stock relay's documents over Redis pub/sub; `follow` is called before each connection. */
export function relayOverRedis(url: string): { follow(docName: string): void } {
  const instanceId = randomUUID();
  const publisher = new Redis(url);
  const subscriber = new Redis(url);
  const followed = new Map<string, SharedDoc>();

  const publish = (docName: string, write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, instanceId);
    write(encoder);
    void publisher.publish(docName, Buffer.from(encoding.toUint8Array(encoder)));
  };

  subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const doc = followed.get(channel.toString());
    if (!doc) return;
    const decoder = decoding.createDecoder(new Uint8Array(message));
    if (decoding.readVarString(decoder) === instanceId) return;
    const type = decoding.readVarUint(decoder);
    if (type === awareness) {
      awarenessProtocol.applyAwarenessUpdate(doc.awareness, decoding.readVarUint8Array(decoder), fromRedis);
    } else if (type === sync && decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep1) {
      const missing = Y.encodeStateAsUpdate(doc, decoding.readVarUint8Array(decoder));
      if (missing.byteLength > 2) publish(doc.name, (encoder) => writeUpdate(encoder, missing));
    } else if (type === sync) {
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder), fromRedis);
    }
  });

  const writeUpdate = (encoder: encoding.Encoder, update: Uint8Array) => {
    encoding.writeVarUint(encoder, sync);
    syncProtocol.writeUpdate(encoder, update);
  };

  return {
    follow(docName) {
      if (followed.has(docName)) return;
      const doc = getYDoc(docName);
      followed.set(docName, doc);
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== fromRedis) publish(docName, (encoder) => writeUpdate(encoder, update));
      });
      doc.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
        if (origin === fromRedis) return;
        const clients = [...(added ?? []), ...(updated ?? []), ...(removed ?? [])];
        publish(docName, (encoder) => {
          encoding.writeVarUint(encoder, awareness);
          encoding.writeVarUint8Array(
            encoder,
            awarenessProtocol.encodeAwarenessUpdate(doc.awareness, clients),
          );
        });
      });
      doc.on('destroy', () => {
        followed.delete(docName);
        void subscriber.unsubscribe(docName);
      });
      // Asked once subscribed, so the answers are heard.
      void subscriber.subscribe(docName).then(() =>
        publish(docName, (encoder) => {
          encoding.writeVarUint(encoder, sync);
          syncProtocol.writeSyncStep1(encoder, doc);
        }),
      );
    },
  };
}
