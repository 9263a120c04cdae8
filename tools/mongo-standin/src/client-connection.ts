import type { Socket } from 'node:net';
import type { CommandDispatcher } from './command-dispatcher.ts';
import { asCommandError } from './errors.ts';
import { FrameSplitter } from './frame-splitter.ts';
import {
  decodeMessage,
  encodeLegacyReply,
  encodeReply,
  OP_QUERY,
  type IncomingCommand,
} from './wire-protocol.ts';

/** Hands out increasing reply request ids across all connections. */
let lastReplyId = 0;
function nextReplyId(): number {
  lastReplyId = (lastReplyId + 1) & 0x7fffffff;
  return lastReplyId;
}

function encode(incoming: IncomingCommand, reply: Record<string, unknown>): Buffer {
  const requestId = nextReplyId();
  return incoming.opCode === OP_QUERY
    ? encodeLegacyReply(requestId, incoming.requestId, reply)
    : encodeReply(requestId, incoming.requestId, reply);
}

async function answer(
  incoming: IncomingCommand,
  dispatcher: CommandDispatcher,
  connectionId: number,
): Promise<Buffer> {
  const reply = await dispatcher.run(incoming.command, {
    connectionId,
    legacy: incoming.opCode === OP_QUERY,
  });
  try {
    return encode(incoming, reply);
  } catch (error) {
    // E.g. a reply over the BSON size limit: report it instead of dropping the connection.
    return encode(incoming, asCommandError(error).toResponse());
  }
}

/**
 * Serves one client socket: frames are decoded and answered one after the other, in order (a command
 * may wait for the journal or for a transaction's lock). A malformed frame closes this socket only;
 * nothing here may throw into the event loop.
 */
export function serveConnection(
  socket: Socket,
  dispatcher: CommandDispatcher,
  connectionId: number,
  maxMessageBytes: number,
): void {
  const splitter = new FrameSplitter(maxMessageBytes);
  socket.setNoDelay(true);
  socket.on('error', () => socket.destroy());
  let queue: Promise<void> = Promise.resolve();
  const handle = async (frame: Buffer) => {
    if (socket.destroyed) return;
    const incoming = decodeMessage(frame);
    const reply = await answer(incoming, dispatcher, connectionId);
    if (!incoming.moreToCome && !socket.destroyed) socket.write(reply);
  };
  socket.on('data', (chunk: Buffer) => {
    try {
      for (const frame of splitter.push(chunk)) {
        queue = queue.then(() => handle(frame)).catch(() => void socket.destroy());
      }
    } catch {
      socket.destroy();
    }
  });
}
