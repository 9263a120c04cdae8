import { calculateObjectSize } from 'bson';
import { CommandError, badValue } from './errors.ts';
import type { Document } from './types.ts';

/** Largest document MongoDB stores (`maxBsonObjectSize`). */
export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
/** Largest BSON object MongoDB parses at all (16 MiB plus 16 KiB of command overhead). */
export const MAX_INTERNAL_BSON_SIZE = MAX_BSON_OBJECT_SIZE + 16 * 1024;

function sizeOf(document: Document): number {
  return calculateObjectSize(document, { ignoreUndefined: true });
}

/**
 * Refuses a document to insert over 16 MiB as mongod does: past the parser's limit the whole command fails
 * with BSONObjectTooLarge (10334); just over 16 MiB the statement fails with BadValue.
 */
export function assertInsertable(document: Document): void {
  const size = sizeOf(document);
  if (size > MAX_INTERNAL_BSON_SIZE) {
    throw new CommandError(
      10334,
      'BSONObjectTooLarge',
      `BSONObj size: ${size} (0x${size.toString(16).toUpperCase()}) is invalid. Size must be between 0 and ${MAX_INTERNAL_BSON_SIZE}(16MB)`,
    );
  }
  if (size > MAX_BSON_OBJECT_SIZE)
    throw badValue(`object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_OBJECT_SIZE}`);
}

/** Refuses an update whose result would be over 16 MiB (code 17419, as mongod). */
export function assertUpdatedSize(document: Document): void {
  if (sizeOf(document) > MAX_BSON_OBJECT_SIZE) {
    throw new CommandError(
      17419,
      'Location17419',
      `Resulting document after update is larger than ${MAX_BSON_OBJECT_SIZE}`,
    );
  }
}
