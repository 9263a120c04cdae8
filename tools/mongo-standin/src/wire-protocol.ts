import { deserialize, serialize, type DeserializeOptions } from 'bson';
import type { Document } from './types.ts';

/** Legacy reply opcode, answered to OP_QUERY handshakes. */
export const OP_REPLY = 1;
/** Legacy query opcode, still used by drivers for the very first handshake. */
export const OP_QUERY = 2004;
/** The modern message opcode carrying every other command. */
export const OP_MSG = 2013;

/** Size of the standard message header (length, requestID, responseTo, opCode). */
export const HEADER_SIZE = 16;

const CHECKSUM_PRESENT = 1 << 0;
const MORE_TO_COME = 1 << 1;
// Bits 0-15 are "required": an unknown one set means we cannot process the message.
const KNOWN_REQUIRED_FLAGS = CHECKSUM_PRESENT | MORE_TO_COME;

/** Same decoding as the driver's defaults, and the snapshot file uses it too, so stored values round-trip exactly. */
export const BSON_READ_OPTIONS: DeserializeOptions = {
  promoteLongs: true,
  promoteValues: true,
  promoteBuffers: false,
  bsonRegExp: false,
};

/** A frame that does not follow the wire protocol; the connection carrying it is closed. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** A command decoded from one message. */
export interface IncomingCommand {
  readonly requestId: number;
  readonly opCode: number;
  readonly command: Document;
  /** The client expects no reply (OP_MSG `moreToCome`, e.g. unacknowledged writes). */
  readonly moreToCome: boolean;
}

function readDocument(frame: Buffer, offset: number, end: number): { document: Document; next: number } {
  if (offset + 5 > end) throw new ProtocolError('truncated BSON document');
  const size = frame.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolError('invalid BSON document length');
  try {
    return {
      document: deserialize(frame.subarray(offset, offset + size), BSON_READ_OPTIONS),
      next: offset + size,
    };
  } catch (error) {
    throw new ProtocolError(`invalid BSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function readCString(frame: Buffer, offset: number, end: number): { text: string; next: number } {
  const terminator = frame.indexOf(0, offset);
  if (terminator < 0 || terminator >= end) throw new ProtocolError('unterminated string');
  return { text: frame.toString('utf8', offset, terminator), next: terminator + 1 };
}

function decodeOpMsg(frame: Buffer, requestId: number): IncomingCommand {
  if (frame.length < HEADER_SIZE + 5) throw new ProtocolError('OP_MSG too short');
  const flags = frame.readUInt32LE(HEADER_SIZE);
  if ((flags & 0xffff & ~KNOWN_REQUIRED_FLAGS) !== 0) throw new ProtocolError('unsupported OP_MSG flags');
  // The CRC-32C trailer is optional on TCP; we drop it rather than verify it.
  const end = flags & CHECKSUM_PRESENT ? frame.length - 4 : frame.length;
  let body: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  let offset = HEADER_SIZE + 4;
  while (offset < end) {
    const kind = frame.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      if (body) throw new ProtocolError('OP_MSG has more than one body section');
      const read = readDocument(frame, offset, end);
      body = read.document;
      offset = read.next;
    } else if (kind === 1) {
      if (offset + 4 > end) throw new ProtocolError('truncated document sequence');
      const sectionEnd = offset + frame.readInt32LE(offset);
      if (sectionEnd <= offset + 4 || sectionEnd > end)
        throw new ProtocolError('invalid document sequence length');
      const identifier = readCString(frame, offset + 4, sectionEnd);
      const documents: Document[] = [];
      for (let position = identifier.next; position < sectionEnd;) {
        const read = readDocument(frame, position, sectionEnd);
        documents.push(read.document);
        position = read.next;
      }
      sequences.push([identifier.text, documents]);
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new ProtocolError('OP_MSG without body section');
  // Document sequences (insert `documents`, update `updates`…) are fields of the command.
  for (const [identifier, documents] of sequences) body[identifier] = documents;
  return { requestId, opCode: OP_MSG, command: body, moreToCome: (flags & MORE_TO_COME) !== 0 };
}

function decodeOpQuery(frame: Buffer, requestId: number): IncomingCommand {
  const namespace = readCString(frame, HEADER_SIZE + 4, frame.length);
  const queryOffset = namespace.next + 8; // numberToSkip, numberToReturn
  let { document: query } = readDocument(frame, queryOffset, frame.length);
  const dot = namespace.text.indexOf('.');
  const databaseName = dot > 0 ? namespace.text.slice(0, dot) : 'admin';
  // Wrapped form used when a read preference travels with the query.
  if (typeof query['$query'] === 'object' && query['$query'] !== null) query = query['$query'] as Document;
  return { requestId, opCode: OP_QUERY, command: { ...query, $db: databaseName }, moreToCome: false };
}

/** Decodes one complete frame (header included); throws `ProtocolError` if malformed or of an unsupported opcode. */
export function decodeMessage(frame: Buffer): IncomingCommand {
  if (frame.length < HEADER_SIZE) throw new ProtocolError('frame shorter than a header');
  const requestId = frame.readInt32LE(4);
  const opCode = frame.readInt32LE(12);
  if (opCode === OP_MSG) return decodeOpMsg(frame, requestId);
  if (opCode === OP_QUERY) return decodeOpQuery(frame, requestId);
  throw new ProtocolError(`unsupported opcode ${opCode}`);
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const bytes = Buffer.alloc(HEADER_SIZE);
  bytes.writeInt32LE(length, 0);
  bytes.writeInt32LE(requestId, 4);
  bytes.writeInt32LE(responseTo, 8);
  bytes.writeInt32LE(opCode, 12);
  return bytes;
}

function encodeDocument(document: Document): Uint8Array {
  return serialize(document, { checkKeys: false, ignoreUndefined: true });
}

/** Encodes an OP_MSG reply with a single body section. */
export function encodeReply(requestId: number, responseTo: number, document: Document): Buffer {
  const body = encodeDocument(document);
  const prefix = Buffer.alloc(5); // flagBits = 0, section kind 0
  const length = HEADER_SIZE + prefix.length + body.length;
  return Buffer.concat([header(length, requestId, responseTo, OP_MSG), prefix, body], length);
}

/** Encodes an OP_REPLY, the answer mongod gives to legacy OP_QUERY handshakes. */
export function encodeLegacyReply(requestId: number, responseTo: number, document: Document): Buffer {
  const body = encodeDocument(document);
  const fields = Buffer.alloc(20); // responseFlags, cursorID (int64), startingFrom, numberReturned
  fields.writeInt32LE(1, 16);
  const length = HEADER_SIZE + fields.length + body.length;
  return Buffer.concat([header(length, requestId, responseTo, OP_REPLY), fields, body], length);
}
