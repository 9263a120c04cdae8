import { open, readdir, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { deserialize, serialize } from 'bson';
import { BSON_READ_OPTIONS } from '../wire-protocol.ts';
import type { Change } from './changes.ts';

// A journal file is a sequence of frames: [payload length u32][CRC-32 of payload u32][payload], the payload
// being the BSON changes of one group commit. A crash can only leave a torn last frame, never acknowledged.
const FRAME_HEADER_BYTES = 8;
const JOURNAL_PATTERN = /^journal\.(\d{6,})\.bson$/;

/** File name of journal `generation` (a snapshot of generation G contains every journal below G). */
export function journalFileName(generation: number): string {
  return `journal.${String(generation).padStart(6, '0')}.bson`;
}

/** The journal files of a data folder, oldest first. */
export async function listJournals(directory: string): Promise<Array<{ generation: number; path: string }>> {
  const entries = await readdir(directory).catch(() => [] as string[]);
  return entries
    .map((name) => ({ match: JOURNAL_PATTERN.exec(name), name }))
    .filter((entry) => entry.match)
    .map((entry) => ({ generation: Number(entry.match?.[1]), path: join(directory, entry.name) }))
    .sort((left, right) => left.generation - right.generation);
}

/** The BSON bytes of one change (a single stored document is at most 16 MiB, so this fits the encoder). */
export function encodeChange(change: Change): Buffer {
  const bytes = serialize(change, { checkKeys: false, ignoreUndefined: true });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** One frame holding already encoded changes. */
export function encodeFrame(changes: readonly Buffer[]): Buffer {
  const payloadBytes = changes.reduce((total, change) => total + change.length, 0);
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payloadBytes);
  let offset = FRAME_HEADER_BYTES;
  for (const change of changes) offset += change.copy(frame, offset);
  frame.writeUInt32LE(payloadBytes, 0);
  frame.writeUInt32LE(crc32(frame.subarray(FRAME_HEADER_BYTES)), 4);
  return frame;
}

function decodePayload(payload: Buffer): Change[] {
  const changes: Change[] = [];
  for (let offset = 0; offset < payload.length;) {
    const size = payload.readInt32LE(offset);
    changes.push(deserialize(payload.subarray(offset, offset + size), BSON_READ_OPTIONS) as Change);
    offset += size;
  }
  return changes;
}

/**
 * Reads a journal's complete frames in order. A torn or corrupt tail (a write the crash interrupted, hence
 * never acknowledged) is cut off the file so later appends follow the last good frame.
 */
export async function readJournal(path: string): Promise<Change[][]> {
  const bytes = await readFile(path);
  const groups: Change[][] = [];
  let offset = 0;
  while (offset + FRAME_HEADER_BYTES <= bytes.length) {
    const payloadBytes = bytes.readUInt32LE(offset);
    const end = offset + FRAME_HEADER_BYTES + payloadBytes;
    if (end > bytes.length) break;
    const payload = bytes.subarray(offset + FRAME_HEADER_BYTES, end);
    if (crc32(payload) !== bytes.readUInt32LE(offset + 4)) break;
    groups.push(decodePayload(payload));
    offset = end;
  }
  if (offset < bytes.length) await truncate(path, offset);
  return groups;
}

/** Fsyncs a directory so a created, renamed or deleted file survives a crash (ignored where unsupported). */
export async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms cannot fsync a directory.
  }
}
