/** Why the sockets of one or more sessions must close. */
export type SessionEnd =
  /** One session signed out. */
  | { kind: 'session'; sessionId: string }
  /** Every session of an account (deactivated, password changed or reset), except possibly the caller's. */
  | { kind: 'user'; userId: string; exceptSessionId?: string };

/** A live socket (Socket.io or collaboration) opened by one session. */
export interface SessionSocket {
  sessionId: string;
  /** The account behind the session; null for family members (they have no password or account). */
  userId: string | null;
  expiresAt: Date;
  /** Closes the socket: its session ended or expired. */
  end(reason: 'ended' | 'expired'): void;
}

/**
 * Where session ends are announced and heard. Every instance of the server tracks its own sockets and
 * hears every announcement, so an implementation over a pub/sub channel (Redis) drops in beside this one.
 */
export interface SessionRegistry {
  /** Follows a socket until it closes (or its session ends or expires); returns the function to stop. */
  track(socket: SessionSocket): () => void;
  /** Announces that sessions ended; their sockets on every instance close at once. */
  announce(end: SessionEnd): Promise<void>;
  /** Stops the expiry timers (server shutdown). */
  close(): Promise<void>;
}

// setTimeout takes at most 2^31-1 ms (24.8 days); family sessions last 30 days, so long waits re-arm.
const longestTimerMs = 2 ** 31 - 1;

/** The sockets of this instance, by session, each with a timer that closes it when its session expires. */
export class LocalSessionSockets {
  private readonly timers = new Map<SessionSocket, ReturnType<typeof setTimeout>>();

  /** Adds a socket and arms its expiry; returns the function that forgets it. */
  add(socket: SessionSocket): () => void {
    this.arm(socket);
    return () => this.forget(socket);
  }

  /** Closes every local socket the announcement concerns. */
  endMatching(end: SessionEnd): void {
    for (const socket of [...this.timers.keys()]) {
      const matches =
        end.kind === 'session'
          ? socket.sessionId === end.sessionId
          : socket.userId === end.userId && socket.sessionId !== end.exceptSessionId;
      if (matches) this.finish(socket, 'ended');
    }
  }

  /** Forgets every socket and timer. */
  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private arm(socket: SessionSocket): void {
    const remaining = socket.expiresAt.getTime() - Date.now();
    // Even an already expired session is ended from a timer, never inside the caller's `add`.
    const timer = setTimeout(
      () => (remaining <= longestTimerMs ? this.finish(socket, 'expired') : this.arm(socket)),
      Math.max(0, Math.min(remaining, longestTimerMs)),
    );
    timer.unref();
    this.timers.set(socket, timer);
  }

  private forget(socket: SessionSocket): void {
    clearTimeout(this.timers.get(socket));
    this.timers.delete(socket);
  }

  private finish(socket: SessionSocket, reason: 'ended' | 'expired'): void {
    this.forget(socket);
    socket.end(reason);
  }
}

/** The registry of a single server process: announcements are heard in the same process, at once. */
export class MemorySessionRegistry implements SessionRegistry {
  private readonly sockets = new LocalSessionSockets();

  track(socket: SessionSocket): () => void {
    return this.sockets.add(socket);
  }

  async announce(end: SessionEnd): Promise<void> {
    this.sockets.endMatching(end);
  }

  async close(): Promise<void> {
    this.sockets.clear();
  }
}
