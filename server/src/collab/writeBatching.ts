import type { Duplex } from 'node:stream';

const corked = new Set<Duplex>();
let uncorkScheduled = false;

function uncorkAll(): void {
  uncorkScheduled = false;
  for (const socket of corked) socket.uncork();
  corked.clear();
}

/**
 * Holds the frames written to `socket` until the event loop has handled every message it read in this
 * turn, then sends them in one write: under load, a peer receives several updates per turn, and one
 * system call for all of them instead of one each is most of what a broadcast costs.
 */
export function batchWritesThisTurn(socket: Duplex): void {
  if (corked.has(socket) || socket.destroyed) return;
  socket.cork();
  corked.add(socket);
  if (uncorkScheduled) return;
  uncorkScheduled = true;
  setImmediate(uncorkAll);
}
