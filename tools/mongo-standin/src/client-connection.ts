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

function answer(incoming: IncomingCommand, dispatcher: CommandDispatcher, connectionId: number): Buffer {
  const reply = dispatcher.run(incoming.command, { connectionId, legacy: incoming.opCode === OP_QUERY });
  try {
    return encode(incoming, reply);
  } catch (error) {
    // E.g. a reply over the BSON size limit: report it instead of dropping the connection.
    return encode(incoming, asCommandError(error).toResponse());
  }
}

/**
 * Serves one client socket: frames are decoded and answered in order. A malformed frame closes
 * this socket only; nothing here may throw into the event loop.
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
  socket.on('data', (chunk: Buffer) => {
    try {
      for (const frame of splitter.push(chunk)) {
        if (socket.destroyed) return;
        const incoming = decodeMessage(frame);
        const reply = answer(incoming, dispatcher, connectionId);
        if (!incoming.moreToCome) socket.write(reply);
      }
    } catch {
      socket.destroy();
    }
  });
}
