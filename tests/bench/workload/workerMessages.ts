/** The client library a participant uses: y-websocket's provider, or Hocuspocus' (its own protocol). */
export type ClientProtocol = 'y-websocket' | 'hocuspocus';

/** One simulated participant a worker process should run: which document, on which instance, how. */
export interface ParticipantPlan {
  spaceId: string;
  /** Provider server URL of its instance: `ws://127.0.0.1:<port>/collab` for Concerto, bare for the others. */
  serverUrl: string;
  /** Which instance (0-based) `serverUrl` is: latencies between instances are reported apart. */
  instance: number;
  /** Query parameters of the websocket URL (Concerto: `{ token }`; the relay needs none). */
  params: Record<string, string>;
}

/** Parent to worker: open every participant's connection and wait for its first sync. */
export interface ConnectCommand {
  kind: 'connect';
  protocol: ClientProtocol;
  participants: ParticipantPlan[];
  /** Connections opened at once per worker. */
  concurrency: number;
  timeoutMs: number;
}

/** Parent to worker: edit from `startAt`; count what is sent or applied in [measureFrom, measureUntil). */
export interface EditCommand {
  kind: 'edit';
  startAt: number;
  measureFrom: number;
  measureUntil: number;
  /** Pause between two edits of one participant: uniform in [min, max] ms. */
  pauseMs: { min: number; max: number };
}

/** Parent to worker: stop editing, wait until remote edits stop arriving, report. */
export interface StopCommand {
  kind: 'stop';
  drainMs: number;
}

/** Parent to worker: close every connection and exit. */
export interface CloseCommand {
  kind: 'close';
}

/** Every command a worker accepts. */
export type WorkerCommand = ConnectCommand | EditCommand | StopCommand | CloseCommand;

/** What one worker measured during an editing phase. */
export interface WorkerResult {
  /** Edit-to-remote-apply latencies (ms) of edits sent inside the window. */
  latencies: Float64Array;
  /** The same, only between participants connected to different instances. */
  crossLatencies: Float64Array;
  /** For each latency, when its edit was sent, in ms since the window opened. */
  sentOffsets: Float64Array;
  /** Edits sent inside the window. */
  editsInWindow: number;
  /** Remote edits applied inside the window (by arrival time). */
  appliesInWindow: number;
  /** Edits sent in the whole phase, and the bytes of the Yjs updates they produced. */
  editsTotal: number;
  updateBytes: number;
  /** Connections lost during the phase (each is followed by an automatic reconnect). */
  disconnects: number;
  /** "Saving delayed" notices received (the server's writes took over 2 s). */
  savingDelayed: number;
  /** Each participant's space and Yjs state vector (base64) once edits stopped arriving. */
  stateVectors: [spaceId: string, stateVector: string][];
}

/** Every report a worker sends. */
export type WorkerReport =
  | { kind: 'connected'; synced: number; failed: number; elapsedMs: number }
  | { kind: 'result'; result: WorkerResult }
  | { kind: 'closed' }
  | { kind: 'failed'; message: string };
