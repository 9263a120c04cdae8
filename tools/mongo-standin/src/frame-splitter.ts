import { HEADER_SIZE, ProtocolError } from './wire-protocol.ts';

/**
 * Reassembles wire-protocol frames from TCP chunks: a chunk may hold part of a message or several
 * messages. Chunks are only concatenated once a whole frame is available.
 */
export class FrameSplitter {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxMessageBytes: number) {}

  /** Adds received bytes; returns the frames completed by them. Throws `ProtocolError` on an impossible length. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    for (;;) {
      const length = this.peekLength();
      if (length === undefined || this.buffered < length) break;
      const all =
        this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.buffered);
      frames.push(all.subarray(0, length));
      const rest = all.subarray(length);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
    }
    return frames;
  }

  private peekLength(): number | undefined {
    if (this.buffered < 4) return undefined;
    const first = this.chunks[0] as Buffer;
    const prefix = first.length >= 4 ? first : Buffer.concat(this.chunks, this.buffered);
    const length = prefix.readInt32LE(0);
    if (length < HEADER_SIZE || length > this.maxMessageBytes) {
      throw new ProtocolError(`invalid message length ${length}`);
    }
    return length;
  }
}
