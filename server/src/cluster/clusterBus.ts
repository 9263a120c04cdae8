import { EventEmitter } from 'node:events';

/** Receives the bytes published on one channel. */
export type ChannelListener = (message: Uint8Array) => void;

/**
 * Messages between the instances of one deployment, by channel, as bytes. Every instance, the publisher
 * included, hears what is published on a channel it subscribed to; messages published while the carrier
 * is unreachable may be lost, so users resynchronise on `onReconnect`.
 */
export interface ClusterBus {
  /** Publishes to every subscriber of `channel` on every instance. */
  publish(channel: string, message: Uint8Array): Promise<void>;
  /** Listens to `channel`; returns the function that stops listening. */
  subscribe(channel: string, listener: ChannelListener): () => void;
  /** Called whenever the carrier came back after an interruption (messages may have been missed). */
  onReconnect(listener: () => void): () => void;
  /** Stops listening and disconnects. */
  close(): Promise<void>;
}

/** The bus of a single process: delivery is immediate and nothing is ever missed. */
export class MemoryClusterBus implements ClusterBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(channel: string, message: Uint8Array): Promise<void> {
    this.emitter.emit(channel, message);
  }

  subscribe(channel: string, listener: ChannelListener): () => void {
    this.emitter.on(channel, listener);
    return () => this.emitter.off(channel, listener);
  }

  onReconnect(): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/** Text as bus bytes, and back: JSON payloads (access changes, session ends) travel this way. */
export const encodeJson = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value));
/** Reads a JSON payload published with `encodeJson`. */
export const decodeJson = <Value>(message: Uint8Array): Value =>
  JSON.parse(Buffer.from(message.buffer, message.byteOffset, message.byteLength).toString()) as Value;
