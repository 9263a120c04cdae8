import type { InstanceChannel } from '../cluster/instanceChannel.ts';
import {
  LocalSessionSockets,
  type SessionEnd,
  type SessionRegistry,
  type SessionSocket,
} from './sessionRegistry.ts';

/**
 * The registry of several instances: an end closes this instance's sockets at once and is published
 * (Redis pub/sub) so every other instance closes its own within milliseconds.
 */
export class ClusterSessionRegistry implements SessionRegistry {
  private readonly sockets = new LocalSessionSockets();
  private readonly stopListening: () => void;

  constructor(private readonly channel: InstanceChannel<SessionEnd>) {
    this.stopListening = channel.listen((end) => this.sockets.endMatching(end));
  }

  track(socket: SessionSocket): () => void {
    return this.sockets.add(socket);
  }

  async announce(end: SessionEnd): Promise<void> {
    this.sockets.endMatching(end);
    this.channel.send(end);
  }

  async close(): Promise<void> {
    this.stopListening();
    this.sockets.clear();
  }
}
