import { calculateObjectSize, Long } from 'bson';
import { toInteger } from './command-fields.ts';
import { CommandError } from './errors.ts';
import type { Document } from './types.ts';

/** mongod's default size of a find/aggregate first batch. */
const DEFAULT_FIRST_BATCH_SIZE = 101;
/** Batches stay under the 16 MiB reply limit, leaving room for the reply envelope. */
const BATCH_BYTE_BUDGET = 16 * 1024 * 1024 - 64 * 1024;
/** Idle cursors are reclaimed after this long, like mongod's `cursorTimeoutMillis`. */
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface OpenCursor {
  readonly id: Long;
  readonly namespace: string;
  readonly results: readonly Document[];
  position: number;
  lastUsed: number;
}

/** Options of the command opening a cursor. */
export interface CursorOptions {
  batchSize?: number | undefined;
  singleBatch?: boolean | undefined;
}

/** Normalizes a cursor id sent as int64, number or bigint into a map key. */
function cursorKey(value: unknown): string | undefined {
  if (Long.isLong(value)) return value.toString();
  const number = toInteger(value);
  return number === undefined ? undefined : String(number);
}

/** Server-side cursors: results are computed once and handed out in batches by `getMore`. */
export class CursorRegistry {
  private readonly cursors = new Map<string, OpenCursor>();

  /** Returns the `cursor` reply field (`firstBatch`, `id`, `ns`), keeping the rest for getMore. */
  open(namespace: string, results: readonly Document[], options: CursorOptions = {}): Document {
    this.reclaimIdle();
    const batchSize = options.batchSize ?? DEFAULT_FIRST_BATCH_SIZE;
    const firstBatch = takeBatch(results, 0, batchSize);
    if (options.singleBatch || firstBatch.length >= results.length) {
      return { firstBatch, id: Long.ZERO, ns: namespace };
    }
    const id = this.newId();
    this.cursors.set(id.toString(), {
      id,
      namespace,
      results,
      position: firstBatch.length,
      lastUsed: Date.now(),
    });
    return { firstBatch, id, ns: namespace };
  }

  /** Serves a `getMore`; the cursor closes (id 0) once exhausted. */
  next(cursorId: unknown, namespace: string, batchSize: number | undefined): Document {
    const key = cursorKey(cursorId);
    const cursor = key === undefined ? undefined : this.cursors.get(key);
    if (!cursor) throw new CommandError(43, 'CursorNotFound', `cursor id ${String(cursorId)} not found`);
    if (cursor.namespace !== namespace) {
      throw new CommandError(
        13,
        'Unauthorized',
        `Requested getMore on namespace '${namespace}', but cursor belongs to a different namespace ${cursor.namespace}`,
      );
    }
    const nextBatch = takeBatch(cursor.results, cursor.position, batchSize || Number.POSITIVE_INFINITY);
    cursor.position += nextBatch.length;
    cursor.lastUsed = Date.now();
    if (cursor.position >= cursor.results.length) {
      this.cursors.delete(cursor.id.toString());
      return { nextBatch, id: Long.ZERO, ns: namespace };
    }
    return { nextBatch, id: cursor.id, ns: namespace };
  }

  /** Serves `killCursors`; returns the ids that were open and those that were not. */
  kill(cursorIds: readonly unknown[]): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const cursorId of cursorIds) {
      const key = cursorKey(cursorId);
      const cursor = key === undefined ? undefined : this.cursors.get(key);
      if (cursor) {
        this.cursors.delete(key ?? '');
        killed.push(cursor.id);
      } else {
        notFound.push(Long.isLong(cursorId) ? cursorId : Long.fromNumber(toInteger(cursorId) ?? 0));
      }
    }
    return { killed, notFound };
  }

  /** Closes every cursor (server shutdown). */
  clear(): void {
    this.cursors.clear();
  }

  private newId(): Long {
    for (;;) {
      // Stay within 2^53 so drivers that promote int64 to number keep the exact id.
      const id = Long.fromNumber(1 + Math.floor(Math.random() * (Number.MAX_SAFE_INTEGER - 1)));
      if (!this.cursors.has(id.toString())) return id;
    }
  }

  private reclaimIdle(): void {
    const cutoff = Date.now() - IDLE_TIMEOUT_MS;
    for (const [key, cursor] of this.cursors) if (cursor.lastUsed < cutoff) this.cursors.delete(key);
  }
}

/** Up to `count` documents from `start`, cut short before the reply would outgrow 16 MiB (at least one document). */
function takeBatch(results: readonly Document[], start: number, count: number): Document[] {
  const batch: Document[] = [];
  let bytes = 0;
  for (let index = start; index < results.length && batch.length < count; index += 1) {
    const document = results[index];
    if (document === undefined) break;
    bytes += calculateObjectSize(document, { ignoreUndefined: true });
    if (batch.length > 0 && bytes > BATCH_BYTE_BUDGET) break;
    batch.push(document);
  }
  return batch;
}
